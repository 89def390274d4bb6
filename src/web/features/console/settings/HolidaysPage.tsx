import { useState, type FormEvent } from 'react';
import type { ClinicSettings } from '../../../../shared/contracts/clinic-settings';
import { localDateOf } from '../../../../shared/time';
import { useI18n } from '../../../app/i18n/useT';
import { problemMessage } from '../../../app/problems';
import { useSettingsTitle } from './useSettingsTitle';
import { DataTable } from '../../../ui/DataTable';
import { SelectField, TextField } from '../../../ui/Field';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { QueryState } from '../../../ui/QueryState';
import { formatCalendarDate } from '../console-format';
import { useClinicSettings, useSettingsSave } from './settings-api';
import { AffectedVisits, FormTop, SaveBar } from './SettingsParts';
import { FIRST_ZONE } from './time-zones';
import { useSettingsForm } from './useSettingsForm';

const ALL = '';

/** Holidays and closures: a day or a run of days, at one location or all of them. */
export function HolidaysPage() {
  const { t } = useI18n();
  useSettingsTitle('settings.title.holidays');
  const settings = useClinicSettings();
  return (
    <>
      <h1>{t('settings.holidays.title')}</h1>
      <p className="lede">{t('settings.holidays.lede')}</p>
      <QueryState isPending={settings.isPending} isError={settings.isError} error={settings.error} retry={() => void settings.refetch()}>
        {settings.data && (
          <>
            <HolidayForm settings={settings.data} />
            <HolidayList settings={settings.data} />
          </>
        )}
      </QueryState>
    </>
  );
}

function HolidayForm({ settings }: { settings: ClinicSettings }) {
  const { t } = useI18n();
  const paths = ['date', 'through', 'name', 'locationId'];
  const form = useSettingsForm('POST /api/admin/clinic/holidays', 'hol', paths);
  const [v, setV] = useState({ date: '', through: '', name: '', locationId: ALL });
  const set = (k: keyof typeof v, value: string) => setV((p) => ({ ...p, [k]: value }));
  const label = (p: string) => t(`settings.holidays.${(paths.includes(p) ? p : 'name') as 'name'}`);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const body = { date: v.date, name: v.name, locationId: v.locationId || null, ...(v.through ? { through: v.through } : {}) };
    form.save({ body }, { done: t('settings.holidays.added', { name: v.name.trim() }), onSaved: () => setV({ date: '', through: '', name: '', locationId: ALL }) });
  }

  return (
    <form noValidate onSubmit={onSubmit} className="panel settings-form" aria-labelledby="hol-form-title">
      <h2 id="hol-form-title">{t('settings.holidays.add')}</h2>
      <FormTop form={form} label={label} level={3} />
      <TextField frame={{ id: form.id('name'), label: t('settings.holidays.name'), hint: t('settings.holidays.nameHint'), error: form.error('name') }} autoComplete="off" maxLength={80} value={v.name} onChange={(e) => set('name', e.target.value)} />
      <div className="field-row">
        <TextField frame={{ id: form.id('date'), label: t('settings.holidays.date'), error: form.error('date') }} type="date" className="input input-date" value={v.date} onChange={(e) => set('date', e.target.value)} />
        <TextField
          frame={{ id: form.id('through'), label: t('settings.holidays.through'), hint: t('settings.holidays.throughHint'), error: form.error('through'), optional: true }}
          type="date"
          className="input input-date"
          value={v.through}
          onChange={(e) => set('through', e.target.value)}
        />
      </div>
      <SelectField frame={{ id: form.id('locationId'), label: t('settings.holidays.locationId'), error: form.error('locationId') }} value={v.locationId} onChange={(e) => set('locationId', e.target.value)}>
        <option value={ALL}>{t('settings.holidays.allLocations')}</option>
        {settings.locations.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </SelectField>
      <SaveBar form={form} label={t('settings.holidays.save')} />
    </form>
  );
}

function HolidayList({ settings }: { settings: ClinicSettings }) {
  const { t, lang } = useI18n();
  const remove = useSettingsSave('DELETE /api/admin/clinic/holidays/:id');
  const [done, setDone] = useState<string | null>(null);
  const today = localDateOf(Date.now(), settings.locations[0]?.timeZone ?? FIRST_ZONE);
  const upcoming = settings.holidays.filter((h) => h.date >= today).sort((a, b) => a.date.localeCompare(b.date));
  const past = settings.holidays.length - upcoming.length;
  const where = (id: string | null) => (id ? (settings.locations.find((l) => l.id === id)?.name ?? '') : t('settings.holidays.allLocations'));

  return (
    <div className="holiday-list">
      <h2 id="hol-list-title">{t('settings.holidays.listTitle', { n: upcoming.length })}</h2>
      <OutcomeNotices done={done} problem={remove.isError ? problemMessage(remove.error, t, lang) : null} />
      {upcoming.length === 0 ? (
        <p>{t('settings.holidays.none')}</p>
      ) : (
        <DataTable labelledBy="hol-list-title" columns={[t('settings.holidays.date'), t('settings.holidays.name'), t('settings.holidays.locationId'), t('settings.col.action')]}>
          {upcoming.map((h) => (
            <tr key={h.id}>
              <td className="cell-nowrap">{formatCalendarDate(h.date, lang)}</td>
              <th scope="row">{h.name}</th>
              <td>{where(h.locationId)}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  disabled={remove.isPending}
                  onClick={() => {
                    setDone(null);
                    remove.mutate({ params: { id: h.id } }, { onSuccess: () => setDone(t('settings.holidays.removed', { name: h.name, date: formatCalendarDate(h.date, lang) })) });
                  }}
                >
                  {t('settings.holidays.remove')}
                  <span className="sr-only"> {t('settings.holidays.removeSr', { name: h.name, date: formatCalendarDate(h.date, lang) })}</span>
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {past > 0 && <p className="muted">{t('settings.holidays.past', { n: past })}</p>}
      <AffectedVisits visits={remove.data?.affected ?? []} id="hol-remove-affected" />
    </div>
  );
}
