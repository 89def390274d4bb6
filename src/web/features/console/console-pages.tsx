/**
 * Everything the router needs from the staff console, in one module so the
 * console is one lazily loaded chunk: the public site never downloads it.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { registerCatalogs } from '../../app/i18n/catalogs';
import { signedInCatalogs } from '../../app/i18n/signed-in-catalogs';
import { useT } from '../../app/i18n/useT';
import { isAdmin } from '../../app/roles';
import { useSignedIn } from '../../app/session/SessionProvider';
import { consoleEn } from './i18n/console.en';
import { consoleEs } from './i18n/console.es';

// The console's words load with its chunk, before any of its pages renders.
registerCatalogs(signedInCatalogs, { en: consoleEn, es: consoleEs });

export { AuditPage } from './admin/AuditPage';
export { BreakGlassPage } from './admin/BreakGlassPage';
export { DemoMailboxPage } from './admin/DemoMailboxPage';
export { NoticesPage } from './admin/NoticesPage';
export { UsersPage } from './admin/UsersPage';
export { EnrollPage } from './auth/EnrollPage';
export { ForgotPasswordPage } from './auth/ForgotPasswordPage';
export { InvitePage } from './auth/InvitePage';
export { ResetPasswordPage } from './auth/ResetPasswordPage';
export { SignInPage } from './auth/SignInPage';
export { ConsoleAuthLayout, ConsoleLayout } from './ConsoleLayout';
export { ConsoleRoot } from './ConsoleRoot';
export { DeskPage } from './desk/DeskPage';
export { InboxPage } from './inbox/InboxPage';
export { InboxThreadPage } from './inbox/InboxThreadPage';
export { RequestsPage } from './desk/RequestsPage';
export { MySessionsPage } from './sessions/MySessionsPage';
export { ChartPage } from './patients/ChartPage';
export { PatientsPage } from './patients/PatientsPage';
export { WaitlistOffersPage } from './waitlist/WaitlistOffersPage';
export { AdminLanding, SettingsSection } from './settings/SettingsSection';
export { RequireSession } from '../../app/session/RequireSession';

/** Administration pages; the server refuses anyone else with 403 anyway. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const t = useT();
  const { user } = useSignedIn();
  if (isAdmin(user.role)) return <>{children}</>;
  return (
    <>
      <h1>{t('console.forbidden.title')}</h1>
      <div className="notice notice-warning">
        <p>{t('console.forbidden.body')}</p>
      </div>
    </>
  );
}

export function ConsoleNotFound() {
  const t = useT();
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/console">{t('console.notFound.home')}</Link>
      </p>
    </>
  );
}
