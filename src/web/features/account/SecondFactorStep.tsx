import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../app/api/client';
import { useI18n } from '../../app/i18n/useT';
import { ONE_TIME_CODE_INPUT, TextField } from '../../ui/Field';
import { isThrottled, problemMessage } from '../../app/problems';
import { useSession } from '../../app/session/SessionProvider';

type Mode = 'code' | 'recovery';

/** The second step of signing in, for a referring provider (or a patient who turned it on): a code from the authenticator app, or a recovery code. */
export function SecondFactorStep({ email }: { email: string }) {
  const { t, lang } = useI18n();
  const { api, adopt, signOut } = useSession();
  const [mode, setMode] = useState<Mode>('code');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, [mode]);

  const verify = useMutation({
    mutationFn: (body: { code: string } | { recoveryCode: string }) => api.request('POST /api/session/second-factor', { body }),
    // The session is rotated: from here on its new CSRF token is the one to send.
    onSuccess: (info) => adopt(info),
    onError: (e) => {
      if (e instanceof ApiError && e.issues.length > 0 && !isThrottled(e)) {
        setError(mode === 'code' ? t('referrer.totp.wrongCode') : t('referrer.totp.wrongRecovery'));
        input.current?.focus();
      }
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = value.replace(/\s+/g, '');
    const problem = mode === 'code' ? (/^\d{6}$/.test(v) ? undefined : t('referrer.totp.codeError')) : v.length < 8 ? t('referrer.totp.recoveryError') : undefined;
    setError(problem);
    if (problem) {
      input.current?.focus();
      return;
    }
    verify.mutate(mode === 'code' ? { code: v } : { recoveryCode: value.trim() });
  }

  function switchTo(next: Mode) {
    setMode(next);
    setValue('');
    setError(undefined);
    verify.reset();
  }

  const fieldRefusal = verify.error instanceof ApiError && verify.error.issues.length > 0 && !isThrottled(verify.error);
  const fieldId = mode === 'code' ? 'f-referrer-code' : 'f-referrer-recovery';

  return (
    <form noValidate onSubmit={onSubmit} className="auth-form">
      <p className="muted">{t('referrer.signIn.as', { email })}</p>
      {mode === 'code' ? (
        <TextField
          ref={input}
          frame={{ id: fieldId, label: t('referrer.totp.code'), hint: t('referrer.totp.codeHint'), error }}
          {...ONE_TIME_CODE_INPUT}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      ) : (
        <TextField
          ref={input}
          frame={{ id: fieldId, label: t('referrer.totp.recovery'), hint: t('referrer.totp.recoveryHint'), error }}
          name="recoveryCode"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          maxLength={20}
          className="input input-code"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      )}
      <div role="alert" className="submit-problem">
        {verify.isError && !fieldRefusal && (
          <div className="notice notice-error">
            <p>{problemMessage(verify.error, t, lang)}</p>
          </div>
        )}
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={verify.isPending}>
        {verify.isPending ? t('console.signIn.working') : t('referrer.totp.verify')}
      </button>
      <p className="auth-links">
        <button type="button" className="btn-link" onClick={() => switchTo(mode === 'code' ? 'recovery' : 'code')}>
          {mode === 'code' ? t('referrer.totp.useRecovery') : t('referrer.totp.useApp')}
        </button>
        <button type="button" className="btn-link" onClick={() => void signOut()}>
          {t('referrer.signIn.someoneElse')}
        </button>
      </p>
    </form>
  );
}
