import { useState } from 'react';
import type { AvailabilityResponse, Slot } from '../../../../shared/contracts/booking';
import { formatZoneName } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { QueryState } from '../../../ui/QueryState';
import { DayPicker } from '../../public/booking/DayPicker';
import { DAYS_SHOWN, groupSlotsByDay, isSameSlot } from '../../public/booking/slots';
import { TimePicker } from '../../public/booking/TimePicker';
import type { ClinicDirectory } from '../../public/useClinicDirectory';

interface AvailabilityState {
  data: AvailabilityResponse | undefined;
  isPending: boolean;
  isError: boolean;
  refetch: () => unknown;
}

/**
 * Days with openings, then the times of the chosen day, grouped by provider:
 * the same pickers as the public booking flow, so staff and patients see the
 * same openings the same way.
 */
export function SlotPicker({
  availability,
  directory,
  zone,
  labelledBy,
  selected,
  onPick,
}: {
  availability: AvailabilityState;
  directory: ClinicDirectory;
  zone: string;
  labelledBy: string;
  selected: Slot | null;
  onPick: (slot: Slot | null) => void;
}) {
  const { t, lang } = useI18n();
  const [day, setDay] = useState<string | null>(null);
  const days = availability.data ? groupSlotsByDay(availability.data.slots, DAYS_SHOWN) : [];
  const chosenDay = day && days.some((d) => d.date === day) ? day : (days[0]?.date ?? null);
  const daySlots = days.find((d) => d.date === chosenDay)?.slots ?? [];
  const first = availability.data?.firstAvailable ?? null;

  return (
    <QueryState isPending={availability.isPending} isError={availability.isError} retry={() => void availability.refetch()}>
      {days.length === 0 ? (
        <p className="notice">{t('console.book.noOpenings')}</p>
      ) : (
        <>
          <DayPicker
            days={days}
            firstAvailable={first}
            selected={chosenDay}
            labelledBy={labelledBy}
            onPick={(d) => {
              setDay(d);
              onPick(null);
            }}
          />
          <p className="muted">{t('book.time.zone', { zone: formatZoneName(zone, lang) })}</p>
          <TimePicker slots={daySlots} directory={directory} firstAvailable={first} selected={selected} onPick={(s) => onPick(isSameSlot(s, selected) ? null : s)} />
        </>
      )}
    </QueryState>
  );
}
