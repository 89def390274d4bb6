import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { PractitionerRole, SpokenLanguage, type ClinicSettings, type PractitionerInput } from '../../../../shared/contracts/clinic-settings';
import { localDateOf } from '../../../../shared/time';
import { localeOf } from '../../../app/i18n/catalog';
import { useI18n } from '../../../app/i18n/useT';
import { useSettingsTitle } from './useSettingsTitle';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { ScheduleEditor, schedulePaths } from './ScheduleEditor';
import { useClinicSettings } from './settings-api';
import { CheckboxField, CheckboxGroup, FormTop, SaveBar } from './SettingsParts';
import { FIRST_ZONE } from './time-zones';
import { useSettingsForm } from './useSettingsForm';

type Practitioner = ClinicSettings['practitioners'][number];
type Values = Omit<PractitionerInput, 'active' | 'schedule'> & { active: boolean; schedule: Required<PractitionerInput>['schedule'] };

const TOP = ['name', 'credentials', 'role', 'languages'] as const;

function valuesOf(p: Practitioner | undefined): Values {
  if (!p) return { name: '', credentials: '', role: 'physician', languages: ['en'], bio: { en: '', es: '' }, visitTypeIds: [], schedule: [], active: true };
  return {
    name: p.name, credentials: p.credentials, role: p.role, languages: [...p.languages], bio: { ...p.bio }, visitTypeIds: [...p.visitTypeIds],
    schedule: p.schedule.map((e) => ({ ...e })), active: p.active,
  };
}

/** A new practitioner, or one to change. */
export function PractitionerEditPage() {
  const { t } = useI18n();
  const { id } = useParams();
  useSettingsTitle(id ? 'settings.title.practitioner' : 'settings.title.newPractitioner');
  const settings = useClinicSettings();
  const practitioner = settings.data?.practitioners.find((p) => p.id === id);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/console/admin/settings/practitioners">{t('settings.practitioners.back')}</Link>
      </p>
      <h1>{id ? (practitioner ? practitioner.name : t('settings.practitioner.title')) : t('settings.practitioner.newTitle')}</h1>
      <QueryState isPending={settings.isPending} isError={settings.isError} error={settings.error} retry={() => void settings.refetch()}>
        {settings.data &&
          (id && !practitioner ? (
            <p className="notice notice-warning">{t('settings.notFound')}</p>
          ) : (
            <PractitionerForm key={id ?? 'new'} settings={settings.data} practitioner={practitioner} />
          ))}
      </QueryState>
    </>
  );
}

