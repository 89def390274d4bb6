import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { RoomCapability } from '../../../../shared/contracts/clinic';
import { OnlineBooking, type ClinicSettings } from '../../../../shared/contracts/clinic-settings';
import type { FieldIssue } from '../../../../shared/errors';
import { useI18n } from '../../../app/i18n/useT';
import { useSettingsTitle } from './useSettingsTitle';
import { RadioGroupField, SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { useClinicSettings } from './settings-api';
import { CheckboxField, FormTop, SaveBar } from './SettingsParts';
import { useSettingsForm } from './useSettingsForm';

type VisitType = ClinicSettings['visitTypes'][number];
type Bilingual = { en: string; es: string };
const NUMBERS = ['durationMin', 'bufferBeforeMin', 'bufferAfterMin', 'slotStepMin', 'cancelCutoffMin', 'minNoticeMin', 'horizonDays'] as const;
type NumberField = (typeof NUMBERS)[number];
/** Shown in hours (the contract keeps minutes): cutoffs and notice are thought of in hours at a desk. */
const IN_HOURS: NumberField[] = ['cancelCutoffMin', 'minNoticeMin'];
const MAX_HOURS = 720;

interface Values {
  code: string;
  name: Bilingual;
  description: Bilingual;
  instructions: Bilingual;
  numbers: Record<NumberField, string>;
  roomCapability: VisitType['roomCapability'];
  online: VisitType['online'];
  cptCodes: string;
  active: boolean;
}

const PATHS = ['code', 'name.en', 'name.es', 'description.en', 'description.es', 'instructions.en', 'instructions.es', ...NUMBERS, 'roomCapability', 'online', 'cptCodes', 'active'];

function valuesOf(v: VisitType | undefined): Values {
  const n = (field: NumberField, value: number) => String(IN_HOURS.includes(field) ? value / 60 : value);
  if (!v) {
    return {
      code: '', name: { en: '', es: '' }, description: { en: '', es: '' }, instructions: { en: '', es: '' }, roomCapability: 'exam', online: 'staff_only', cptCodes: '', active: true,
      numbers: { durationMin: '30', bufferBeforeMin: '0', bufferAfterMin: '0', slotStepMin: '15', cancelCutoffMin: '24', minNoticeMin: '24', horizonDays: '90' },
    };
  }
  return {
    code: v.code, name: { ...v.name }, description: { ...v.description }, instructions: { ...v.instructions }, roomCapability: v.roomCapability, online: v.online,
    cptCodes: v.cptCodes.join(', '), active: v.active,
    numbers: Object.fromEntries(NUMBERS.map((f) => [f, n(f, v[f])])) as Record<NumberField, string>,
  };
}

/** A number typed in the form as the contract counts it (hours become minutes); null when it is not a number. */
function numberOf(field: NumberField, s: string): number | null {
  if (s.trim() === '' || !Number.isFinite(Number(s))) return null;
  return IN_HOURS.includes(field) ? Math.round(Number(s) * 60) : Number(s);
}

export function VisitTypeEditPage() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  useSettingsTitle(id ? 'settings.title.visitType' : 'settings.title.newVisitType');
  const settings = useClinicSettings();
  const visitType = settings.data?.visitTypes.find((v) => v.id === id);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/console/admin/settings/visit-types">{t('settings.visitTypes.back')}</Link>
      </p>
      <h1>{id ? (visitType ? visitType.name[lang] || visitType.name.en : t('settings.visitType.title')) : t('settings.visitType.newTitle')}</h1>
      <QueryState isPending={settings.isPending} isError={settings.isError} error={settings.error} retry={() => void settings.refetch()}>
        {settings.data &&
          (id && !visitType ? (
            <p className="notice notice-warning">{t('settings.notFound')}</p>
          ) : (
            <VisitTypeForm key={id ?? 'new'} visitType={visitType} at={visitType ? settings.data.visitTypes.indexOf(visitType) : settings.data.visitTypes.length} />
          ))}
      </QueryState>
    </>
  );
}

