import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ClinicSettings } from '../../../../shared/contracts/clinic-settings';
import { useI18n } from '../../../app/i18n/useT';
import { useSettingsTitle } from './useSettingsTitle';
import { DataTable } from '../../../ui/DataTable';
import { TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { useClinicSettings } from './settings-api';
import { FormTop, SaveBar } from './SettingsParts';
import { useSettingsForm } from './useSettingsForm';

export { LocationEditPage } from './LocationForm';

/** Regions and locations: the list, each location's rooms and hours one click away. */
export function LocationsPage() {
  const { t } = useI18n();
  useSettingsTitle('settings.title.locations');
  const settings = useClinicSettings();
  return (
    <>
      <h1>{t('settings.locations.title')}</h1>
      <p className="lede">{t('settings.locations.lede')}</p>
      <QueryState isPending={settings.isPending} isError={settings.isError} error={settings.error} retry={() => void settings.refetch()}>
        {settings.data && (
          <>
            <LocationList settings={settings.data} />
            <RegionsPanel regions={settings.data.regions} />
          </>
        )}
      </QueryState>
    </>
  );
}

function LocationList({ settings }: { settings: ClinicSettings }) {
  const { t } = useI18n();
  const region = (id: string) => settings.regions.find((r) => r.id === id)?.name ?? '';
  return (
    <div>
      <div className="settings-list-head">
        <h2 id="locations-list-title">{t('settings.locations.listTitle', { n: settings.locations.length })}</h2>
        {settings.regions.length > 0 && (
          <Link to="/console/admin/settings/locations/new" className="btn btn-primary">
            {t('settings.locations.add')}
          </Link>
        )}
      </div>
      {settings.regions.length === 0 && <p className="notice notice-warning">{t('settings.locations.regionFirst')}</p>}
      {settings.locations.length === 0 ? (
        <p>{t('settings.locations.none')}</p>
      ) : (
        <DataTable
          labelledBy="locations-list-title"
          columns={[t('settings.locations.col.name'), t('settings.locations.col.region'), t('settings.locations.col.phone'), t('settings.locations.col.rooms'), t('settings.col.status')]}
        >
          {settings.locations.map((l) => (
            <tr key={l.id}>
              <th scope="row">
                <Link to={`/console/admin/settings/locations/${l.id}`}>{l.name}</Link>
                <span className="cell-sub">{l.timeZone}</span>
              </th>
              <td>{region(l.regionId)}</td>
              <td className="cell-nowrap">{l.phone}</td>
              <td>{l.rooms.length}</td>
              <td>{l.active ? t('settings.active') : t('settings.inactive')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

/** Regions group locations on the public site ("Main Line (Austin Area)"); a location needs one. */
function RegionsPanel({ regions }: { regions: ClinicSettings['regions'] }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="regions-title">
      <h2 id="regions-title">{t('settings.regions.title')}</h2>
      <p>{t('settings.regions.lede')}</p>
      {regions.length > 0 && (
        <ul className="plain-list region-list">
          {regions.map((r, i) => (
            <li key={r.id}>
              <RegionForm region={r} index={i} />
            </li>
          ))}
        </ul>
      )}
      <RegionForm index={regions.length} />
    </section>
  );
}

function RegionForm({ region, index }: { region?: { id: string; name: string }; index: number }) {
  const { t } = useI18n();
  const form = useSettingsForm(region ? 'PUT /api/admin/clinic/regions/:id' : 'POST /api/admin/clinic/regions', region ? `region-${region.id}` : 'region-new', ['name'], `regions.${index}`);
  const [name, setName] = useState(region?.name ?? '');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (region) form.save({ params: { id: region.id }, body: { name } }, { done: t('settings.regions.renamed', { name: name.trim() }) });
    else form.save({ body: { name } }, { done: t('settings.regions.added', { name: name.trim() }), onSaved: () => setName('') });
  }

  const label = region ? t('settings.regions.nameOf', { name: region.name }) : t('settings.regions.newName');
  return (
    <form noValidate onSubmit={onSubmit} className="inline-form">
      <FormTop form={form} label={() => label} level={3} />
      <TextField frame={{ id: form.id('name'), label, error: form.error('name') }} autoComplete="off" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
      <SaveBar form={form} label={region ? t('settings.regions.rename') : t('settings.regions.add')} />
    </form>
  );
}