function PractitionerForm({ settings, practitioner }: { settings: ClinicSettings; practitioner: Practitioner | undefined }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const arrived = useLocation().state as { created?: string } | null;
  const [v, setV] = useState<Values>(() => valuesOf(practitioner));
  const known = [...TOP, 'bio.en', 'bio.es', 'visitTypeIds', ...schedulePaths(v.schedule), 'active'];
  const at = practitioner ? settings.practitioners.indexOf(practitioner) : settings.practitioners.length;
  const form = useSettingsForm(practitioner ? 'PUT /api/admin/clinic/practitioners/:id' : 'POST /api/admin/clinic/practitioners', 'pr', known, `practitioners.${at}`);
  const [createdNote, setCreatedNote] = useState<string | null>(null);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const today = localDateOf(Date.now(), settings.locations[0]?.timeZone ?? FIRST_ZONE);
  const languageName = new Intl.DisplayNames([localeOf(lang)], { type: 'language' });

  useEffect(() => {
    if (arrived?.created) setCreatedNote(t('settings.practitioner.created', { name: arrived.created }));
  }, []);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setCreatedNote(null);
    if (practitioner) {
      form.save({ params: { id: practitioner.id }, body: v });
      return;
    }
    form.save(
      { body: v },
      {
        onSaved: (r) => {
          const made = r.settings.practitioners.find((p) => p.name === v.name.trim());
          if (made) void navigate(`/console/admin/settings/practitioners/${made.id}`, { replace: true, state: { created: made.name } });
        },
      },
    );
  }

  const label = (p: string): string => {
    if (p.startsWith('schedule')) return t('settings.schedule.title');
    if (p === 'bio.en' || p === 'bio.es') return t(p === 'bio.en' ? 'settings.practitioner.bioEn' : 'settings.practitioner.bioEs');
    if (p === 'visitTypeIds') return t('settings.practitioner.visitTypes');
    if (p === 'active') return t('settings.practitioner.active');
    return (TOP as readonly string[]).includes(p) ? t(`settings.practitioner.${p as (typeof TOP)[number]}`) : t('settings.practitioner.title');
  };

  return (
    <form noValidate onSubmit={onSubmit} className="panel settings-form" aria-labelledby="pr-form-title">
      <h2 id="pr-form-title">{t('settings.practitioner.details')}</h2>
      <FormTop form={form} label={label} level={3} />
      <div role="status" className="status-region">
        {createdNote && !form.done && (
          <div className="notice notice-success">
            <p>{createdNote}</p>
          </div>
        )}
      </div>
      <div className="field-row">
        <TextField frame={{ id: form.id('name'), label: t('settings.practitioner.name'), hint: t('settings.practitioner.nameHint'), error: form.error('name') }} autoComplete="off" maxLength={120} value={v.name} onChange={(e) => set('name', e.target.value)} />
        <TextField
          frame={{ id: form.id('credentials'), label: t('settings.practitioner.credentials'), hint: t('settings.practitioner.credentialsHint'), error: form.error('credentials'), optional: true }}
          autoComplete="off"
          maxLength={40}
          value={v.credentials}
          onChange={(e) => set('credentials', e.target.value)}
        />
      </div>
      <SelectField frame={{ id: form.id('role'), label: t('settings.practitioner.role'), error: form.error('role') }} value={v.role} onChange={(e) => set('role', e.target.value as Values['role'])}>
        {PractitionerRole.options.map((r) => (
          <option key={r} value={r}>
            {t(`settings.role.${r}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup
        id={form.id('languages')}
        legend={t('settings.practitioner.languages')}
        options={SpokenLanguage.options.map((l) => ({ value: l, label: languageName.of(l) ?? l }))}
        value={v.languages}
        onChange={(ls) => set('languages', ls as Values['languages'])}
        error={form.error('languages')}
      />
      <TextAreaField frame={{ id: form.id('bio.en'), label: t('settings.practitioner.bioEn'), error: form.error('bio.en'), optional: true }} lang="en" rows={4} maxLength={2000} value={v.bio.en} onChange={(e) => set('bio', { ...v.bio, en: e.target.value })} />
      <TextAreaField frame={{ id: form.id('bio.es'), label: t('settings.practitioner.bioEs'), error: form.error('bio.es'), optional: true }} lang="es" rows={4} maxLength={2000} value={v.bio.es} onChange={(e) => set('bio', { ...v.bio, es: e.target.value })} />
      {settings.visitTypes.length === 0 ? (
        <p className="notice notice-warning">{t('settings.practitioner.noVisitTypes')}</p>
      ) : (
        <CheckboxGroup
          id={form.id('visitTypeIds')}
          legend={t('settings.practitioner.visitTypes')}
          options={settings.visitTypes.map((vt) => ({ value: vt.id, label: vt.name[lang] || vt.name.en }))}
          value={v.visitTypeIds}
          onChange={(ids) => set('visitTypeIds', ids)}
          error={form.error('visitTypeIds')}
        />
      )}
      <ScheduleEditor schedule={v.schedule} onChange={(s) => set('schedule', s)} locations={settings.locations} today={today} form={form} />
      <CheckboxField id={form.id('active')} label={t('settings.practitioner.active')} hint={t('settings.practitioner.activeHint')} checked={v.active} onChange={(b) => set('active', b)} />
      <SaveBar form={form} label={practitioner ? t('settings.practitioner.save') : t('settings.practitioner.create')} />
    </form>
  );
}
