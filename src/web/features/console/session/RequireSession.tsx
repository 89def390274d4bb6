import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useT } from '../../../app/i18n/useT';
import { Loading } from '../../../ui/QueryState';
import { useSession } from './SessionProvider';

/** Where the sign-in page sends someone back to once they are in. */
export interface ReturnTo {
  from?: string;
}

/** The signed-in part of the console: anyone else goes to the sign-in page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const t = useT();
  const { session, loadFailed, retryLoad, endReason } = useSession();
  const location = useLocation();
  if (session === undefined) {
    if (loadFailed) {
      return (
        <div className="container console-auth-main">
          <div className="notice notice-error" role="alert">
            <p>{t('console.error.network')}</p>
            <button type="button" className="btn btn-secondary" onClick={retryLoad}>
              {t('common.retry')}
            </button>
          </div>
        </div>
      );
    }
    return (
      <div className="container console-auth-main">
        <Loading />
      </div>
    );
  }
  // Back to this page after signing in again, unless someone chose to sign out (the next person starts fresh).
  const keepPlace = endReason !== 'signed_out' && endReason !== 'everywhere';
  const state: ReturnTo = keepPlace ? { from: location.pathname + location.search } : {};
  if (session === null || session.next === 'totp') return <Navigate to="/console/sign-in" replace state={state} />;
  if (session.next === 'enroll_totp') return <Navigate to="/console/enroll" replace state={state} />;
  return <>{children}</>;
}
