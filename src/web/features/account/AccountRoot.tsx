import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../../app/api/client';
import { useT } from '../../app/i18n/useT';
import { Loading } from '../../ui/QueryState';
import { homeOf } from '../console/roles';
import type { ReturnTo } from '../console/session/RequireSession';
import { SessionProvider, useSession } from '../console/session/SessionProvider';
import '../../ui/console.css';
import '../../ui/account.css';

/**
 * The patient's signed-in pages keep their own query cache, as the console
 * does, so that signing out drops every record fetched while signed in. The
 * session is the same HttpOnly cookie with the CSRF token in memory.
 */
function newAccountQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, e) => count < 2 && !(e instanceof ApiError && e.status < 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

export function AccountRoot() {
  const [client] = useState(newAccountQueryClient);
  return (
    <QueryClientProvider client={client}>
      <SessionProvider>
        <Outlet />
      </SessionProvider>
    </QueryClientProvider>
  );
}

/** The patient's own pages: anyone signed out goes to the sign-in page, staff to the console. */
export function RequirePatient({ children }: { children: ReactNode }) {
  const t = useT();
  const { session, loadFailed, retryLoad, endReason } = useSession();
  const location = useLocation();
  if (session === undefined) {
    if (loadFailed) {
      return (
        <div className="notice notice-error" role="alert">
          <p>{t('console.error.network')}</p>
          <button type="button" className="btn btn-secondary" onClick={retryLoad}>
            {t('common.retry')}
          </button>
        </div>
      );
    }
    return <Loading />;
  }
  const keepPlace = endReason !== 'signed_out' && endReason !== 'everywhere';
  const state: ReturnTo = keepPlace ? { from: location.pathname + location.search } : {};
  if (session === null) return <Navigate to="/sign-in" replace state={state} />;
  if (session.next !== 'done') return <Navigate to="/console/sign-in" replace />;
  if (session.user.role !== 'patient') return <Navigate to={homeOf(session.user.role)} replace />;
  return <>{children}</>;
}
