import { useState, type FormEvent } from 'react';
import type { ClinicSettings, OrganizationInput } from '../../../../shared/contracts/clinic-settings';
import { PHONE_EXAMPLE } from '../../../../shared/phone';
import { useI18n } from '../../../app/i18n/useT';
import { useSettingsTitle } from './useSettingsTitle';
import { TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { LogoForm } from './LogoForm';
import { useClinicSettings } from './settings-api';
import { FormTop, SaveBar } from './SettingsParts';
import { useSettingsForm } from './useSettingsForm';

const PATHS = ['name', 'mainPhone', 'billingPhone', 'websiteUrl', 'replyBusinessDays', 'smsQuietHours.start', 'smsQuietHours.end'] as const;
type Path = (typeof PATHS)[number];

/** The organization: its name, phone numbers, website and logo. */
export function OrganizationPage() {
  const { t } = useI18n();
  useSettingsTitle('settings.title.organization');
  const settings = useClinicSettings();
  return (
    <>
      <h1>{t('settings.org.title')}</h1>
      <QueryState isPending={settings.isPending} isError={settings.isError} error={settings.error} retry={() => void settings.refetch()}>
        {settings.data && (
          <>
            <OrganizationForm org={settings.data.organization} />
            <LogoForm hasLogo={settings.data.organization.hasLogo} />
          </>
        )}
      </QueryState>
    </>
  );
}

function OrganizationForm({ org }: { org: ClinicSettings['organization'] }) {
  const { t } = useI18n();
  const form = useSettingsForm('PUT /api/admin/clinic/organization', 'org', PATHS, 'organization');
  const [v, setV] = useState<Omit<OrganizationInput, 'replyBusinessDays' | 'smsQuietHours'>>({ name: org.name, mainPhone: org.mainPhone, billingPhone: org.billingPhone, websiteUrl: org.websiteUrl });
  // Typed as text, sent as the number it reads as (the server names the field when it is not 1 to 10).
  const [replyDays, setReplyDays] = useState(String(org.replyBusinessDays));
  const [quiet, setQuiet] = useState(org.smsQuietHours);
  const set = (k: Exclude<Path, 'replyBusinessDays' | 'smsQuietHours.start' | 'smsQuietHours.end'>, value: string) => setV((prev) => ({ ...prev, [k]: value }));
  const label = (p: string) => (PATHS.includes(p as Path) ? t(`settings.org.${p as Path}`) : t('settings.org.title'));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const days = replyDays.trim() === '' ? Number.NaN : Number(replyDays);
    form.save({ body: { ...v, replyBusinessDays: days, smsQuietHours: quiet } });
  }

  return (
    <form noValidate onSubmit={onSubmit} className="panel settings-form" aria-labelledby="org-form-title">
      <h2 id="org-form-title">{t('settings.org.details')}</h2>
      <FormTop form={form} label={label} level={3} />
      <TextField frame={{ id: form.id('name'), label: t('settings.org.name'), error: form.error('name') }} autoComplete="organization" maxLength={120} value={v.name} onChange={(e) => set('name', e.target.value)} />
      <div className="field-row">
        <TextField
          frame={{ id: form.id('mainPhone'), label: t('settings.org.mainPhone'), hint: t('settings.phoneHint', { example: PHONE_EXAMPLE }), error: form.error('mainPhone'), optional: true }}
          type="tel"
          autoComplete="off"
          value={v.mainPhone}
          onChange={(e) => set('mainPhone', e.target.value)}
        />
        <TextField
          frame={{ id: form.id('billingPhone'), label: t('settings.org.billingPhone'), hint: t('settings.phoneHint', { example: PHONE_EXAMPLE }), error: form.error('billingPhone'), optional: true }}
          type="tel"
          autoComplete="off"
          value={v.billingPhone}
          onChange={(e) => set('billingPhone', e.target.value)}
        />
      </div>
      <TextField
        frame={{ id: form.id('websiteUrl'), label: t('settings.org.websiteUrl'), hint: t('settings.org.websiteHint'), error: form.error('websiteUrl'), optional: true }}
        type="url"
        autoComplete="off"
        spellCheck={false}
        value={v.websiteUrl}
        onChange={(e) => set('websiteUrl', e.target.value)}
      />
      <TextField
        frame={{ id: form.id('replyBusinessDays'), label: t('settings.org.replyBusinessDays'), hint: t('settings.org.replyHint'), error: form.error('replyBusinessDays') }}
        inputMode="numeric"
        className="input input-short"
        value={replyDays}
        onChange={(e) => setReplyDays(e.target.value)}
      />
      <fieldset className="field-row" aria-describedby="org-quiet-hint">
        <legend>{t('settings.org.smsQuietHours')}</legend>
        <p className="field-hint" id="org-quiet-hint">{t('settings.org.smsQuietHint')}</p>
        <TextField
          frame={{ id: form.id('smsQuietHours.start'), label: t('settings.org.smsQuietHours.start'), error: form.error('smsQuietHours.start') }}
          type="time"
          className="input input-short"
          value={quiet.start}
          onChange={(e) => setQuiet((q) => ({ ...q, start: e.target.value }))}
        />
        <TextField
          frame={{ id: form.id('smsQuietHours.end'), label: t('settings.org.smsQuietHours.end'), error: form.error('smsQuietHours.end') }}
          type="time"
          className="input input-short"
          value={quiet.end}
          onChange={(e) => setQuiet((q) => ({ ...q, end: e.target.value }))}
        />
      </fieldset>
      <SaveBar form={form} label={t('settings.org.save')} />
    </form>
  );
}
