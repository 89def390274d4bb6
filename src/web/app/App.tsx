import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { HomePage } from '../features/public/HomePage';
import { LocationsPage } from '../features/public/LocationsPage';
import { NotFoundPage } from '../features/public/NotFoundPage';
import { AppointmentPage } from '../features/public/appointment/AppointmentPage';
import { Layout } from '../ui/Layout';
import { Loading } from '../ui/QueryState';
import { I18nProvider } from './i18n/I18nProvider';

// The booking flow carries the Zod contracts for validation: load it when needed.
const BookingPage = lazy(() => import('../features/public/booking/BookingPage').then((m) => ({ default: m.BookingPage })));

// The staff console is one chunk of its own (all pages from one module); patients never download it.
const consolePages = () => import('../features/console/console-pages');
const Console = {
  Root: lazy(() => consolePages().then((m) => ({ default: m.ConsoleRoot }))),
  Layout: lazy(() => consolePages().then((m) => ({ default: m.ConsoleLayout }))),
  AuthLayout: lazy(() => consolePages().then((m) => ({ default: m.ConsoleAuthLayout }))),
  RequireSession: lazy(() => consolePages().then((m) => ({ default: m.RequireSession }))),
  RequireAdmin: lazy(() => consolePages().then((m) => ({ default: m.RequireAdmin }))),
  SignIn: lazy(() => consolePages().then((m) => ({ default: m.SignInPage }))),
  Forgot: lazy(() => consolePages().then((m) => ({ default: m.ForgotPasswordPage }))),
  Reset: lazy(() => consolePages().then((m) => ({ default: m.ResetPasswordPage }))),
  Invite: lazy(() => consolePages().then((m) => ({ default: m.InvitePage }))),
  Enroll: lazy(() => consolePages().then((m) => ({ default: m.EnrollPage }))),
  Desk: lazy(() => consolePages().then((m) => ({ default: m.DeskPage }))),
  Sessions: lazy(() => consolePages().then((m) => ({ default: m.MySessionsPage }))),
  Users: lazy(() => consolePages().then((m) => ({ default: m.UsersPage }))),
  Audit: lazy(() => consolePages().then((m) => ({ default: m.AuditPage }))),
  BreakGlass: lazy(() => consolePages().then((m) => ({ default: m.BreakGlassPage }))),
  Notices: lazy(() => consolePages().then((m) => ({ default: m.NoticesPage }))),
  DemoMailbox: lazy(() => consolePages().then((m) => ({ default: m.DemoMailboxPage }))),
  Settings: lazy(() => consolePages().then((m) => ({ default: m.SettingsSection }))),
  AdminLanding: lazy(() => consolePages().then((m) => ({ default: m.AdminLanding }))),
  Patients: lazy(() => consolePages().then((m) => ({ default: m.PatientsPage }))),
  Waitlist: lazy(() => consolePages().then((m) => ({ default: m.WaitlistOffersPage }))),
  Requests: lazy(() => consolePages().then((m) => ({ default: m.RequestsPage }))),
  Chart: lazy(() => consolePages().then((m) => ({ default: m.ChartPage }))),
  Inbox: lazy(() => consolePages().then((m) => ({ default: m.InboxPage }))),
  InboxThread: lazy(() => consolePages().then((m) => ({ default: m.InboxThreadPage }))),
  NotFound: lazy(() => consolePages().then((m) => ({ default: m.ConsoleNotFound }))),
};

// Patient accounts and the referring-provider sign-up: one chunk, loaded when someone opens one of them.
const accountPages = () => import('../features/account/account-pages');
const Account = {
  Root: lazy(() => accountPages().then((m) => ({ default: m.AccountRoot }))),
  RequirePatient: lazy(() => accountPages().then((m) => ({ default: m.RequirePatient }))),
  SignIn: lazy(() => accountPages().then((m) => ({ default: m.PatientSignInPage }))),
  Activate: lazy(() => accountPages().then((m) => ({ default: m.ActivatePage }))),
  My: lazy(() => accountPages().then((m) => ({ default: m.MyLayout }))),
  MyHome: lazy(() => accountPages().then((m) => ({ default: m.MyHomePage }))),
  MyAppointments: lazy(() => accountPages().then((m) => ({ default: m.MyAppointmentsPage }))),
  MySharing: lazy(() => accountPages().then((m) => ({ default: m.MySharingPage }))),
  MyAccess: lazy(() => accountPages().then((m) => ({ default: m.MyAccessPage }))),
  WaitlistOffer: lazy(() => accountPages().then((m) => ({ default: m.WaitlistOfferPage }))),
  Messages: lazy(() => accountPages().then((m) => ({ default: m.MessagesInboxPage }))),
  NewMessage: lazy(() => accountPages().then((m) => ({ default: m.ComposeMessagePage }))),
  MessageThread: lazy(() => accountPages().then((m) => ({ default: m.MessageThreadPage }))),
  MyNotices: lazy(() => accountPages().then((m) => ({ default: m.MyNoticesPage }))),
  ReferrerSignUp: lazy(() => accountPages().then((m) => ({ default: m.ReferrerSignUpPage }))),
  // Issue 11: patients and referrers reset a password and sign in on pages that speak to them.
  Forgot: lazy(() => accountPages().then((m) => ({ default: m.PatientForgotPasswordPage }))),
  Reset: lazy(() => accountPages().then((m) => ({ default: m.PatientResetPasswordPage }))),
  ReferrerSignIn: lazy(() => accountPages().then((m) => ({ default: m.ReferrerSignInPage }))),
  ReferrerForgot: lazy(() => accountPages().then((m) => ({ default: m.ReferrerForgotPasswordPage }))),
  ReferrerReset: lazy(() => accountPages().then((m) => ({ default: m.ReferrerResetPasswordPage }))),
};

