import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { SessionInfo } from '../../../shared/contracts/identity';
import { useT } from '../i18n/useT';
import { Loading } from '../../ui/QueryState';
import { useSession } from './SessionProvider';

/** Where the sign-in page sends someone back to once they are in. */
export interface ReturnTo {
  from?: string;
}

/**
 * What a signed-in area shows before it knows the session (loading, or a retry
 * if the check failed); once known, `decide` picks the page or a redirect,
 * given the state that brings the person back here after signing in again.
 */
export function SessionGate({
  frameClass,
  decide,
}: {
  /** Class of a box around the loading and retry notices, if any. */
  frameClass?: string;
  decide: (session: SessionInfo | null, returnTo: ReturnTo) => ReactNode;
}) {
  const t = useT();
  const { session, loadFailed, retryLoad, endReason } = useSession();
  const location = useLocation();
  if (session === undefined) {
    const pending = loadFailed ? (
      <div className="notice notice-error" role="alert">
        <p>{t('console.error.network')}</p>
        <button type="button" className="btn btn-secondary" onClick={retryLoad}>
          {t('common.retry')}
        </button>
      </div>
    ) : (
      <Loading />
    );
    return frameClass ? <div className={frameClass}>{pending}</div> : pending;
  }
  // Back to this page after signing in again, unless someone chose to sign out (the next person starts fresh).
  const keepPlace = endReason !== 'signed_out' && endReason !== 'everywhere';
  return <>{decide(session, keepPlace ? { from: location.pathname + location.search } : {})}</>;
}

/** The signed-in part of the console: anyone else goes to the sign-in page. */
export function RequireSession({ children }: { children: ReactNode }) {
  return (
    <SessionGate
      frameClass="container console-auth-main"
      decide={(session, state) => {
        if (session === null || session.next === 'totp') return <Navigate to="/console/sign-in" replace state={state} />;
        if (session.next === 'enroll_totp') return <Navigate to="/console/enroll" replace state={state} />;
        return children;
      }}
    />
  );
}
