import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../../app/api/client';
import { useI18n } from '../../../app/i18n/useT';
import { CopyButton } from '../../../ui/CopyButton';
import { ONE_TIME_CODE_INPUT, TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';

/** 'JBSWY3DPEHPK3PXP' as 'JBSW Y3DP EHPK 3PXP', for typing into an app by hand. */
const grouped = (secret: string) => secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

/**
 * A referring provider's first sign-in: set up the authenticator app (scan the
 * QR code or type the key), prove it with a first code, then keep the
 * recovery codes. The QR code is drawn as an image: the server's SVG never
 * becomes markup in this page.
 */
export function ReferrerEnrollment({ onConfirmed }: { onConfirmed: (codes: string[]) => void }) {
  const { t, lang } = useI18n();
  const { api, adopt } = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const codeInput = useRef<HTMLInputElement>(null);

  // One enrolment per visit: a second POST would replace the secret just shown.
  const enrollment = useQuery({
    queryKey: ['referrer-totp-enrollment'],
    queryFn: () => api.request('POST /api/session/totp/enroll'),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });

  const confirm = useMutation({
    mutationFn: (c: string) => api.request('POST /api/session/totp/confirm', { body: { code: c } }),
    onSuccess: (r) => {
      onConfirmed(r.recoveryCodes);
      adopt(r.session);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.issues.length > 0) {
        setError(t('referrer.enroll.wrongCode'));
        codeInput.current?.focus();
      }
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const c = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(c)) {
      setError(t('referrer.totp.codeError'));
      codeInput.current?.focus();
      return;
    }
    setError(undefined);
    confirm.mutate(c);
  }

  const e = enrollment.data;
  return (
    <QueryState isPending={enrollment.isPending} isError={enrollment.isError} retry={() => void enrollment.refetch()}>
      {e && (
        <ol className="enroll-steps">
          <li>
            <h2 className="enroll-step-title">{t('referrer.enroll.app')}</h2>
            <p>{t('referrer.enroll.appBody')}</p>
          </li>
          <li>
            <h2 className="enroll-step-title">{t('referrer.enroll.scan')}</h2>
            <div className="enroll-qr-row">
              <img className="enroll-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(e.qrSvg)}`} alt={t('referrer.enroll.qrAlt')} width={176} height={176} />
              <div className="enroll-manual">
                <p>{t('referrer.enroll.manual')}</p>
                <p>
                  <code id="referrer-secret" className="secret" translate="no">
                    {grouped(e.secret)}
                  </code>
                </p>
                <CopyButton text={e.secret} label={t('referrer.enroll.copyKey')} fallbackId="referrer-secret" />
                <p className="field-hint enroll-link-hint">
                  <a href={e.otpauthUri}>{t('referrer.enroll.openApp')}</a>
                </p>
              </div>
            </div>
          </li>
          <li>
            <h2 className="enroll-step-title">{t('referrer.enroll.confirm')}</h2>
            <form noValidate onSubmit={onSubmit}>
              <TextField
                ref={codeInput}
                frame={{ id: 'f-referrer-enroll-code', label: t('referrer.totp.code'), hint: t('referrer.enroll.confirmHint'), error }}
                {...ONE_TIME_CODE_INPUT}
                value={code}
                onChange={(ev) => setCode(ev.target.value)}
              />
              <div role="alert" className="submit-problem">
                {confirm.isError && !(confirm.error instanceof ApiError && confirm.error.issues.length > 0) && (
                  <div className="notice notice-error">
                    <p>{problemMessage(confirm.error, t, lang)}</p>
                  </div>
                )}
              </div>
              <button type="submit" className="btn btn-primary" disabled={confirm.isPending}>
                {confirm.isPending ? t('console.working') : t('referrer.enroll.submit')}
              </button>
            </form>
          </li>
        </ol>
      )}
    </QueryState>
  );
}

/** Shown once: the recovery codes, and a confirmation that they are saved before going on. */
export function ReferrerRecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!saved) {
      setError(t('referrer.recovery.confirmError'));
      document.getElementById('f-referrer-saved')?.focus();
      return;
    }
    onDone();
  }

  return (
    <div className="recovery">
      <p>{t('referrer.recovery.body')}</p>
      <p className="notice notice-warning">{t('referrer.recovery.once')}</p>
      <ol id="referrer-recovery-codes" className="recovery-codes" translate="no">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <p>
        <CopyButton text={codes.join('\n')} label={t('referrer.recovery.copy')} fallbackId="referrer-recovery-codes" />
      </p>
      <form noValidate onSubmit={onSubmit}>
        <div className={error ? 'field field-invalid' : 'field'}>
          {error && (
            <p id="f-referrer-saved-error" className="field-error">
              {error}
            </p>
          )}
          <label className="checkbox" htmlFor="f-referrer-saved">
            <input
              id="f-referrer-saved"
              type="checkbox"
              checked={saved}
              aria-describedby={error ? 'f-referrer-saved-error' : undefined}
              aria-invalid={error ? true : undefined}
              onChange={(e) => {
                setSaved(e.target.checked);
                if (e.target.checked) setError(undefined);
              }}
            />
            <span>{t('referrer.recovery.saved')}</span>
          </label>
        </div>
        <button type="submit" className="btn btn-primary">
          {t('referrer.recovery.continue')}
        </button>
      </form>
    </div>
  );
}
