import { useState, type ChangeEvent } from 'react';
import { localeOf } from '../../app/i18n/catalog';
import { useI18n } from '../../app/i18n/useT';
import { ACCEPT_ATTACHMENTS, addFiles, formatFileSize, type FileRefusal } from './message-files';

/**
 * Files to send with a message: chosen with the system's picker (by keyboard
 * too), checked here first so a person hears at once what cannot go and why;
 * each one can be removed. The server checks again, from the bytes.
 */
export function AttachmentPicker({ id, files, onChange, disabled }: { id: string; files: File[]; onChange: (files: File[]) => void; disabled?: boolean }) {
  const { t, lang } = useI18n();
  const [refused, setRefused] = useState<FileRefusal<File>[]>([]);
  const locale = localeOf(lang);

  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(e.target.files ?? [])];
    // Cleared so the same file can be chosen again after it was removed.
    e.target.value = '';
    const r = addFiles(files, chosen);
    setRefused(r.refused);
    onChange(r.attached);
  };

  return (
    <div className="field message-files">
      <label htmlFor={id} className="field-label">
        {t('messages.files.label')} <span className="field-optional">{t('common.optional')}</span>
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {t('messages.files.hint')}
      </p>
      <div aria-live="polite">
        {refused.length > 0 && (
          <ul id={`${id}-error`} className="field-error message-file-problems">
            {refused.map((r, i) => (
              <li key={`${r.file.name}-${i}`}>{t(`messages.files.problem.${r.problem}`, { name: r.file.name })}</li>
            ))}
          </ul>
        )}
      </div>
      <input
        id={id}
        type="file"
        className="input input-file"
        multiple
        accept={ACCEPT_ATTACHMENTS}
        disabled={disabled}
        aria-describedby={refused.length > 0 ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={choose}
      />
      {files.length > 0 && (
        <>
          <h3 className="message-files-title" id={`${id}-list`}>
            {t('messages.files.attached')}
          </h3>
          <ul className="message-file-list" aria-labelledby={`${id}-list`}>
            {files.map((f, i) => (
              <li key={`${f.name}-${f.size}-${i}`}>
                <span className="message-file-name">{f.name}</span> <span className="muted">{formatFileSize(f.size, locale)}</span>{' '}
                <button
                  type="button"
                  className="btn btn-link"
                  disabled={disabled}
                  onClick={() => {
                    setRefused([]);
                    onChange(files.filter((_, j) => j !== i));
                    document.getElementById(id)?.focus();
                  }}
                >
                  {t('messages.files.remove', { name: f.name })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
