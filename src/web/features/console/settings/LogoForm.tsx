import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useI18n } from '../../../app/i18n/useT';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { SaveBar } from './SettingsParts';
import { useSettingsForm } from './useSettingsForm';

/** The contract's limit (LogoUpload): 512 KB of PNG or JPEG; the server reads the type from the bytes. */
const MAX_BYTES = 512 * 1024;
const TYPES = ['image/png', 'image/jpeg'];

type Chosen = { name: string; dataUrl: string };

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/** The clinic's logo: choose a PNG or JPEG, see it, upload it. */
export function LogoForm({ hasLogo }: { hasLogo: boolean }) {
  const { t } = useI18n();
  const form = useSettingsForm('PUT /api/admin/clinic/logo', 'logo', ['base64']);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [attempts, setAttempts] = useState(0);
  const inputId = form.id('base64');
  const error = local ?? form.error('base64');

  async function onChoose(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    form.clear();
    setLocal(null);
    setChosen(null);
    if (!file) return;
    if (!TYPES.includes(file.type)) return setLocal(t('settings.logo.wrongType'));
    if (file.size > MAX_BYTES) return setLocal(t('settings.logo.tooLarge'));
    try {
      setChosen({ name: file.name, dataUrl: await readAsDataUrl(file) });
    } catch {
      setLocal(t('settings.logo.unreadable'));
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) {
      if (!local) setLocal(t('settings.logo.choose'));
      setAttempts((n) => n + 1);
      return;
    }
    form.save({ body: { base64: chosen.dataUrl.slice(chosen.dataUrl.indexOf(',') + 1) } }, { done: t('settings.logo.saved') });
  }

  const items = local ? [{ targetId: inputId, message: `${t('settings.logo.file')}: ${local}` }] : form.summary(() => t('settings.logo.file'));
  return (
    <form noValidate onSubmit={onSubmit} className="panel settings-form" aria-labelledby="logo-form-title">
      <h2 id="logo-form-title">{t('settings.logo.title')}</h2>
      <p>{hasLogo ? t('settings.logo.hasLogo') : t('settings.logo.noLogo')}</p>
      <ErrorSummary title={t('settings.errors.title')} items={items} focusKey={attempts + form.attempts} level={3} />
      <OutcomeNotices done={form.done} problem={form.problem} />
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={inputId} className="field-label">
          {t('settings.logo.file')}
        </label>
        <p id={`${inputId}-hint`} className="field-hint">
          {t('settings.logo.hint')}
        </p>
        {error && (
          <p id={`${inputId}-error`} className="field-error">
            {error}
          </p>
        )}
        <input
          id={inputId}
          type="file"
          className="input input-file"
          accept="image/png,image/jpeg"
          aria-describedby={error ? `${inputId}-hint ${inputId}-error` : `${inputId}-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => void onChoose(e)}
        />
      </div>
      {!chosen && hasLogo && (
        <figure className="logo-preview">
          {/* The public logo route; the save count makes the browser read a replaced logo again. */}
          <img src={`/api/clinic/logo?v=${form.attempts}`} alt={t('settings.logo.currentAlt')} />
          <figcaption>{t('settings.logo.current')}</figcaption>
        </figure>
      )}
      {chosen && (
        <figure className="logo-preview">
          <img src={chosen.dataUrl} alt={t('settings.logo.previewAlt')} />
          <figcaption>{t('settings.logo.preview', { name: chosen.name })}</figcaption>
        </figure>
      )}
      <SaveBar form={form} label={t('settings.logo.upload')} />
    </form>
  );
}
