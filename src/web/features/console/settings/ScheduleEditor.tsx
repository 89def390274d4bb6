import { useState, type ReactNode } from 'react';
import type { ClinicSettings, ScheduleEntry } from '../../../../shared/contracts/clinic-settings';
import { addDays, type LocalDate } from '../../../../shared/time';
import { capitalize, formatWeekday } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { formatCalendarDate } from '../console-format';
import { WEEK_ORDER } from './hours';
import { scheduleGroups, startScheduleFrom, type IndexedEntry } from './schedule-groups';
import type { SettingsForm } from './useSettingsForm';

type Locations = ClinicSettings['locations'];

/** The paths of the schedule's inputs, in order. */
export function schedulePaths(schedule: readonly ScheduleEntry[]): string[] {
  return schedule.flatMap((_, i) => ['locationId', 'weekday', 'start', 'end'].map((f) => `schedule.${i}.${f}`));
}

/**
 * A practitioner's weekly hours per location, with effective dates: the
 * schedule in effect today, any that begins later, and "New schedule from a
 * date", which ends the current one the day before and starts a copy to change.
 */
export function ScheduleEditor({
  schedule,
  onChange,
  locations,
  today,
  form,
}: {
  schedule: ScheduleEntry[];
  onChange: (s: ScheduleEntry[]) => void;
  locations: Locations;
  today: LocalDate;
  form: SettingsForm;
}) {
  const { t, lang } = useI18n();
  const groups = scheduleGroups(schedule, today);
  const [from, setFrom] = useState('');
  const [fromError, setFromError] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const firstFuture = groups.future[0]?.from ?? null;
  const wholeError = form.error('schedule');

  const set = (index: number, patch: Partial<ScheduleEntry>) => onChange(schedule.map((e, i) => (i === index ? { ...e, ...patch } : e)));
  const blank = (validFrom: LocalDate | null, validTo: LocalDate | null): ScheduleEntry => ({
    locationId: locations.find((l) => l.active)?.id ?? locations[0]?.id ?? '',
    weekday: 1,
    start: '08:00',
    end: '17:00',
    validFrom,
    validTo,
  });

  function startNew() {
    setStarted(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) return setFromError(t('settings.schedule.fromMissing'));
    const out = startScheduleFrom(schedule, from, today);
    if ('refused' in out) return setFromError(out.refused === 'before_today' ? t('settings.schedule.fromPast') : t('settings.schedule.fromExists'));
    setFromError(null);
    onChange(out.schedule);
    setStarted(t('settings.schedule.started', { date: formatCalendarDate(from, lang) }));
  }

  return (
    <section className="form-section schedule-editor" aria-labelledby="schedule-title">
      <h2 id="schedule-title" className="form-section-title">
        {t('settings.schedule.title')}
      </h2>
      <p className="field-hint">{t('settings.schedule.hint')}</p>
      {wholeError && <p className="field-error">{wholeError}</p>}
      {locations.length === 0 && <p className="notice notice-warning">{t('settings.schedule.noLocations')}</p>}

      <ScheduleGroup
        title={t('settings.schedule.current')}
        entries={groups.current}
        empty={t('settings.schedule.noneCurrent')}
        {...{ locations, form, set }}
        onRemove={(i) => onChange(schedule.filter((_, n) => n !== i))}
        onAdd={() => onChange([...schedule, blank(null, firstFuture ? addDays(firstFuture, -1) : null)])}
        addLabel={t('settings.schedule.addCurrent')}
      />
      {groups.future.map((g, n) => {
        const next = groups.future[n + 1]?.from ?? null;
        const date = formatCalendarDate(g.from, lang);
        return (
          <ScheduleGroup
            key={g.from}
            title={t('settings.schedule.from', { date })}
            entries={g.entries}
            empty=""
            {...{ locations, form, set }}
            onRemove={(i) => onChange(schedule.filter((_, k) => k !== i))}
            onAdd={() => onChange([...schedule, blank(g.from, next ? addDays(next, -1) : null)])}
            addLabel={t('settings.schedule.addFrom', { date })}
          />
        );
      })}
      {groups.past.length > 0 && <p className="muted">{t('settings.schedule.past', { n: groups.past.length })}</p>}

      <div className="subpanel schedule-new">
        <h3>{t('settings.schedule.newTitle')}</h3>
        <p className="field-hint" id="schedule-new-hint">
          {t('settings.schedule.newHint')}
        </p>
        <div className={fromError ? 'field field-invalid' : 'field'}>
          <label htmlFor="f-schedule-from" className="field-label">
            {t('settings.schedule.fromDate')}
          </label>
          {fromError && (
            <p id="f-schedule-from-error" className="field-error">
              {fromError}
            </p>
          )}
          <input
            id="f-schedule-from"
            type="date"
            className="input input-date"
            min={today}
            value={from}
            aria-invalid={fromError ? true : undefined}
            aria-describedby={fromError ? 'schedule-new-hint f-schedule-from-error' : 'schedule-new-hint'}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <button type="button" className="btn btn-secondary" onClick={startNew}>
          {t('settings.schedule.startNew')}
        </button>
        <div role="status" className="status-region">
          {started && (
            <div className="notice notice-success">
              <p>{started}</p>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function ScheduleGroup({
  title,
  entries,
  empty,
  locations,
  form,
  set,
  onRemove,
  onAdd,
  addLabel,
}: {
  title: string;
  entries: IndexedEntry[];
  empty: string;
  locations: Locations;
  form: SettingsForm;
  set: (index: number, patch: Partial<ScheduleEntry>) => void;
  onRemove: (index: number) => void;
  onAdd: () => void;
  addLabel: string;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="schedule-group">
      <h3>{title}</h3>
      {entries.length === 0 && empty && <p className="muted">{empty}</p>}
      <ul className="plain-list schedule-rows">
        {entries.map((e, n) => {
          const sr = t('settings.schedule.rowSr', { group: title, n: n + 1 });
          const field = (f: 'locationId' | 'weekday' | 'start' | 'end') => ({ id: form.id(`schedule.${e.index}.${f}`), error: form.error(`schedule.${e.index}.${f}`) });
          const described = (f: { id: string; error: string | undefined }) => ({ 'aria-invalid': f.error ? (true as const) : undefined, 'aria-describedby': f.error ? `${f.id}-error` : undefined });
          const loc = field('locationId');
          const day = field('weekday');
          const start = field('start');
          const end = field('end');
          return (
            <li key={e.index} className="schedule-row">
              <Cell id={loc.id} label={t('settings.schedule.location')} sr={sr} error={loc.error}>
                <select id={loc.id} className="input select" value={e.locationId} onChange={(ev) => set(e.index, { locationId: ev.target.value })} {...described(loc)}>
                  {locations.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </Cell>
              <Cell id={day.id} label={t('settings.schedule.weekday')} sr={sr} error={day.error}>
                <select id={day.id} className="input select" value={e.weekday} onChange={(ev) => set(e.index, { weekday: Number(ev.target.value) })} {...described(day)}>
                  {WEEK_ORDER.map((w) => (
                    <option key={w} value={w}>
                      {capitalize(formatWeekday(w, lang))}
                    </option>
                  ))}
                </select>
              </Cell>
              <Cell id={start.id} label={t('settings.schedule.start')} sr={sr} error={start.error}>
                <input id={start.id} type="time" className="input input-time" value={e.start} onChange={(ev) => set(e.index, { start: ev.target.value })} {...described(start)} />
              </Cell>
              <Cell id={end.id} label={t('settings.schedule.end')} sr={sr} error={end.error}>
                <input id={end.id} type="time" className="input input-time" value={e.end} onChange={(ev) => set(e.index, { end: ev.target.value })} {...described(end)} />
              </Cell>
              <p className="schedule-dates muted">
                {e.validFrom ? t('settings.schedule.since', { date: formatCalendarDate(e.validFrom, lang) }) : ''}
                {e.validFrom && e.validTo ? ' · ' : ''}
                {e.validTo ? t('settings.schedule.until', { date: formatCalendarDate(e.validTo, lang) }) : ''}
              </p>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => onRemove(e.index)}>
                {t('settings.schedule.remove')}
                <span className="sr-only"> {sr}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="btn btn-link" onClick={onAdd}>
        {addLabel}
      </button>
    </div>
  );
}

function Cell({ id, label, sr, error, children }: { id: string; label: string; sr: string; error: string | undefined; children: ReactNode }) {
  return (
    <div className={error ? 'schedule-cell field-invalid' : 'schedule-cell'}>
      <label htmlFor={id} className="field-label">
        <span className="sr-only">{sr} </span>
        {label}
      </label>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children}
    </div>
  );
}
