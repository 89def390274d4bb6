import { useMemo, useState } from 'react';
import type { Appointment, Slot } from '../../../../shared/contracts/booking';
import type { DeskAppointment } from '../../../../shared/contracts/staff';
import { MAX_SEARCH_DAYS } from '../../../../shared/search-window';
import { addDays } from '../../../../shared/time';
import { isConflict } from '../../../app/api/client';
import { formatDayTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import type { ClinicDirectory } from '../../public/useClinicDirectory';
import { problemMessage } from '../../../app/problems';
import { useAppointmentAction, useStaffAvailability } from './desk-api';
import { todayIn } from './desk-time';
import type { ScheduleIndex } from './schedule-index';
import { SlotPicker } from './SlotPicker';

/** A new time for the same visit at the same location: with the same provider, or anyone. */
export function ReschedulePicker({
  appointment: a,
  index,
  directory,
  onCancel,
  onDone,
}: {
  appointment: DeskAppointment;
  index: ScheduleIndex;
  directory: ClinicDirectory;
  onCancel: () => void;
  onDone: (updated: Appointment) => void;
}) {
  const { t, lang } = useI18n();
  const [sameProvider, setSameProvider] = useState(true);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [taken, setTaken] = useState(false);
  const from = todayIn(index.zone);
  const params = useMemo(
    () => ({
      visitType: a.visitTypeId,
      location: a.locationId,
      from,
      to: addDays(from, MAX_SEARCH_DAYS - 1),
      practitioner: sameProvider ? a.practitionerId : undefined,
    }),
    [a.visitTypeId, a.locationId, a.practitionerId, from, sameProvider],
  );
  const availability = useStaffAvailability(params);
  const action = useAppointmentAction(a.id);

  function move() {
    if (!slot) return;
    setTaken(false);
    action.mutate(
      { kind: 'reschedule', start: slot.start, practitionerId: slot.practitionerId, locationId: slot.locationId },
      {
        onSuccess: onDone,
        onError: (e) => {
          if (isConflict(e)) {
            setTaken(true);
            setSlot(null);
            void availability.refetch();
          }
        },
      },
    );
  }

  return (
    <div className="subpanel">
      <h4 id="reschedule-title">{t('console.appt.reschedule')}</h4>
      <label className="checkbox" htmlFor="f-same-provider">
        <input
          id="f-same-provider"
          type="checkbox"
          checked={sameProvider}
          onChange={(e) => {
            setSameProvider(e.target.checked);
            setSlot(null);
          }}
        />
        <span>{t('console.appt.sameProvider', { name: index.practitionerLabel(a.practitionerId) })}</span>
      </label>
      <div role="alert" className="status-region">
        {taken && (
          <div className="notice notice-error">
            <p>{t('console.book.taken')}</p>
          </div>
        )}
        {action.isError && !isConflict(action.error) && (
          <div className="notice notice-error">
            <p>{problemMessage(action.error, t, lang)}</p>
          </div>
        )}
      </div>
      <SlotPicker availability={availability} directory={directory} zone={index.zone} labelledBy="reschedule-title" selected={slot} onPick={setSlot} />
      <div className="actions">
        {slot && (
          <button type="button" className="btn btn-primary" disabled={action.isPending} onClick={move}>
            {action.isPending ? t('console.working') : t('console.appt.moveTo', { when: formatDayTime(slot.start, index.zone, lang) })}
          </button>
        )}
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('appt.reschedule.close')}
        </button>
      </div>
    </div>
  );
}
