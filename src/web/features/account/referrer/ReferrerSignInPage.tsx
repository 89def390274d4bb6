import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { Loading } from '../../../ui/QueryState';
import { PasswordSignInForm } from '../../../app/auth/PasswordSignInForm';
import { homeOf } from '../../../app/roles';
import { useSession } from '../../../app/session/SessionProvider';
import { ReferrerEnrollment, ReferrerRecoveryCodes } from './ReferrerEnrollment';
import { SecondFactorStep } from '../SecondFactorStep';

/**
 * Referring providers (clinicians outside the clinic) sign in here, in words
 * meant for them (issue 11): the password, then the second factor their
 * access to patients' records needs: a code from their authenticator app, or
 * on the first sign-in after approval, setting the app up and keeping the
 * recovery codes. Once through, they go to their own start page.
 */
export function ReferrerSignInPage() {
  const { t } = useI18n();
  usePageTitle('title.referrer.signIn');
  const { session, endReason } = useSession();
  const navigate = useNavigate();
  const [codes, setCodes] = useState<string[] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const step = codes ? 'codes' : !session ? 'password' : session.next === 'enroll_totp' ? 'enroll' : 'code';
  // Each step's heading takes focus when the step changes, so a screen reader hears where it is.
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current !== step) heading.current?.focus();
    shown.current = step;
  }, [step]);

  if (session === undefined) return <Loading />;
  if (session?.next === 'done' && codes === null) return <Navigate to={homeOf(session.user.role)} replace />;

  const title = {
    password: t('referrer.signIn.title'),
    code: t('referrer.signIn.codeTitle'),
    enroll: t('referrer.enroll.title'),
    codes: t('referrer.recovery.title'),
  }[step];

  return (
    <div className="account-auth">
      <section className={step === 'enroll' || step === 'codes' ? 'auth-card auth-card-wide' : 'auth-card'} aria-labelledby="referrer-sign-in-title">
        <p className="audience">{t('referrer.title')}</p>
        <h1 id="referrer-sign-in-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <div role="status" className="status-region">
          {endReason && !session && (
            <div className={endReason === 'expired' || endReason === 'idle' ? 'notice notice-warning' : 'notice'}>
              <p>{endReason === 'expired' || endReason === 'idle' ? t('console.ended.expired') : t('account.signedOut')}</p>
            </div>
          )}
        </div>
        {step === 'password' && (
          <>
            <p className="lede">{t('referrer.signIn.lede')}</p>
            <PasswordSignInForm idPrefix="referrer" summaryLevel={2} />
            <p className="auth-links">
              <Link to="/referrers/forgot-password">{t('account.signIn.forgot')}</Link>
              <Link to="/referrers/sign-up">{t('referrer.signIn.signUp')}</Link>
              <Link to="/sign-in">{t('referrer.signIn.patients')}</Link>
            </p>
          </>
        )}
        {step === 'code' && session && <SecondFactorStep email={session.user.email} />}
        {step === 'enroll' && (
          <>
            <p className="lede">{t('referrer.enroll.lede')}</p>
            <ReferrerEnrollment onConfirmed={setCodes} />
          </>
        )}
        {step === 'codes' && codes && session && (
          <ReferrerRecoveryCodes codes={codes} onDone={() => void navigate(homeOf(session.user.role), { replace: true })} />
        )}
      </section>
    </div>
  );
}
