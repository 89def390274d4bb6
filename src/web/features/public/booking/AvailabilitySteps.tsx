import type { AvailabilityResponse, Slot } from '../../../../shared/contracts/booking';
import { capitalize, formatDayTime, formatLocalDay, formatZoneName } from '../../../app/i18n/format';
import { Trans } from '../../../app/i18n/Trans';
import { useI18n } from '../../../app/i18n/useT';
import { PhoneLink } from '../../../ui/PhoneLink';
import { QueryState } from '../../../ui/QueryState';
import type { ClinicDirectory } from '../useClinicDirectory';
import { DayPicker } from './DayPicker';
import { CLINIC_ZONE, groupSlotsByDay, practitionerName } from './slots';
import { TimePicker } from './TimePicker';

interface AvailabilityQueryState {
  data: AvailabilityResponse | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface Common {
  availability: AvailabilityQueryState;
  directory: ClinicDirectory;
  /** The front desk to call when nothing fits. */
  phone: string;
}

/** Choose a day among the next days with openings, or jump to the first available time. */
export function DayStep({
  availability,
  directory,
  phone,
  onPickDay,
  onPickSlot,
  onWiden,
}: Common & { onPickDay: (date: string) => void; onPickSlot: (slot: Slot) => void; onWiden: (() => void) | null }) {
  const { t, lang } = useI18n();
  const data = availability.data;
  const days = data ? groupSlotsByDay(data.slots) : [];
  const first = data?.firstAvailable ?? days[0]?.slots[0] ?? null;
  const firstLocation = directory.location(first?.locationId);

  return (
    <QueryState isPending={availability.isPending} isError={availability.isError} error={availability.error} retry={() => void availability.refetch()}>
      {days.length === 0 ? (
        <NoOpenings phone={phone} onWiden={onWiden} />
      ) : (
        <>
          {first && (
            <div className="first-available">
              <button type="button" className="btn btn-primary first-available-btn" onClick={() => onPickSlot(first)}>
                {t('book.day.bookFirst', {
                  when: formatDayTime(first.start, firstLocation?.timeZone ?? CLINIC_ZONE, lang),
                })}
              </button>
              <p className="muted">
                {practitionerName(directory.practitioner(first.practitionerId))} · {firstLocation?.name}
              </p>
            </div>
          )}
          <DayPicker days={days} firstAvailable={first} onPick={onPickDay} labelledBy="step-title" />
        </>
      )}
    </QueryState>
  );
}

/** Choose a time on the chosen day. */
export function TimeStep({
  availability,
  directory,
  phone,
  day,
  zone,
  onPickSlot,
  onOtherDay,
}: Common & { day: string; zone: string; onPickSlot: (slot: Slot) => void; onOtherDay: () => void }) {
  const { t, lang } = useI18n();
  const data = availability.data;
  const slots = data ? groupSlotsByDay(data.slots, Number.POSITIVE_INFINITY).find((d) => d.date === day)?.slots ?? [] : [];

  return (
    <QueryState isPending={availability.isPending} isError={availability.isError} error={availability.error} retry={() => void availability.refetch()}>
      <p className="step-subtitle">{capitalize(formatLocalDay(day, lang))}</p>
      {slots.length === 0 ? (
        <div className="notice">
          <p>{t('book.time.none')}</p>
          <p>
            <Trans k="book.day.callUs" values={{ phone: <PhoneLink phone={phone} /> }} />
          </p>
        </div>
      ) : (
        <>
          <p className="muted">{t('book.time.zone', { zone: formatZoneName(zone, lang) })}</p>
          <TimePicker slots={slots} directory={directory} firstAvailable={data?.firstAvailable ?? null} onPick={onPickSlot} />
        </>
      )}
      <p>
        <button type="button" className="btn btn-link" onClick={onOtherDay}>
          {t('book.time.otherDay')}
        </button>
      </p>
    </QueryState>
  );
}

function NoOpenings({ phone, onWiden }: { phone: string; onWiden: (() => void) | null }) {
  const { t } = useI18n();
  return (
    <div className="notice">
      <p>{t('book.day.none')}</p>
      <p>
        <Trans k="book.day.callUs" values={{ phone: <PhoneLink phone={phone} /> }} />
      </p>
      {onWiden && (
        <p>
          <button type="button" className="btn btn-secondary" onClick={onWiden}>
            {t('book.day.tryAny')}
          </button>
        </p>
      )}
    </div>
  );
}
