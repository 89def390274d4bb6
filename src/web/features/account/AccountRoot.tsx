import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { homeOf, isAccountHolder } from '../../app/roles';
import { SessionGate } from '../../app/session/RequireSession';
import { SessionRoot } from '../../app/session/SessionRoot';
import '../../ui/signed-in.css';
import '../../ui/account.css';

/** The patient's signed-in pages: their own query cache and session, as the console's (see SessionRoot). */
export function AccountRoot() {
  return <SessionRoot />;
}

/** The pages of patients and their caregivers: anyone signed out goes to the sign-in page, staff to the console. */
export function RequirePatient({ children }: { children: ReactNode }) {
  return (
    <SessionGate
      decide={(session, state) => {
        if (session === null) return <Navigate to="/sign-in" replace state={state} />;
        if (session.next !== 'done') return <Navigate to="/console/sign-in" replace />;
        if (!isAccountHolder(session.user.role)) return <Navigate to={homeOf(session.user.role)} replace />;
        return children;
      }}
    />
  );
}
