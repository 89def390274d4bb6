import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { ClinicSettings, LocationInput } from '../../../../shared/contracts/clinic-settings';
import { PHONE_EXAMPLE } from '../../../../shared/phone';
import { useI18n } from '../../../app/i18n/useT';
import { useSettingsTitle } from './useSettingsTitle';
import { SelectField, TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { HoursEditor, hoursPaths } from './HoursEditor';
import { RoomsSection } from './RoomsSection';
import { useClinicSettings } from './settings-api';
import { CheckboxField, FormTop, SaveBar } from './SettingsParts';
import { supportedTimeZones, timeZoneOptions, FIRST_ZONE } from './time-zones';
import { useSettingsForm } from './useSettingsForm';

type Location = ClinicSettings['locations'][number];
type Values = Omit<LocationInput, 'active'> & { active: boolean };

const ADDRESS = ['line1', 'line2', 'city', 'state', 'postalCode'] as const;
const TOP = ['slug', 'name', 'regionId'] as const;
const AFTER = ['phone', 'fax', 'timeZone'] as const;

function valuesOf(l: Location | undefined, regionId: string): Values {
  if (!l) {
    return {
      slug: '', name: '', regionId, phone: '', fax: '', timeZone: FIRST_ZONE, active: true,
      address: { line1: '', line2: '', city: '', state: 'TX', postalCode: '' },
      hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '17:00' })),
    };
  }
  return { slug: l.slug, name: l.name, regionId: l.regionId, address: { ...l.address }, phone: l.phone, fax: l.fax, timeZone: l.timeZone, hours: l.hours.map((h) => ({ ...h })), active: l.active };
}

/** A new location, or one to change, with its rooms once it exists. */
export function LocationEditPage() {
  const { t } = useI18n();
  const { id } = useParams();
  useSettingsTitle(id ? 'settings.title.location' : 'settings.title.newLocation');
  const settings = useClinicSettings();
  const location = settings.data?.locations.find((l) => l.id === id);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/console/admin/settings/locations">{t('settings.locations.back')}</Link>
      </p>
      <h1>{id ? (location ? t('settings.location.editTitle', { name: location.name }) : t('settings.location.title')) : t('settings.location.newTitle')}</h1>
      <QueryState isPending={settings.isPending} isError={settings.isError} error={settings.error} retry={() => void settings.refetch()}>
        {settings.data &&
          (id && !location ? (
            <p className="notice notice-warning">{t('settings.notFound')}</p>
          ) : (
            <>
              <LocationForm key={id ?? 'new'} settings={settings.data} location={location} />
              {location && <RoomsSection location={location} at={settings.data.locations.indexOf(location)} />}
            </>
          ))}
      </QueryState>
    </>
  );
}

