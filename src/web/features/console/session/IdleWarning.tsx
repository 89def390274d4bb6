import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../app/i18n/useT';
import { Dialog } from '../../../ui/Dialog';
import { useSession } from '../../../app/session/SessionProvider';
import { useIdleTimeout } from './useIdleTimeout';

function mmss(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Two minutes before the idle timeout: stay signed in, or sign out now. */
export function IdleWarning() {
  const t = useT();
  const { signOut, session } = useSession();
  const { phase, stay } = useIdleTimeout();
  const stayButton = useRef<HTMLButtonElement>(null);
  const [now, setNow] = useState(() => Date.now());
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (phase.kind !== 'warning') return;
    setFailed(false);
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [phase.kind]);

  if (phase.kind !== 'warning') return null;
  const minutes = Math.round((session?.idleTimeoutSec ?? 900) / 60);
  return (
    <Dialog
      variant="alert"
      title={t('console.idle.title')}
      initialFocus={stayButton}
      onClose={() => void stay()}
      description={
        <>
          <p>{t('console.idle.body', { minutes })}</p>
          <p className="muted">
            {t('console.idle.left')} <span className="idle-countdown">{mmss(phase.deadline - now)}</span>
          </p>
        </>
      }
    >
      {failed && (
        <div className="notice notice-error" role="alert">
          <p>{t('console.error.network')}</p>
        </div>
      )}
      <div className="actions">
        <button
          ref={stayButton}
          type="button"
          className="btn btn-primary"
          disabled={busy}
          // The handler catches its own failure (it shows the network notice), so its promise never rejects.
          onClick={() => void (async () => {
            setBusy(true);
            try {
              await stay();
            } catch {
              setFailed(true);
            } finally {
              setBusy(false);
            }
          })()}
        >
          {t('console.idle.stay')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => void signOut()}>
          {t('console.idle.signOut')}
        </button>
      </div>
    </Dialog>
  );
}
