import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/useT';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/Field';
import { problemMessage } from '../problems';
import { useSession } from '../session/SessionProvider';

/**
 * Email and password, as the console and the patient account both ask for them.
 * On success the session is adopted; the page around it decides where to go next.
 */
export function PasswordSignInForm({
  idPrefix,
  summaryLevel,
  children,
}: {
  /** Prefix of the field ids, unique on the page: `f-${idPrefix}-email`. */
  idPrefix: string;
  /** The error summary's heading level (see ErrorSummary). */
  summaryLevel?: 2 | 3;
  /** Shown after the submit button, inside the form. */
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const { api, adopt } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [attempts, setAttempts] = useState(0);
  const emailId = `f-${idPrefix}-email`;
  const passwordId = `f-${idPrefix}-password`;

  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string }) => api.request('POST /api/session', { body }, { anonymous: true }),
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
    errors.email ? { targetId: emailId, message: errors.email } : null,
    errors.password ? { targetId: passwordId, message: errors.password } : null,
  ].filter((x) => x !== null);

  return (
    <form noValidate onSubmit={onSubmit} className="auth-form">
      <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} {...(summaryLevel ? { level: summaryLevel } : {})} />
      <TextField
        frame={{ id: emailId, label: t('console.field.email'), error: errors.email }}
        name="email"
        type="email"
        autoComplete="username"
        spellCheck={false}
        autoCapitalize="off"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        frame={{ id: passwordId, label: t('console.field.password'), error: errors.password }}
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
      {children}
    </form>
  );
}
