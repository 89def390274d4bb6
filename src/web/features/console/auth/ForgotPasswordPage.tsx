import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { TextField } from '../../../ui/Field';
import { problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';

/** Asks for a reset link. The answer is the same whether or not the account exists. */
export function ForgotPasswordPage() {
  const { t, lang } = useI18n();
  usePageTitle('title.console.forgot');
  const { api } = useSession();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const request = useMutation({
    mutationFn: (address: string) => api.request('POST /api/password-reset', { body: { email: address } }, { anonymous: true }),
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setError(t('console.signIn.emailError'));
      document.getElementById('f-forgot-email')?.focus();
      return;
    }
    setError(undefined);
    request.mutate(email.trim());
  }

  return (
    <section className="auth-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('console.forgot.title')}</h1>
      <div role="status" className="status-region">
        {request.isSuccess && (
          <div className="notice notice-success">
            <p>{t('console.forgot.sent', { email: request.variables ?? '' })}</p>
          </div>
        )}
      </div>
      {!request.isSuccess && (
        <form noValidate onSubmit={onSubmit} className="auth-form">
          <p>{t('console.forgot.lede')}</p>
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
            {request.isPending ? t('console.working') : t('console.forgot.submit')}
          </button>
        </form>
      )}
      <p className="auth-links">
        <Link to="/console/sign-in">{t('console.backToSignIn')}</Link>
      </p>
      {/* Issue 11: patients and referring providers have their own pages, in their words. */}
      <p className="auth-links">
        <Link to="/account/forgot-password">{t('console.forgot.patients')}</Link>
        <Link to="/referrers/forgot-password">{t('console.forgot.referrers')}</Link>
      </p>
    </section>
  );
}