function ConsoleLoading() {
  return (
    <div className="console-container console-auth-main">
      <Loading />
    </div>
  );
}

function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: true },
      // A booking or a cancellation is never retried blindly; the page decides.
      mutations: { retry: false },
    },
  });
}

export function App() {
  const [queryClient] = useState(newQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <BrowserRouter>
          <Routes>
            <Route
              path="console"
              element={
                <Suspense fallback={<ConsoleLoading />}>
                  <Console.Root />
                </Suspense>
              }
            >
              <Route element={<Console.AuthLayout />}>
                <Route path="sign-in" element={<Console.SignIn />} />
                <Route path="forgot-password" element={<Console.Forgot />} />
                <Route path="reset-password/:token" element={<Console.Reset />} />
                <Route path="invite/:token" element={<Console.Invite />} />
                <Route path="enroll" element={<Console.Enroll />} />
              </Route>
              <Route
                element={
                  <Console.RequireSession>
                    <Console.Layout />
                  </Console.RequireSession>
                }
              >
                <Route index element={<Console.Desk />} />
                <Route path="sessions" element={<Console.Sessions />} />
                <Route path="patients" element={<Console.Patients />} />
                <Route path="requests" element={<Console.Requests />} />
                <Route path="patients/:patientId" element={<Console.Chart />} />
                <Route path="waitlist" element={<Console.Waitlist />} />
                <Route path="inbox" element={<Console.Inbox />} />
                <Route path="inbox/:id" element={<Console.InboxThread />} />
                <Route path="admin/users" element={<Console.RequireAdmin><Console.Users /></Console.RequireAdmin>} />
                <Route path="admin/audit" element={<Console.RequireAdmin><Console.Audit /></Console.RequireAdmin>} />
                <Route path="admin/break-glass" element={<Console.RequireAdmin><Console.BreakGlass /></Console.RequireAdmin>} />
                <Route path="admin/notices" element={<Console.RequireAdmin><Console.Notices /></Console.RequireAdmin>} />
                <Route path="admin/demo-mailbox" element={<Console.RequireAdmin><Console.DemoMailbox /></Console.RequireAdmin>} />
                <Route path="admin" element={<Console.RequireAdmin><Console.AdminLanding /></Console.RequireAdmin>} />
                <Route path="admin/settings/*" element={<Console.RequireAdmin><Console.Settings /></Console.RequireAdmin>} />
                <Route path="*" element={<Console.NotFound />} />
              </Route>
            </Route>
            {/* The link in staff password-reset emails (patients' and referrers' open their own pages below). */}
            <Route
              path="reset-password/:token"
              element={
                <Suspense fallback={<ConsoleLoading />}>
                  <Console.Root />
                </Suspense>
              }
            >
              <Route element={<Console.AuthLayout />}>
                <Route index element={<Console.Reset />} />
              </Route>
            </Route>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route path="locations" element={<LocationsPage />} />
              <Route
                path="book"
                element={
                  <Suspense fallback={<Loading />}>
                    <BookingPage />
                  </Suspense>
                }
              />
              <Route path="appointments/:id" element={<AppointmentPage />} />
              <Route
                element={
                  <Suspense fallback={<Loading />}>
                    <Account.Root />
                  </Suspense>
                }
              >
                <Route path="sign-in" element={<Account.SignIn />} />
                {/* The link in a caregiver's invitation: the same steps as staff, in the patients' part of the site. */}
                <Route path="caregiver-invite/:token" element={<Console.Invite />} />
                <Route path="account/activate" element={<Account.Activate />} />
                {/* Issue 12: the link of a waitlist offer's notice. */}
                <Route path="waitlist/offers/:token" element={<Account.WaitlistOffer />} />
                <Route path="account/forgot-password" element={<Account.Forgot />} />
                <Route path="account/reset-password/:token" element={<Account.Reset />} />
                <Route path="referrers/sign-in" element={<Account.ReferrerSignIn />} />
                <Route path="referrers/forgot-password" element={<Account.ReferrerForgot />} />
                <Route path="referrers/reset-password/:token" element={<Account.ReferrerReset />} />
                {/* The patient's pages (issue 12): one frame (whose record, the pages' navigation) around each page. */}
                <Route
                  path="my"
                  element={
                    <Account.RequirePatient>
                      <Account.My />
                    </Account.RequirePatient>
                  }
                >
                  <Route index element={<Account.MyHome />} />
                  <Route path="appointments" element={<Account.MyAppointments />} />
                  <Route path="sharing" element={<Account.MySharing />} />
                  <Route path="access" element={<Account.MyAccess />} />
                  <Route path="notices" element={<Account.MyNotices />} />
                  <Route path="messages" element={<Account.Messages />} />
                  <Route path="messages/new" element={<Account.NewMessage />} />
                  <Route path="messages/:id" element={<Account.MessageThread />} />
                </Route>
              </Route>
              <Route
                path="referrers/sign-up"
                element={
                  <Suspense fallback={<Loading />}>
                    <Account.ReferrerSignUp />
                  </Suspense>
                }
              />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  );
}
