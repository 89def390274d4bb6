import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../app/api/client';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { fieldIssues, passwordMessage, problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';
import { checkNewPassword, NewPasswordField } from '../../../app/auth/NewPasswordField';

/** The page a reset email links to: choose a new password. */
export function ResetPasswordPage() {
  const { t, lang } = useI18n();
  usePageTitle('title.console.reset');
  const { token = '' } = useParams();
  const { api } = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const reset = useMutation({
    mutationFn: (pw: string) => api.request('POST /api/password-reset/:token', { params: { token }, body: { password: pw } }, { anonymous: true }),
    onError: (e) => {
      const issue = fieldIssues(e).password;
      if (issue) {
        setError(passwordMessage(issue, t));
        document.getElementById('f-reset-password')?.focus();
      }
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problem = checkNewPassword(password, t);
    setError(problem);
    if (problem) {
      document.getElementById('f-reset-password')?.focus();
      return;
    }
    reset.mutate(password);
  }

  const expired =
    reset.error instanceof ApiError && (reset.error.status === 404 || reset.error.status === 400 || fieldIssues(reset.error).token !== undefined);
  const other = reset.isError && !expired && !fieldIssues(reset.error).password;

  return (
    <section className="auth-card" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('console.reset.title')}</h1>
      <div role="status" className="status-region">
        {reset.isSuccess && (
          <div className="notice notice-success">
            <p>{t('console.reset.done')}</p>
            <p>
              <Link to="/console/sign-in">{t('console.reset.signIn')}</Link>
            </p>
          </div>
        )}
      </div>
      {!reset.isSuccess && (
        <form noValidate onSubmit={onSubmit} className="auth-form">
          <NewPasswordField id="f-reset-password" value={password} onChange={setPassword} error={error} />
          <div role="alert" className="submit-problem">
            {expired && (
              <div className="notice notice-error">
                <p>{t('console.reset.expired')}</p>
                <p>
                  <Link to="/console/forgot-password">{t('console.reset.again')}</Link>
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
            {reset.isPending ? t('console.working') : t('console.reset.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
