import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { Slot } from '../../../shared/contracts/booking';
import { isConflict, NetworkError } from '../../app/api/client';
import { formatDayTime, formatZoneName } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/useT';
import { problemMessage } from '../../app/problems';
import { useSession } from '../../app/session/SessionProvider';
import { TextAreaField } from '../../ui/Field';
import { QueryState } from '../../ui/QueryState';
import { DayPicker } from '../public/booking/DayPicker';
import { availabilityWindow, groupSlotsByDay, isSameSlot } from '../public/booking/slots';
import { TimePicker } from '../public/booking/TimePicker';
import type { ClinicDirectory } from '../public/useClinicDirectory';
import { isCutoffPassed } from './appointment-cards';

/** One appointment on a signed-in card, as the list gives it. */
export interface CardAppointment {
  id: string;
  start: string;
  timeZone: string;
  visitTypeId: string;
  locationId: string;
}

interface PanelProps {
  patientId: string;
  appointment: CardAppointment;
  onClose: () => void;
  /** The change is saved: the list refreshes and says so (`what` in the reader's language). */
  onDone: (what: string) => void;
  /** The server says online changes have closed for this visit: the card says to call. */
  onCutoff: () => void;
  /** One below the list's heading (issue 12: the appointments page's lists are h2). */
  headingLevel?: 3 | 4 | 5;
}

const headingTag = (level: 3 | 4 | 5 | undefined) => (level === 3 ? 'h3' : level === 5 ? 'h5' : 'h4');

/** Words for a refused change (the cutoff is the card's to say, with the location's number). */
function changeProblem(e: unknown, t: ReturnType<typeof useI18n>['t'], lang: ReturnType<typeof useI18n>['lang']): string {
  return e instanceof NetworkError ? t('book.error.network') : problemMessage(e, t, lang);
}

/** Cancels a signed-in patient's appointment with a reason: no confirmation code (issue 11). */
export function MyCancelPanel({ patientId, appointment: a, onClose, onDone, onCutoff, headingLevel }: PanelProps) {
  const Heading = headingTag(headingLevel);
  const { t, lang } = useI18n();
  const { api } = useSession();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const area = useRef<HTMLTextAreaElement>(null);
  const fieldId = `f-cancel-${a.id}`;
  const cancel = useMutation({
    mutationFn: (why: string) => api.request('POST /api/patients/:patientId/appointments/:id/cancel', { params: { patientId, id: a.id }, body: { reason: why } }),
    onSuccess: () => onDone(t('appt.cancel.done')),
    onError: (e) => {
      if (isCutoffPassed(e)) onCutoff();
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('appt.cancel.reasonError'));
      area.current?.focus();
      return;
    }
    setError(undefined);
    cancel.mutate(reason.trim());
  }

  return (
    <form noValidate onSubmit={onSubmit} className="panel my-panel" aria-labelledby={`cancel-title-${a.id}`}>
      <Heading id={`cancel-title-${a.id}`}>{t('appt.cancel.title')}</Heading>
      <TextAreaField
        ref={area}
        frame={{ id: fieldId, label: t('appt.cancel.reason'), error }}
        name="reason"
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div role="alert">
        {cancel.isError && !isCutoffPassed(cancel.error) && (
          <div className="notice notice-error">
            <p>{changeProblem(cancel.error, t, lang)}</p>
          </div>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-danger" disabled={cancel.isPending}>
          {cancel.isPending ? t('appt.working') : t('appt.cancel.confirm')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('appt.cancel.keep')}
        </button>
      </div>
    </form>
  );
}

/**
 * Moves a signed-in patient's appointment to another opening: the same visit
 * at the same location with the same practitioner, unless the patient asks to
 * see others too (and the visit type allows it online).
 */
export function MyReschedulePanel({
  patientId,
  appointment: a,
  directory,
  othersAllowed,
  onClose,
  onDone,
  onCutoff,
  headingLevel,
}: PanelProps & { directory: ClinicDirectory; othersAllowed: boolean }) {
  const Heading = headingTag(headingLevel);
  const { t, lang } = useI18n();
  const { api } = useSession();
  const range = useMemo(() => availabilityWindow(Date.now(), a.timeZone), [a.timeZone]);
  const [anyPractitioner, setAnyPractitioner] = useState(false);
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [taken, setTaken] = useState(false);
  const titleId = `reschedule-title-${a.id}`;

  const availability = useQuery({
    queryKey: ['my', patientId, 'appointments', a.id, 'availability', range.from, anyPractitioner],
    queryFn: ({ signal }) =>
      api.request(
        'GET /api/patients/:patientId/appointments/:id/availability',
        { params: { patientId, id: a.id }, query: { ...range, anyPractitioner: anyPractitioner ? 'true' : 'false' } },
        { signal },
      ),
  });

  const move = useMutation({
    mutationFn: (s: Slot) =>
      api.request('POST /api/patients/:patientId/appointments/:id/reschedule', {
        params: { patientId, id: a.id },
        body: { start: s.start, practitionerId: s.practitionerId, locationId: s.locationId },
      }),
    onSuccess: (updated) => onDone(t('appt.reschedule.done', { when: formatDayTime(updated.start, updated.timeZone, lang) })),
    onError: (e) => {
      if (isCutoffPassed(e)) onCutoff();
      else if (isConflict(e)) {
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
    <div className="panel my-panel">
      <Heading id={titleId}>{t('appt.reschedule.title')}</Heading>
      {othersAllowed && (
        <label className="checkbox" htmlFor={`f-any-${a.id}`}>
          <input
            id={`f-any-${a.id}`}
            type="checkbox"
            checked={anyPractitioner}
            onChange={(e) => {
              setAnyPractitioner(e.target.checked);
              setDay(null);
              setSlot(null);
            }}
          />
          <span>{t('my.appt.anyPractitioner')}</span>
        </label>
      )}
      <div role="alert">
        {taken && (
          <div className="notice notice-error">
            <p>{t('book.error.taken')}</p>
          </div>
        )}
        {move.isError && !isConflict(move.error) && !isCutoffPassed(move.error) && (
          <div className="notice notice-error">
            <p>{changeProblem(move.error, t, lang)}</p>
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
            labelledBy={titleId}
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
            {move.isPending ? t('appt.working') : t('appt.reschedule.confirm', { when: formatDayTime(slot.start, a.timeZone, lang) })}
          </button>
        )}
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('appt.reschedule.close')}
        </button>
      </div>
    </div>
  );
}
