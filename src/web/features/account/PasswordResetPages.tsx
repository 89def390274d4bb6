import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, fetchRoute } from '../../app/api/client';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/Field';
import { checkNewPassword, NewPasswordField } from '../../app/auth/NewPasswordField';
import { fieldIssues, passwordMessage, problemMessage } from '../../app/problems';

/**
 * A forgotten password, on the pages of the people it belongs to (issue 11):
 * patients and caregivers under /account, referring providers under
 * /referrers; staff keep the console's. The words are the same; where the
 * page sends them back to sign in is theirs. The reset email's link opens
 * these pages with `?lang=` of the account, so they speak its language.
 */
export type Audience = 'patient' | 'referrer';

const PATHS: Record<Audience, { signIn: string; forgot: string }> = {
  patient: { signIn: '/sign-in', forgot: '/account/forgot-password' },
  referrer: { signIn: '/referrers/sign-in', forgot: '/referrers/forgot-password' },
};

const EMAIL = /^\S+@\S+\.\S+$/;

/** Asks for a reset link. The answer is the same whether or not the email has an account. */
export function ForgotPasswordPage({ audience }: { audience: Audience }) {
  const { t, lang } = useI18n();
  usePageTitle('title.account.forgot');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [attempts, setAttempts] = useState(0);
  const request = useMutation({
    mutationFn: (address: string) => fetchRoute('POST /api/password-reset', { body: { email: address } }),
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setAttempts((n) => n + 1);
    if (!EMAIL.test(email.trim())) {
      setError(t('console.signIn.emailError'));
      return;
    }
    setError(undefined);
    request.mutate(email.trim());
  }

  return (
    <div className="account-auth">
      <section className="auth-card" aria-labelledby="forgot-title">
        <h1 id="forgot-title">{t('account.forgot.title')}</h1>
        <div role="status" className="status-region">
          {request.isSuccess && (
            <div className="notice notice-success">
              <p>{t('account.forgot.sent', { email: request.variables ?? '' })}</p>
            </div>
          )}
        </div>
        {!request.isSuccess && (
          <form noValidate onSubmit={onSubmit} className="auth-form">
            <p>{t('account.forgot.lede')}</p>
            <ErrorSummary title={t('book.errors.title')} items={error ? [{ targetId: 'f-forgot-email', message: error }] : []} focusKey={attempts} level={2} />
            <TextField
              frame={{ id: 'f-forgot-email', label: t('console.field.email'), error }}
              name="email"
              type="email"
              autoComplete="username"
              spellCheck={false}
              autoCapitalize="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <div role="alert" className="submit-problem">
              {request.isError && (
                <div className="notice notice-error">
                  <p>{problemMessage(request.error, t, lang)}</p>
                </div>
              )}
            </div>
            <button type="submit" className="btn btn-primary btn-block" disabled={request.isPending}>
              {request.isPending ? t('console.working') : t('account.forgot.submit')}
            </button>
          </form>
        )}
        <p className="auth-links">
          <Link to={PATHS[audience].signIn}>{t('account.forgot.back')}</Link>
        </p>
      </section>
    </div>
  );
}

/** The page a reset email links to: choose a new password, in the language the link carries. */
export function ResetPasswordPage({ audience }: { audience: Audience }) {
  const { t, lang } = useI18n();
  usePageTitle('title.account.reset');
  const { token = '' } = useParams();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [attempts, setAttempts] = useState(0);
  const reset = useMutation({
    mutationFn: (pw: string) => fetchRoute('POST /api/password-reset/:token', { params: { token }, body: { password: pw } }),
    onError: (e) => {
      const issue = fieldIssues(e).password;
      if (issue) {
        setError(passwordMessage(issue, t));
        setAttempts((n) => n + 1);
      }
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problem = checkNewPassword(password, t);
    setError(problem);
    setAttempts((n) => n + 1);
    if (!problem) reset.mutate(password);
  }

  // A link that is unknown, spent or expired (404), or cut short in the email (the token refused by its shape).
  const expired = reset.error instanceof ApiError && (reset.error.status === 404 || fieldIssues(reset.error).token !== undefined);
  const other = reset.isError && !expired && !fieldIssues(reset.error).password;

  return (
    <div className="account-auth">
      <section className="auth-card" aria-labelledby="reset-title">
        <h1 id="reset-title">{t('account.reset.title')}</h1>
        <div role="status" className="status-region">
          {reset.isSuccess && (
            <div className="notice notice-success">
              <p>{t('account.reset.done')}</p>
              <p>
                <Link to={PATHS[audience].signIn}>{t('account.reset.signIn')}</Link>
              </p>
            </div>
          )}
        </div>
        {!reset.isSuccess && (
          <form noValidate onSubmit={onSubmit} className="auth-form">
            <p>{t('account.reset.lede')}</p>
            <ErrorSummary title={t('book.errors.title')} items={error ? [{ targetId: 'f-reset-password', message: error }] : []} focusKey={attempts} level={2} />
            <NewPasswordField id="f-reset-password" value={password} onChange={setPassword} error={error} />
            <div role="alert" className="submit-problem">
              {expired && (
                <div className="notice notice-error">
                  <p>{t('account.reset.expired')}</p>
                  <p>
                    <Link to={PATHS[audience].forgot}>{t('account.reset.again')}</Link>
                  </p>
                </div>
              )}
              {other && (
                <div className="notice notice-error">
                  <p>{problemMessage(reset.error, t, lang)}</p>
                </div>
              )}
            </div>
            <button type="submit" className="btn btn-primary btn-block" disabled={reset.isPending}>
              {reset.isPending ? t('console.working') : t('account.reset.submit')}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}

export const PatientForgotPasswordPage = () => <ForgotPasswordPage audience="patient" />;
export const PatientResetPasswordPage = () => <ResetPasswordPage audience="patient" />;
export const ReferrerForgotPasswordPage = () => <ForgotPasswordPage audience="referrer" />;
export const ReferrerResetPasswordPage = () => <ResetPasswordPage audience="referrer" />;
