import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { fetchRoute } from '../../app/api/client';
import type { FieldIssue } from '../../../shared/errors';
import type { Translate } from '../../app/i18n/catalog';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/Field';
import { checkNewPassword, NewPasswordField } from '../../app/auth/NewPasswordField';
import { fieldIssues, passwordMessage, problemMessage } from '../../app/problems';
import '../../ui/signed-in.css';
import '../../ui/account.css';

interface Form {
  npi: string;
  displayName: string;
  practice: string;
  email: string;
  password: string;
}
type FieldName = keyof Form;
const FIELDS: FieldName[] = ['npi', 'displayName', 'practice', 'email', 'password'];

function fieldMessage(field: string, issue: FieldIssue, t: Translate): string {
  switch (field) {
    case 'npi':
      return t('referrer.error.npi');
    case 'displayName':
      return t('referrer.error.name');
    case 'practice':
      return t('referrer.error.practice');
    case 'email':
      return t('console.signIn.emailError');
    case 'password':
      return passwordMessage(issue, t);
    default:
      return t('console.error.invalid');
  }
}

/** A referring provider asks for an account; the clinic approves it before it can be used. */
export function ReferrerSignUpPage() {
  const { t, lang } = useI18n();
  usePageTitle('title.referrer.signUp');
  const [form, setForm] = useState<Form>({ npi: '', displayName: '', practice: '', email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [attempts, setAttempts] = useState(0);

  const signUp = useMutation({
    mutationFn: (body: { npi: string; displayName: string; practice?: string; email: string; password: string }) =>
      fetchRoute('POST /api/referrers/signup', { body }),
    onError: (e) => {
      const found = Object.fromEntries(Object.entries(fieldIssues(e)).map(([f, m]) => [f, fieldMessage(f, m, t)]));
      setErrors(found);
      setAttempts((n) => n + 1);
    },
  });

  function set(field: FieldName, value: string) {
    setForm((f) => ({ ...f, [field]: value }));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setAttempts((n) => n + 1);
    const found: Partial<Record<FieldName, string>> = {};
    if (!/^\d{10}$/.test(form.npi.trim())) found.npi = t('referrer.error.npi');
    if (!form.displayName.trim()) found.displayName = t('referrer.error.name');
    if (!/^\S+@\S+\.\S+$/.test(form.email.trim())) found.email = t('console.signIn.emailError');
    const pw = checkNewPassword(form.password, t);
    if (pw) found.password = pw;
    setErrors(found);
    if (Object.keys(found).length) return;
    const practice = form.practice.trim();
    signUp.mutate({
      npi: form.npi.trim(),
      displayName: form.displayName.trim(),
      ...(practice ? { practice } : {}),
      email: form.email.trim(),
      password: form.password,
    });
  }

  const summary = FIELDS.map((f) => (errors[f] ? { targetId: `f-referrer-${f}`, message: errors[f] } : null)).filter((x) => x !== null);
  const hasFieldErrors = summary.length > 0;

  return (
    <div className="account-auth">
      <section className="auth-card auth-card-wide" aria-labelledby="referrer-title">
        <h1 id="referrer-title">{t('referrer.title')}</h1>
        <div role="status" className="status-region">
          {signUp.isSuccess && (
            <div className="notice notice-success">
              <p>{lang === 'en' && signUp.data?.status ? signUp.data.status : t('referrer.sent')}</p>
            </div>
          )}
        </div>
        {!signUp.isSuccess && (
          <form noValidate onSubmit={onSubmit} className="auth-form">
            <p className="lede">{t('referrer.lede')}</p>
            <p className="muted">{t('common.requiredNote')}</p>
            <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} level={2} />
            <TextField
              frame={{ id: 'f-referrer-npi', label: t('referrer.field.npi'), hint: t('referrer.field.npiHint'), error: errors.npi }}
              className="input input-npi"
              name="npi"
              inputMode="numeric"
              autoComplete="off"
              maxLength={10}
              value={form.npi}
              onChange={(e) => set('npi', e.target.value.replace(/\D/g, ''))}
            />
            <TextField
              frame={{ id: 'f-referrer-displayName', label: t('referrer.field.name'), hint: t('referrer.field.nameHint'), error: errors.displayName }}
              name="name"
              autoComplete="name"
              maxLength={120}
              value={form.displayName}
              onChange={(e) => set('displayName', e.target.value)}
            />
            <TextField
              frame={{ id: 'f-referrer-practice', label: t('referrer.field.practice'), error: errors.practice, optional: true }}
              name="organization"
              autoComplete="organization"
              maxLength={120}
              value={form.practice}
              onChange={(e) => set('practice', e.target.value)}
            />
            <TextField
              frame={{ id: 'f-referrer-email', label: t('referrer.field.email'), error: errors.email }}
              name="email"
              type="email"
              autoComplete="email"
              spellCheck={false}
              autoCapitalize="off"
              value={form.email}
              onChange={(e) => set('email', e.target.value)}
            />
            <NewPasswordField id="f-referrer-password" value={form.password} onChange={(v) => set('password', v)} error={errors.password} username={form.email.trim()} />
            <div role="alert" className="submit-problem">
              {signUp.isError && !hasFieldErrors && (
                <div className="notice notice-error">
                  <p>{problemMessage(signUp.error, t, lang)}</p>
                </div>
              )}
            </div>
            <button type="submit" className="btn btn-primary btn-block" disabled={signUp.isPending}>
              {signUp.isPending ? t('console.working') : t('referrer.submit')}
            </button>
            <p className="muted">{t('referrer.afterNote')}</p>
          </form>
        )}
        <p className="auth-links">
          <Link to="/referrers/sign-in">{t('referrer.signIn')}</Link>
        </p>
      </section>
    </div>
  );
}
