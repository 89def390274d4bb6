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
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** The QR code as an image: the SVG from the server never becomes markup in this page. */
function qrSrc(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * Sets up the authenticator app: scan the QR code (or type the key), then
 * prove it works with a first code. Ends with the recovery codes.
 */
export function TotpEnrollment({ onConfirmed }: { onConfirmed: (codes: string[]) => void }) {
  const { t, lang } = useI18n();
  const { api, adopt } = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const codeInput = useRef<HTMLInputElement>(null);

  // One enrolment per visit: a second POST would replace the secret just shown.
  const enrollment = useQuery({
    queryKey: ['totp-enrollment'],
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
        setError(t('console.enroll.wrongCode'));
        codeInput.current?.focus();
      }
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const c = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(c)) {
      setError(t('console.totp.codeError'));
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
            <h3 className="enroll-step-title">{t('console.enroll.app')}</h3>
            <p>{t('console.enroll.appBody')}</p>
          </li>
          <li>
            <h3 className="enroll-step-title">{t('console.enroll.scan')}</h3>
            <div className="enroll-qr-row">
              <img className="enroll-qr" src={qrSrc(e.qrSvg)} alt={t('console.enroll.qrAlt')} width={176} height={176} />
              <div className="enroll-manual">
                <p>{t('console.enroll.manual')}</p>
                <p>
                  <code id="enroll-secret" className="secret" translate="no">
                    {groupSecret(e.secret)}
                  </code>
                </p>
                <CopyButton text={e.secret} label={t('console.enroll.copyKey')} fallbackId="enroll-secret" />
                <p className="field-hint enroll-link-hint">
                  <a href={e.otpauthUri}>{t('console.enroll.openApp')}</a>
                </p>
              </div>
            </div>
          </li>
          <li>
            <h3 className="enroll-step-title">{t('console.enroll.confirm')}</h3>
            <form noValidate onSubmit={onSubmit}>
              <TextField
                ref={codeInput}
                frame={{ id: 'f-enroll-code', label: t('console.totp.code'), hint: t('console.enroll.confirmHint'), error }}
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
                {confirm.isPending ? t('console.working') : t('console.enroll.submit')}
              </button>
            </form>
          </li>
        </ol>
      )}
    </QueryState>
  );
}

/** Shown once: the recovery codes, and a confirmation that they are saved. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const all = codes.join('\n');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!saved) {
      setError(t('console.recovery.confirmError'));
      document.getElementById('f-recovery-saved')?.focus();
      return;
    }
    onDone();
  }

  return (
    <div className="recovery">
      <p>{t('console.recovery.body')}</p>
      <p className="notice notice-warning">{t('console.recovery.once')}</p>
      <ol id="recovery-codes" className="recovery-codes" translate="no">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <p>
        <CopyButton text={all} label={t('console.recovery.copy')} fallbackId="recovery-codes" />
      </p>
      <form noValidate onSubmit={onSubmit}>
        <div className={error ? 'field field-invalid' : 'field'}>
          {error && (
            <p id="f-recovery-saved-error" className="field-error">
              {error}
            </p>
          )}
          <label className="checkbox" htmlFor="f-recovery-saved">
            <input
              id="f-recovery-saved"
              type="checkbox"
              checked={saved}
              aria-describedby={error ? 'f-recovery-saved-error' : undefined}
              aria-invalid={error ? true : undefined}
              onChange={(e) => {
                setSaved(e.target.checked);
                if (e.target.checked) setError(undefined);
              }}
            />
            <span>{t('console.recovery.saved')}</span>
          </label>
        </div>
        <button type="submit" className="btn btn-primary">
          {t('console.recovery.continue')}
        </button>
      </form>
    </div>
  );
}
