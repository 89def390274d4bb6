import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Appointment, Slot } from '../../../../shared/contracts/booking';
import { fetchRoute, isConflict, NetworkError } from '../../../app/api/client';
import { keys, useAvailability } from '../../../app/api/queries';
import { formatDayTime, formatZoneName } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { isThrottled, problemMessage } from '../../../app/problems';
import { QueryState } from '../../../ui/QueryState';
import { DayPicker } from '../booking/DayPicker';
import { availabilityWindow, groupSlotsByDay, isSameSlot } from '../booking/slots';
import { TimePicker } from '../booking/TimePicker';
import type { ClinicDirectory } from '../useClinicDirectory';

/** A new time for the same visit type at the same location, with any provider there. */
export function ReschedulePanel({
  appointment: a,
  code,
  directory,
  onClose,
  onDone,
}: {
  appointment: Appointment;
  code: string;
  directory: ClinicDirectory;
  onClose: () => void;
  onDone: (updated: Appointment) => void;
}) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const range = useMemo(() => availabilityWindow(Date.now(), a.timeZone), [a.timeZone]);
  const availability = useAvailability({ visitType: a.visitTypeId, location: a.locationId, ...range });
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [taken, setTaken] = useState(false);

  const move = useMutation({
    mutationFn: (s: Slot) =>
      fetchRoute('POST /api/appointments/:id/reschedule', { params: { id: a.id }, body: {
        code,
        start: s.start,
        practitionerId: s.practitionerId,
        locationId: s.locationId,
      } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.appointment(a.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.availability });
      onDone(updated);
    },
    onError: (e) => {
      if (isConflict(e)) {
        setTaken(true);
        setSlot(null);
        void availability.refetch();
      }
    },
  });

  const days = availability.data ? groupSlotsByDay(availability.data.slots) : [];
  const daySlots = days.find((d) => d.date === day)?.slots ?? [];
  const first = availability.data?.firstAvailable ?? null;

  return (
    <div className="panel">
      <h3 id="reschedule-title">{t('appt.reschedule.title')}</h3>
      <div role="alert">
        {taken && (
          <div className="notice notice-error">
            <p>{t('book.error.taken')}</p>
          </div>
        )}
        {move.isError && !isConflict(move.error) && (
          <div className="notice notice-error">
            <p>{move.error instanceof NetworkError ? t('book.error.network') : isThrottled(move.error) ? problemMessage(move.error, t, lang) : t('appt.error')}</p>
          </div>
        )}
      </div>
      <QueryState isPending={availability.isPending} isError={availability.isError} error={availability.error} retry={() => void availability.refetch()}>
        {days.length === 0 ? (
          <p>{t('book.day.none')}</p>
        ) : (
          <DayPicker
            days={days}
            firstAvailable={first}
            selected={day}
            labelledBy="reschedule-title"
            onPick={(d) => {
              setDay(d);
              setSlot(null);
            }}
          />
        )}
        {day && daySlots.length > 0 && (
          <>
            <p className="muted">{t('book.time.zone', { zone: formatZoneName(a.timeZone, lang) })}</p>
            <TimePicker
              slots={daySlots}
              directory={directory}
              firstAvailable={first}
              selected={slot}
              onPick={(s) => {
                setTaken(false);
                setSlot(isSameSlot(s, slot) ? null : s);
              }}
            />
          </>
        )}
      </QueryState>
      <div className="actions">
        {slot && (
          <button type="button" className="btn btn-primary" disabled={move.isPending} onClick={() => move.mutate(slot)}>
            {move.isPending
              ? t('appt.working')
              : t('appt.reschedule.confirm', { when: formatDayTime(slot.start, a.timeZone, lang) })}
          </button>
        )}
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('appt.reschedule.close')}
        </button>
      </div>
    </div>
  );
}
