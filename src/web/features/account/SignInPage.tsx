import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import type { SessionInfo } from '../../../shared/contracts/identity';
import { ApiError } from '../../app/api/client';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/Field';
import { Loading } from '../../ui/QueryState';
import { problemMessage } from '../console/problems';
import { homeOf } from '../console/roles';
import type { ReturnTo } from '../console/session/RequireSession';
import { useSession } from '../console/session/SessionProvider';

/** Where someone goes once signed in here: a patient to their page, staff to the console. */
export function destinationOf(session: SessionInfo, state: unknown): string {
  if (session.next !== 'done') return session.next === 'enroll_totp' ? '/console/enroll' : '/console/sign-in';
  if (session.user.role !== 'patient') return homeOf(session.user.role);
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
        <PasswordForm />
        <p className="auth-links">
          <Link to="/console/forgot-password">{t('console.signIn.forgot')}</Link>
          <Link to="/account/activate">{t('account.signIn.noAccount')}</Link>
        </p>
      </section>
    </div>
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
    errors.email ? { targetId: 'f-patient-email', message: errors.email } : null,
    errors.password ? { targetId: 'f-patient-password', message: errors.password } : null,
  ].filter((x) => x !== null);

  return (
    <form noValidate onSubmit={onSubmit} className="auth-form">
      <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} level={2} />
      <TextField
        frame={{ id: 'f-patient-email', label: t('console.field.email'), error: errors.email }}
        name="email"
        type="email"
        autoComplete="username"
        spellCheck={false}
        autoCapitalize="off"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        frame={{ id: 'f-patient-password', label: t('console.field.password'), error: errors.password }}
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
    </form>
  );
}
