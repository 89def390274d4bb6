import { useCallback, useEffect, type ReactNode } from 'react';
import { Navigate } from 'react-router';
import { homeOf, isAccountHolder } from '../../app/roles';
import { SessionGate } from '../../app/session/RequireSession';
import { useSession } from '../../app/session/SessionProvider';
import { SessionRoot } from '../../app/session/SessionRoot';
import { setVisitor, useAreaSignOut } from '../../app/session/visitor';
import '../../ui/signed-in.css';
import '../../ui/account.css';
import '../../ui/messages.css';

/** The patient's signed-in pages: their own query cache and session, as the console's (see SessionRoot). */
export function AccountRoot() {
  return (
    <SessionRoot>
      <HeaderInStep />
    </SessionRoot>
  );
}

/**
 * The page header greets whoever these pages have signed in (issue 11): it
 * hears every change of this area's session, and its "Sign out" goes through
 * this session, so the pages forget what they fetched and go to sign-in.
 */
function HeaderInStep() {
  const { session, signOut } = useSession();
  useEffect(() => {
    if (session !== undefined) setVisitor(session);
  }, [session]);
  useAreaSignOut(useCallback(() => signOut(), [signOut]));
  return null;
}

/** The pages of patients and their caregivers: anyone signed out goes to the sign-in page, staff to the console. */
export function RequirePatient({ children }: { children: ReactNode }) {
  return (
    <SessionGate
      decide={(session, state) => {
        if (session === null) return <Navigate to="/sign-in" replace state={state} />;
        if (session.next !== 'done') return <Navigate to={isAccountHolder(session.user.role) ? '/sign-in' : session.user.role === 'referrer' ? '/referrers/sign-in' : '/console/sign-in'} replace />;
        if (!isAccountHolder(session.user.role)) return <Navigate to={homeOf(session.user.role)} replace />;
        return children;
      }}
    />
  );
}