function LocationForm({ settings, location }: { settings: ClinicSettings; location: Location | undefined }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const arrived = useLocation().state as { created?: string } | null;
  const [v, setV] = useState<Values>(() => valuesOf(location, settings.regions[0]?.id ?? ''));
  const known = [...TOP, ...ADDRESS.map((a) => `address.${a}`), ...AFTER, ...hoursPaths(v.hours), 'active'];
  // The settings engine names the document: this location is its place in the list, a new one the next.
  const at = location ? settings.locations.indexOf(location) : settings.locations.length;
  const form = useSettingsForm(location ? 'PUT /api/admin/clinic/locations/:id' : 'POST /api/admin/clinic/locations', 'loc', known, `locations.${at}`);
  const [zones] = useState(() => timeZoneOptions(supportedTimeZones(), location?.timeZone));
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const setAddress = (k: (typeof ADDRESS)[number], value: string) => setV((prev) => ({ ...prev, address: { ...prev.address, [k]: value } }));
  const { done: formDone } = form;
  const [createdNote, setCreatedNote] = useState<string | null>(null);

  // Arrived from "Add a location": say so once the page's live region exists, so it is announced.
  useEffect(() => {
    if (arrived?.created) setCreatedNote(t('settings.location.created', { name: arrived.created }));
  }, []);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setCreatedNote(null);
    if (location) {
      form.save({ params: { id: location.id }, body: v });
      return;
    }
    form.save(
      { body: v },
      {
        onSaved: (r) => {
          const made = r.settings.locations.find((l) => l.slug === v.slug.trim());
          if (made) void navigate(`/console/admin/settings/locations/${made.id}`, { replace: true, state: { created: made.name } });
        },
      },
    );
  }

  const label = (p: string): string => {
    if (p.startsWith('hours')) return t('settings.location.hours');
    if (p.startsWith('address.')) return t(`settings.location.address.${p.slice(8) as (typeof ADDRESS)[number]}`);
    return (TOP as readonly string[]).includes(p) || (AFTER as readonly string[]).includes(p) ? t(`settings.location.${p as (typeof TOP)[number]}`) : t('settings.location.title');
  };
  const text = (p: (typeof TOP)[number] | (typeof AFTER)[number]) => ({ id: form.id(p), label: t(`settings.location.${p}`), error: form.error(p) });

  return (
    <form noValidate onSubmit={onSubmit} className="panel settings-form" aria-labelledby="loc-form-title">
      <h2 id="loc-form-title">{t('settings.location.details')}</h2>
      <FormTop form={form} label={label} level={3} />
      <div role="status" className="status-region">
        {createdNote && !formDone && (
          <div className="notice notice-success">
            <p>{createdNote}</p>
          </div>
        )}
      </div>
      <div className="field-row">
        <TextField frame={text('name')} autoComplete="off" maxLength={80} value={v.name} onChange={(e) => set('name', e.target.value)} />
        <TextField frame={{ ...text('slug'), hint: t('settings.location.slugHint') }} autoComplete="off" spellCheck={false} maxLength={60} value={v.slug} onChange={(e) => set('slug', e.target.value)} />
      </div>
      <SelectField frame={text('regionId')} value={v.regionId} onChange={(e) => set('regionId', e.target.value)}>
        {settings.regions.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </SelectField>
      <fieldset className="form-section">
        <legend>{t('settings.location.address')}</legend>
        {ADDRESS.map((a) => (
          <TextField
            key={a}
            frame={{ id: form.id(`address.${a}`), label: t(`settings.location.address.${a}`), error: form.error(`address.${a}`), optional: a === 'line2', ...(a === 'state' ? { hint: t('settings.location.stateHint') } : {}) }}
            autoComplete={a === 'line1' ? 'address-line1' : a === 'line2' ? 'address-line2' : a === 'city' ? 'address-level2' : a === 'state' ? 'address-level1' : 'postal-code'}
            maxLength={a === 'state' ? 2 : 120}
            className={a === 'state' || a === 'postalCode' ? 'input input-short' : 'input'}
            value={v.address[a]}
            onChange={(e) => setAddress(a, e.target.value)}
          />
        ))}
      </fieldset>
      <div className="field-row">
        <TextField frame={{ ...text('phone'), hint: t('settings.phoneHint', { example: PHONE_EXAMPLE }) }} type="tel" autoComplete="off" value={v.phone} onChange={(e) => set('phone', e.target.value)} />
        <TextField frame={{ ...text('fax'), optional: true }} type="tel" autoComplete="off" value={v.fax} onChange={(e) => set('fax', e.target.value)} />
      </div>
      <SelectField frame={{ ...text('timeZone'), hint: t('settings.location.timeZoneHint') }} value={v.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
        {zones.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </SelectField>
      <HoursEditor hours={v.hours} onChange={(h) => set('hours', h)} form={form} legend={t('settings.location.hours')} />
      <CheckboxField id={form.id('active')} label={t('settings.location.active')} hint={t('settings.location.activeHint')} checked={v.active} onChange={(b) => set('active', b)} />
      <SaveBar form={form} label={location ? t('settings.location.save') : t('settings.location.create')} />
    </form>
  );
}
