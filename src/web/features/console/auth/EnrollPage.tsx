import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useT } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { Loading } from '../../../ui/QueryState';
import { homeOf } from '../../../app/roles';
import type { ReturnTo } from '../../../app/session/RequireSession';
import { useSession } from '../../../app/session/SessionProvider';
import { FlowStep } from '../../../app/auth/FlowStep';
import { RecoveryCodes, TotpEnrollment } from './TotpEnrollment';

/** Signed in with a password but without a second factor yet: set one up before anything else. */
export function EnrollPage() {
  const t = useT();
  usePageTitle('title.console.enroll');
  const { session } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [codes, setCodes] = useState<string[] | null>(null);

  if (session === undefined) return <Loading />;
  if (session === null || session.next === 'totp') return <Navigate to="/console/sign-in" replace />;
  // Enrolment done (and the codes acknowledged): on to the console.
  if (session.next === 'done' && codes === null) return <Navigate to={homeOf(session.user.role)} replace />;
  const from = (location.state as ReturnTo | null)?.from;

  return (
    <section className="auth-card auth-card-wide" aria-labelledby="enroll-title">
      <h1 id="enroll-title">{t('console.enroll.title')}</h1>
      <p className="lede">{t('console.enroll.lede')}</p>
      <FlowStep
        stepKey={codes ? 'codes' : 'enroll'}
        counter={t('book.stepOf', { n: codes ? 2 : 1, total: 2 })}
        title={codes ? t('console.recovery.title') : t('console.enroll.stepTitle')}
      >
        {codes ? (
          <RecoveryCodes
            codes={codes}
            onDone={() => void navigate(from?.startsWith('/console') ? from : homeOf(session.user.role), { replace: true })}
          />
        ) : (
          <TotpEnrollment onConfirmed={setCodes} />
        )}
      </FlowStep>
    </section>
  );
}
