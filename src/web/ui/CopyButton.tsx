import { useEffect, useState } from 'react';
import { useT } from '../app/i18n/useT';

/**
 * Copies text to the clipboard and says so next to the button. Where the
 * clipboard is not available, the button selects the text in `fallbackId`
 * so the person can copy it with the keyboard.
 */
export function CopyButton({ text, label, fallbackId }: { text: string; label: string; fallbackId?: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 4000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      const el = fallbackId ? document.getElementById(fallbackId) : null;
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        el.focus();
        el.select();
      } else if (el) {
        window.getSelection()?.selectAllChildren(el);
      }
      setState('manual');
    }
  }

  return (
    <span className="copy">
      <button type="button" className="btn btn-secondary btn-small" onClick={() => void copy()}>
        <svg viewBox="0 0 24 24" className="icon" aria-hidden="true" focusable="false">
          <rect x="8" y="8" width="12" height="12" rx="2" />
          <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
        </svg>
        {label}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? t('copy.done') : state === 'manual' ? t('copy.manual') : ''}
      </span>
    </span>
  );
}
