import type { WeeklyHours } from '../../../../shared/contracts/clinic-settings';
import { capitalize, formatWeekday } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { copyMondayToWeekdays, hoursByWeekday, nextRange } from './hours';
import type { SettingsForm } from './useSettingsForm';

/** The paths of the hours' inputs, in the order an issue on the whole list should land. */
export function hoursPaths(hours: readonly WeeklyHours[], base = 'hours'): string[] {
  return hours.flatMap((_, i) => [`${base}.${i}.opens`, `${base}.${i}.closes`]);
}

/**
 * A location's weekly opening hours: per weekday (Monday first) one or more
 * ranges, or closed; Monday's copied to the other weekdays in one step.
 */
export function HoursEditor({ hours, onChange, form, legend }: { hours: WeeklyHours[]; onChange: (h: WeeklyHours[]) => void; form: SettingsForm; legend: string }) {
  const { t, lang } = useI18n();
  const wholeError = form.error('hours');
  const set = (index: number, patch: Partial<WeeklyHours>) => onChange(hours.map((h, i) => (i === index ? { ...h, ...patch } : h)));
  return (
    <fieldset className="form-section hours-editor" aria-describedby="hours-hint">
      <legend>{legend}</legend>
      <p id="hours-hint" className="field-hint">
        {t('settings.hours.hint')}
      </p>
      {wholeError && <p className="field-error">{wholeError}</p>}
      <ul className="hours-days">
        {hoursByWeekday(hours).map(({ weekday, ranges }) => {
          const day = capitalize(formatWeekday(weekday, lang));
          return (
            <li key={weekday} className="hours-day">
              <p className="hours-day-name">{day}</p>
              {ranges.length === 0 && <p className="muted hours-closed">{t('settings.hours.closed')}</p>}
              {ranges.map((r, n) => {
                const rowError = form.error(`hours.${r.index}.opens`) ?? form.error(`hours.${r.index}.closes`);
                return (
                  <div key={r.index} className={rowError ? 'hours-range field-invalid' : 'hours-range'}>
                    {(['opens', 'closes'] as const).map((end) => {
                      const id = form.id(`hours.${r.index}.${end}`);
                      const err = form.error(`hours.${r.index}.${end}`);
                      return (
                        <div key={end} className="hours-time">
                          <label htmlFor={id} className="field-label">
                            <span className="sr-only">{t('settings.hours.rangeSr', { day, n: n + 1 })} </span>
                            {end === 'opens' ? t('settings.hours.opens') : t('settings.hours.closes')}
                          </label>
                          {err && (
                            <p id={`${id}-error`} className="field-error">
                              {err}
                            </p>
                          )}
                          <input
                            id={id}
                            type="time"
                            className="input input-time"
                            required
                            value={r[end]}
                            aria-invalid={err ? true : undefined}
                            aria-describedby={err ? `${id}-error` : undefined}
                            onChange={(e) => set(r.index, { [end]: e.target.value })}
                          />
                        </div>
                      );
                    })}
                    <button type="button" className="btn btn-secondary btn-small" onClick={() => onChange(hours.filter((_, i) => i !== r.index))}>
                      {t('settings.hours.remove')}
                      <span className="sr-only"> {t('settings.hours.rangeSr', { day, n: n + 1 })}</span>
                    </button>
                  </div>
                );
              })}
              <button type="button" className="btn btn-link hours-add" onClick={() => onChange([...hours, nextRange(hours, weekday)])}>
                {t('settings.hours.add', { day })}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="btn btn-secondary" onClick={() => onChange(copyMondayToWeekdays(hours))}>
        {t('settings.hours.copyMonday')}
      </button>
    </fieldset>
  );
}
