import { Link, Navigate, useLocation } from 'react-router';
import type { SessionInfo } from '../../../shared/contracts/identity';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../ui/QueryState';
import { PasswordSignInForm } from '../../app/auth/PasswordSignInForm';
import { homeOf, isAccountHolder } from '../../app/roles';
import type { ReturnTo } from '../../app/session/RequireSession';
import { useSession } from '../../app/session/SessionProvider';
import { SecondFactorStep } from './SecondFactorStep';

/**
 * Where someone goes once signed in here: a patient or caregiver to their page,
 * a referring provider to their own sign-in page for the second step, staff to the console.
 */
export function destinationOf(session: SessionInfo, state: unknown): string {
  if (session.next !== 'done' && session.user.role === 'referrer') return '/referrers/sign-in';
  if (session.next === 'totp' && isAccountHolder(session.user.role)) return '/sign-in';
  if (session.next !== 'done') return session.next === 'enroll_totp' ? '/console/enroll' : '/console/sign-in';
  if (!isAccountHolder(session.user.role)) return homeOf(session.user.role);
  const from = (state as ReturnTo | null)?.from;
  return from && from.startsWith('/my') ? from : '/my';
}

/**
 * Patients and caregivers sign in here with email and password (no second
 * factor), on a page that says it is theirs, with the way to create an account
 * and to reset a password on their own pages (issue 11).
 */
export function PatientSignInPage() {
  const { t } = useI18n();
  usePageTitle('title.account.signIn');
  const { session, endReason } = useSession();
  const location = useLocation();

  if (session === undefined) return <Loading />;
  // A patient or caregiver who turned on two-factor sign-in finishes it here, not on the staff pages.
  if (session?.next === 'totp' && isAccountHolder(session.user.role)) {
    return (
      <div className="account-auth">
        <section className="auth-card" aria-labelledby="patient-code-title">
          <p className="audience">{t('account.signIn.for')}</p>
          <h1 id="patient-code-title">{t('referrer.signIn.codeTitle')}</h1>
          <SecondFactorStep email={session.user.email} />
        </section>
      </div>
    );
  }
  if (session) return <Navigate to={destinationOf(session, location.state)} replace />;

  return (
    <div className="account-auth">
      <section className="auth-card" aria-labelledby="patient-sign-in-title">
        <p className="audience">{t('account.signIn.for')}</p>
        <h1 id="patient-sign-in-title">{t('account.signIn.title')}</h1>
        <p className="lede">{t('account.signIn.lede')}</p>
        <div role="status" className="status-region">
          {endReason && (
            <div className={endReason === 'expired' || endReason === 'idle' ? 'notice notice-warning' : 'notice'}>
              <p>{endReason === 'expired' || endReason === 'idle' ? t('console.ended.expired') : t('account.signedOut')}</p>
            </div>
          )}
        </div>
        <PasswordSignInForm idPrefix="patient" summaryLevel={2} />
        <p className="auth-links">
          <Link to="/account/forgot-password">{t('account.signIn.forgot')}</Link>
          <Link to="/account/activate">{t('account.signIn.noAccount')}</Link>
          <Link to="/referrers/sign-in">{t('account.signIn.referrer')}</Link>
        </p>
      </section>
    </div>
  );
}
