import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import type { SessionInfo } from '../../../../shared/contracts/identity';
import { ApiError } from '../../../app/api/client';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { TextField } from '../../../ui/Field';
import { Loading } from '../../../ui/QueryState';
import { problemMessage } from '../problems';
import { homeOf } from '../roles';
import type { ReturnTo } from '../session/RequireSession';
import { useSession, type EndReason } from '../session/SessionProvider';
import { SecondFactorForm } from './SecondFactorForm';

const END_NOTICE: Record<EndReason, 'console.ended.signedOut' | 'console.ended.everywhere' | 'console.ended.expired' | 'console.ended.idle'> = {
  signed_out: 'console.ended.signedOut',
  everywhere: 'console.ended.everywhere',
  expired: 'console.ended.expired',
  idle: 'console.ended.idle',
};

/** Back to where the person was going, if that is a console page. */
function destination(state: unknown, session: SessionInfo): string {
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
      {session?.next === 'totp' ? <SecondFactorForm email={session.user.email} /> : <PasswordForm />}
    </section>
  );
}

function PasswordForm() {
  const { t, lang } = useI18n();
  const { api, adopt } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [attempts, setAttempts] = useState(0);

  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<SessionInfo>('/api/session', body, { anonymous: true }),
    onSuccess: (info) => adopt(info),
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setAttempts((n) => n + 1);
    const found: typeof errors = {};
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) found.email = t('console.signIn.emailError');
    if (!password) found.password = t('console.signIn.passwordError');
    setErrors(found);
    if (found.email || found.password) return;
    signIn.mutate({ email: email.trim(), password });
  }

  const failure = signIn.error;
  const wrong = failure instanceof ApiError && failure.status === 401;
  const summary = [
    errors.email ? { targetId: 'f-signin-email', message: errors.email } : null,
    errors.password ? { targetId: 'f-signin-password', message: errors.password } : null,
  ].filter((x) => x !== null);

  return (
    <form noValidate onSubmit={onSubmit} className="auth-form">
      <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} />
      <TextField
        frame={{ id: 'f-signin-email', label: t('console.field.email'), error: errors.email }}
        name="email"
        type="email"
        autoComplete="username"
        spellCheck={false}
        autoCapitalize="off"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        frame={{ id: 'f-signin-password', label: t('console.field.password'), error: errors.password }}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div role="alert" className="submit-problem">
        {failure && (
          <div className="notice notice-error">
            <p>{wrong ? t('console.signIn.wrong') : problemMessage(failure, t, lang)}</p>
          </div>
        )}
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={signIn.isPending}>
        {signIn.isPending && <span className="spinner spinner-light" aria-hidden="true" />}
        {signIn.isPending ? t('console.signIn.working') : t('console.signIn.submit')}
      </button>
      <p className="auth-links">
        <Link to="/console/forgot-password">{t('console.signIn.forgot')}</Link>
      </p>
    </form>
  );
}
