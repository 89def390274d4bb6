import type { Slot } from '../../../../shared/contracts/booking';
import { formatLocalDay, localDayParts } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { slotDate, type DayOpenings } from './slots';

/**
 * Days with openings as a grid of buttons; the day of the first available
 * opening is marked. `selected` shows a pressed day (reschedule panel).
 */
export function DayPicker({
  days,
  firstAvailable,
  selected,
  onPick,
  labelledBy,
}: {
  days: DayOpenings[];
  firstAvailable: Slot | null;
  selected?: string | null;
  onPick: (date: string) => void;
  labelledBy: string;
}) {
  const { t, lang } = useI18n();
  const firstDay = firstAvailable ? slotDate(firstAvailable) : null;
  return (
    <ul className="day-grid" aria-labelledby={labelledBy}>
      {days.map((d) => {
        const parts = localDayParts(d.date, lang);
        const isFirst = d.date === firstDay;
        const count = d.slots.length;
        return (
          <li key={d.date}>
            <button
              type="button"
              className={isFirst ? 'day day-first' : 'day'}
              aria-pressed={selected === undefined ? undefined : selected === d.date}
              onClick={() => onPick(d.date)}
            >
              <span className="day-weekday" aria-hidden="true">
                {parts.weekday}
              </span>
              <span className="day-number" aria-hidden="true">
                {parts.day}
              </span>
              <span className="day-month" aria-hidden="true">
                {parts.month}
              </span>
              <span className="sr-only">{formatLocalDay(d.date, lang)}, </span>
              <span className="day-count">
                {count === 1 ? t('book.day.slots.one') : t('book.day.slots.other', { count })}
              </span>
              {isFirst && (
                <span className="badge badge-first">
                  <span className="sr-only">, </span>
                  {t('book.day.firstBadge')}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
