import type { Slot } from '../../../../shared/contracts/booking';
import { formatTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import type { ClinicDirectory } from '../useClinicDirectory';
import { CLINIC_ZONE, groupByProviderAndPlace, isSameSlot, practitionerName } from './slots';

/**
 * A day's openings, grouped by provider and place. Each button shows the time
 * and its accessible name adds who and where, so a list of "9:00 AM" buttons
 * still makes sense when read out of context.
 */
export function TimePicker({
  slots,
  directory,
  firstAvailable,
  selected,
  onPick,
}: {
  slots: Slot[];
  directory: ClinicDirectory;
  firstAvailable: Slot | null;
  selected?: Slot | null;
  onPick: (slot: Slot) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="time-groups">
      {groupByProviderAndPlace(slots).map((g) => {
        const location = directory.location(g.locationId);
        const who = practitionerName(directory.practitioner(g.practitionerId));
        const where = location?.name ?? '';
        const zone = location?.timeZone ?? CLINIC_ZONE;
        const headingId = `tg-${g.practitionerId}-${g.locationId}`;
        return (
          <section key={headingId} className="time-group" aria-labelledby={headingId}>
            <h3 id={headingId} className="time-group-title">
              {who} <span className="muted">· {where}</span>
            </h3>
            <ul className="time-grid">
              {g.slots.map((s) => {
                const time = formatTime(s.start, zone, lang);
                const isFirst = isSameSlot(s, firstAvailable);
                const full = t('book.time.slot', { time, practitioner: who, location: where });
                return (
                  <li key={s.start}>
                    <button
                      type="button"
                      className={isFirst ? 'time time-first' : 'time'}
                      aria-pressed={selected === undefined ? undefined : isSameSlot(s, selected)}
                      onClick={() => onPick(s)}
                    >
                      {full.startsWith(time) ? (
                        <>
                          {time}
                          <span className="sr-only">{full.slice(time.length)}</span>
                        </>
                      ) : (
                        <>
                          <span aria-hidden="true">{time}</span>
                          <span className="sr-only">{full}</span>
                        </>
                      )}
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
          </section>
        );
      })}
    </div>
  );
}
