import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { useT } from '../app/i18n/useT';

interface Props {
  title: string;
  /** Shown while mounted; the parent unmounts it to close. */
  onClose: () => void;
  children: ReactNode;
  /** 'side' slides in from the right edge (a detail panel); 'alert' needs an answer. */
  variant?: 'center' | 'side' | 'alert';
  /** Focused when the dialog opens; otherwise the first focusable control. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Text that explains the dialog (announced with the title). */
  description?: ReactNode;
  wide?: boolean;
}

/**
 * A modal dialog on the native <dialog> element: the browser keeps focus
 * inside, makes the page behind inert and closes it with Escape. Focus goes
 * back to what opened it.
 */
export function Dialog({ title, onClose, children, variant = 'center', initialFocus, description, wide }: Props) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const latestClose = useRef(onClose);
  useEffect(() => {
    latestClose.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      latestClose.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      // Back to the control that opened the dialog, if it is still on the page.
      if (opener?.isConnected) opener.focus();
    };
    // Open once per mount; a new initialFocus target does not reopen.
  }, []);

  const cls = ['dialog', `dialog-${variant}`, wide ? 'dialog-wide' : ''].filter(Boolean).join(' ');
  return (
    <dialog
      ref={ref}
      className={cls}
      role={variant === 'alert' ? 'alertdialog' : undefined}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-desc` : undefined}
    >
      <div className="dialog-header">
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        {variant !== 'alert' && (
          <button type="button" className="dialog-close" onClick={() => latestClose.current()}>
            <svg viewBox="0 0 24 24" className="icon" aria-hidden="true" focusable="false">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
            <span className="sr-only">{t('dialog.close')}</span>
          </button>
        )}
      </div>
      {description && (
        <div id={`${id}-desc`} className="dialog-description">
          {description}
        </div>
      )}
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
