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
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  );
}
