import { Link, Navigate, useLocation } from 'react-router';
import type { SessionInfo } from '../../../../shared/contracts/identity';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { Loading } from '../../../ui/QueryState';
import { homeOf, isAccountHolder } from '../../../app/roles';
import type { ReturnTo } from '../../../app/session/RequireSession';
import { useSession, type EndReason } from '../../../app/session/SessionProvider';
import { PasswordSignInForm } from '../../../app/auth/PasswordSignInForm';
import { SecondFactorForm } from './SecondFactorForm';

const END_NOTICE: Record<EndReason, 'console.ended.signedOut' | 'console.ended.everywhere' | 'console.ended.expired' | 'console.ended.idle'> = {
  signed_out: 'console.ended.signedOut',
  everywhere: 'console.ended.everywhere',
  expired: 'console.ended.expired',
  idle: 'console.ended.idle',
};

/** Back to where the person was going, if that is a console page (patients and caregivers go to their own page). */
function destination(state: unknown, session: SessionInfo): string {
  if (isAccountHolder(session.user.role)) return homeOf(session.user.role);
  const from = (state as ReturnTo | null)?.from;
  return from && from.startsWith('/console') && !from.startsWith('/console/sign-in') ? from : homeOf(session.user.role);
}

export function SignInPage() {
  const { t } = useI18n();
  usePageTitle('title.console.signIn');
  const { session, endReason } = useSession();
  const location = useLocation();

  if (session === undefined) return <Loading />;
  if (session?.next === 'done') return <Navigate to={destination(location.state, session)} replace />;
  if (session?.next === 'enroll_totp') return <Navigate to="/console/enroll" replace state={location.state} />;

  return (
    <section className="auth-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{session?.next === 'totp' ? t('console.signIn.codeTitle') : t('console.signIn.title')}</h1>
      <div role="status" className="status-region">
        {endReason && !session && (
          <div className={endReason === 'expired' || endReason === 'idle' ? 'notice notice-warning' : 'notice'}>
            <p>{t(END_NOTICE[endReason])}</p>
          </div>
        )}
      </div>
      {session?.next === 'totp' ? (
        <SecondFactorForm email={session.user.email} />
      ) : (
        <PasswordSignInForm idPrefix="signin">
          <p className="auth-links">
            <Link to="/console/forgot-password">{t('console.signIn.forgot')}</Link>
          </p>
        </PasswordSignInForm>
      )}
    </section>
  );
}