function VisitTypeForm({ visitType, at }: { visitType: VisitType | undefined; at: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const arrived = useLocation().state as { created?: string } | null;
  const form = useSettingsForm(visitType ? 'PUT /api/admin/clinic/visit-types/:id' : 'POST /api/admin/clinic/visit-types', 'vt', PATHS, `visitTypes.${at}`);
  const [v, setV] = useState<Values>(() => valuesOf(visitType));
  const [createdNote, setCreatedNote] = useState<string | null>(null);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const setText = (k: 'name' | 'description' | 'instructions', l: 'en' | 'es', value: string) => setV((prev) => ({ ...prev, [k]: { ...prev[k], [l]: value } }));
  const setNumber = (f: NumberField, value: string) => setV((prev) => ({ ...prev, numbers: { ...prev.numbers, [f]: value } }));

  useEffect(() => {
    if (arrived?.created) setCreatedNote(t('settings.visitType.created', { name: arrived.created }));
  }, []);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setCreatedNote(null);
    // Hours the contract would refuse in minutes are refused here in hours, so the words match the field.
    const tooBig: FieldIssue[] = IN_HOURS.filter((f) => Number(v.numbers[f]) > MAX_HOURS).map((f) => ({ field: f, message: `Too big: expected number to be <=${MAX_HOURS}` }));
    if (tooBig.length) return form.refuse(tooBig);
    const body = {
      code: v.code, name: v.name, description: v.description, instructions: v.instructions, roomCapability: v.roomCapability, online: v.online, active: v.active,
      cptCodes: v.cptCodes.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean),
      ...Object.fromEntries(NUMBERS.map((f) => [f, numberOf(f, v.numbers[f])])),
    };
    if (visitType) return form.save({ params: { id: visitType.id }, body });
    form.save(
      { body },
      {
        onSaved: (r) => {
          const made = r.settings.visitTypes.find((x) => x.code === v.code.trim());
          if (made) void navigate(`/console/admin/settings/visit-types/${made.id}`, { replace: true, state: { created: made.name.en } });
        },
      },
    );
  }

  const label = (p: string): string => {
    const [head, l] = p.split('.');
    if (l === 'en' || l === 'es') return t(`settings.visitType.${head as 'name'}.${l}`);
    return PATHS.includes(p) && !['name', 'description', 'instructions'].includes(p) ? t(`settings.visitType.${p as NumberField}`) : t('settings.visitType.title');
  };
  const text = (k: 'name' | 'description' | 'instructions', l: 'en' | 'es') => ({ id: form.id(`${k}.${l}`), label: t(`settings.visitType.${k}.${l}`), error: form.error(`${k}.${l}`), optional: k !== 'name' });

  return (
    <form noValidate onSubmit={onSubmit} className="panel settings-form" aria-labelledby="vt-form-title">
      <h2 id="vt-form-title">{t('settings.visitType.details')}</h2>
      <FormTop form={form} label={label} level={3} />
      <div role="status" className="status-region">
        {createdNote && !form.done && (
          <div className="notice notice-success">
            <p>{createdNote}</p>
          </div>
        )}
      </div>
      <div className="field-row">
        <TextField frame={text('name', 'en')} lang="en" autoComplete="off" maxLength={120} value={v.name.en} onChange={(e) => setText('name', 'en', e.target.value)} />
        <TextField frame={text('name', 'es')} lang="es" autoComplete="off" maxLength={120} value={v.name.es} onChange={(e) => setText('name', 'es', e.target.value)} />
      </div>
      <TextField frame={{ id: form.id('code'), label: t('settings.visitType.code'), hint: t('settings.visitType.codeHint'), error: form.error('code') }} autoComplete="off" spellCheck={false} maxLength={60} value={v.code} onChange={(e) => set('code', e.target.value)} />
      {(['description', 'instructions'] as const).map((k) => (
        <div key={k} className="field-row">
          <TextAreaField frame={text(k, 'en')} lang="en" rows={3} maxLength={k === 'description' ? 1000 : 2000} value={v[k].en} onChange={(e) => setText(k, 'en', e.target.value)} />
          <TextAreaField frame={text(k, 'es')} lang="es" rows={3} maxLength={k === 'description' ? 1000 : 2000} value={v[k].es} onChange={(e) => setText(k, 'es', e.target.value)} />
        </div>
      ))}
      <fieldset className="form-section">
        <legend>{t('settings.visitType.timing')}</legend>
        <div className="field-row number-row">
          {NUMBERS.map((f) => (
            <TextField
              key={f}
              frame={{ id: form.id(f), label: t(`settings.visitType.${f}`), hint: t(`settings.visitType.hint.${f}`), error: form.error(f) }}
              inputMode="decimal"
              className="input input-short"
              value={v.numbers[f]}
              onChange={(e) => setNumber(f, e.target.value)}
            />
          ))}
        </div>
      </fieldset>
      <SelectField frame={{ id: form.id('roomCapability'), label: t('settings.visitType.roomCapability'), hint: t('settings.visitType.roomHint'), error: form.error('roomCapability') }} value={v.roomCapability} onChange={(e) => set('roomCapability', e.target.value as Values['roomCapability'])}>
        {RoomCapability.options.map((c) => (
          <option key={c} value={c}>
            {t(`settings.capability.${c}`)}
          </option>
        ))}
      </SelectField>
      <RadioGroupField
        id={form.id('online')}
        legend={t('settings.visitType.online')}
        name="vt-online"
        value={v.online}
        options={OnlineBooking.options.map((o) => ({ value: o, label: t(`settings.policy.${o}`) }))}
        onChange={(o) => set('online', o as Values['online'])}
        error={form.error('online')}
      />
      <TextField frame={{ id: form.id('cptCodes'), label: t('settings.visitType.cptCodes'), hint: t('settings.visitType.cptHint'), error: form.error('cptCodes'), optional: true }} autoComplete="off" spellCheck={false} value={v.cptCodes} onChange={(e) => set('cptCodes', e.target.value)} />
      <CheckboxField id={form.id('active')} label={t('settings.visitType.active')} hint={t('settings.visitType.activeHint')} checked={v.active} onChange={(b) => set('active', b)} />
      <SaveBar form={form} label={visitType ? t('settings.visitType.save') : t('settings.visitType.create')} />
    </form>
  );
}
