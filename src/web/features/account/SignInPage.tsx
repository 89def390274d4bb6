import { Link, Navigate, useLocation } from 'react-router';
import type { SessionInfo } from '../../../shared/contracts/identity';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../ui/QueryState';
import { PasswordSignInForm } from '../../app/auth/PasswordSignInForm';
import { homeOf, isAccountHolder } from '../../app/roles';
import type { ReturnTo } from '../../app/session/RequireSession';
import { useSession } from '../../app/session/SessionProvider';

/** Where someone goes once signed in here: a patient or caregiver to their page, staff to the console. */
export function destinationOf(session: SessionInfo, state: unknown): string {
  if (session.next !== 'done') return session.next === 'enroll_totp' ? '/console/enroll' : '/console/sign-in';
  if (!isAccountHolder(session.user.role)) return homeOf(session.user.role);
  const from = (state as ReturnTo | null)?.from;
  return from && from.startsWith('/my') ? from : '/my';
}

/** Patients sign in here with email and password (no second factor); staff who do go on to the console. */
export function PatientSignInPage() {
  const { t } = useI18n();
  usePageTitle('title.account.signIn');
  const { session, endReason } = useSession();
  const location = useLocation();

  if (session === undefined) return <Loading />;
  if (session) return <Navigate to={destinationOf(session, location.state)} replace />;

  return (
    <div className="account-auth">
      <section className="auth-card" aria-labelledby="patient-sign-in-title">
        <h1 id="patient-sign-in-title">{t('account.signIn.title')}</h1>
        <div role="status" className="status-region">
          {endReason && (
            <div className={endReason === 'expired' || endReason === 'idle' ? 'notice notice-warning' : 'notice'}>
              <p>{endReason === 'expired' || endReason === 'idle' ? t('console.ended.expired') : t('account.signedOut')}</p>
            </div>
          )}
        </div>
        <PasswordSignInForm idPrefix="patient" summaryLevel={2} />
        <p className="auth-links">
          <Link to="/console/forgot-password">{t('console.signIn.forgot')}</Link>
          <Link to="/account/activate">{t('account.signIn.noAccount')}</Link>
        </p>
      </section>
    </div>
  );
}
