import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ManagedAppointment, Slot } from '../../../../shared/contracts/booking';
import { ApiError, fetchRoute, isConflict, NetworkError } from '../../../app/api/client';
import { keys } from '../../../app/api/queries';
import { formatDayTime, formatZoneName } from '../../../app/i18n/format';
import { Trans } from '../../../app/i18n/Trans';
import { useI18n } from '../../../app/i18n/useT';
import { isThrottled, problemMessage } from '../../../app/problems';
import { PhoneLink } from '../../../ui/PhoneLink';
import { QueryState } from '../../../ui/QueryState';
import { DayPicker } from '../booking/DayPicker';
import { availabilityWindow, groupSlotsByDay, isSameSlot, practitionerName } from '../booking/slots';
import { TimePicker } from '../booking/TimePicker';
import type { ClinicDirectory } from '../useClinicDirectory';
import { CutoffNotice, cutoffRefusal } from './CutoffNotice';

/** The times this appointment may move to (its location; its practitioner unless the patient asks for anyone). */
function useRescheduleOptions(a: ManagedAppointment, code: string, anyone: boolean) {
  const range = useMemo(() => availabilityWindow(Date.now(), a.timeZone), [a.timeZone]);
  return useQuery({
    queryKey: [...keys.availability, 'move', a.id, anyone, range],
    queryFn: ({ signal }) =>
      fetchRoute('GET /api/appointments/:id/availability', { params: { id: a.id }, query: { code, ...range, anyPractitioner: anyone ? 'true' : 'false' } }, { signal }),
    staleTime: 30_000,
  });
}

/**
 * A new time for the same visit at the same location, with the same
 * practitioner by default (issue 11): another one only when the patient asks
 * to see their times too, and never for a visit that stays with its
 * practitioner (a procedure).
 */
export function ReschedulePanel({
  appointment: a,
  code,
  directory,
  onClose,
  onDone,
}: {
  appointment: ManagedAppointment;
  code: string;
  directory: ClinicDirectory;
  onClose: () => void;
  onDone: (updated: ManagedAppointment) => void;
}) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [anyone, setAnyone] = useState(false);
  const availability = useRescheduleOptions(a, code, anyone);
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [taken, setTaken] = useState(false);

  const move = useMutation({
    mutationFn: (s: Slot) =>
      fetchRoute('POST /api/appointments/:id/reschedule', { params: { id: a.id }, body: {
        code,
        start: s.start,
        // Another practitioner only when the patient chose one of their times.
        ...(s.practitionerId !== a.practitionerId ? { practitionerId: s.practitionerId } : {}),
        locationId: s.locationId,
      } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.appointment(a.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.availability });
      onDone(updated);
    },
    onError: (e) => {
      if (isConflict(e) && !cutoffRefusal(e)) {
        setTaken(true);
        setSlot(null);
        void availability.refetch();
      }
    },
  });

  const cutoff = cutoffRefusal(move.error) ?? cutoffRefusal(availability.error);
  const days = availability.data ? groupSlotsByDay(availability.data.slots) : [];
  const daySlots = days.find((d) => d.date === day)?.slots ?? [];
  const first = availability.data?.firstAvailable ?? null;
  const name = practitionerName(directory.practitioner(a.practitionerId)) || a.practitionerName;

  return (
    <div className="panel">
      <h3 id="reschedule-title">{t('appt.reschedule.title')}</h3>
      <p>{t('appt.reschedule.with', { name, location: a.locationName })}</p>
      {a.practitionerChangeAllowed ? (
        <div className="field">
          <label className="radio" htmlFor="f-reschedule-anyone">
            <input
              id="f-reschedule-anyone"
              type="checkbox"
              checked={anyone}
              aria-describedby="f-reschedule-anyone-hint"
              onChange={(e) => {
                setAnyone(e.target.checked);
                setDay(null);
                setSlot(null);
              }}
            />
            <span>{t('appt.reschedule.anyone')}</span>
          </label>
          <p id="f-reschedule-anyone-hint" className="field-hint">
            {t('appt.reschedule.anyoneHint', { name })}
          </p>
        </div>
      ) : (
        <p className="muted">
          <Trans k="appt.reschedule.staysWith" values={{ name, phone: <PhoneLink phone={a.locationPhone} /> }} />
        </p>
      )}
      <div role="alert">
        {cutoff && <CutoffNotice location={a.locationName} phone={cutoff.phone ?? a.locationPhone} />}
        {taken && (
          <div className="notice notice-error">
            <p>{t('book.error.taken')}</p>
          </div>
        )}
        {move.isError && !isConflict(move.error) && (
          <div className="notice notice-error">
            <p>{move.error instanceof NetworkError ? t('book.error.network') : isThrottled(move.error) || saysWhy(move.error) ? problemMessage(move.error, t, lang) : t('appt.error')}</p>
          </div>
        )}
      </div>
      {!cutoff && (
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
      )}
      <div className="actions">
        {slot && !cutoff && (
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

/** Refusals of a move whose own words say more than "could not save": the time is no longer open, or the visit stays with its practitioner. */
function saysWhy(e: unknown): boolean {
  return e instanceof ApiError && (e.reason === 'practitioner_change_not_allowed' || e.reason === 'too_soon' || e.reason === 'slot_not_open');
}
