import type { ResponseOf } from '../../app/api/routes';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from '../../app/api/client';
import { capitalize, formatDateTime } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/useT';
import { Trans } from '../../app/i18n/Trans';
import { PhoneLink } from '../../ui/PhoneLink';
import { QueryState } from '../../ui/QueryState';
import { useSession } from '../../app/session/SessionProvider';
import { practitionerName } from '../public/booking/slots';
import { useClinicDirectory, type ClinicDirectory } from '../public/useClinicDirectory';
import { calendarHref, cardState } from './appointment-cards';
import { MyCancelPanel, MyReschedulePanel } from './MyAppointmentPanels';
import { CalendarFeedPanel, WaitlistPanel } from './waitlist';
import { DoneNotice } from '../../ui/OutcomeNotices';

/** One of a patient's appointments, as GET /api/patients/:id/appointments sends it. */
type PatientAppointment = ResponseOf<'GET /api/patients/:patientId/appointments'>['items'][number];

type StatusKey = 'my.status.booked' | 'my.status.checked_in' | 'my.status.completed' | 'my.status.no_show' | 'my.status.cancelled';
const STATUSES: Record<string, StatusKey> = {
  booked: 'my.status.booked',
  checked_in: 'my.status.checked_in',
  completed: 'my.status.completed',
  no_show: 'my.status.no_show',
  cancelled: 'my.status.cancelled',
};

export const appointmentsKey = (patientId: string) => ['my', patientId, 'appointments'] as const;

/**
 * A patient's appointments, coming up and past: the patient's own on their
 * page, and each shared record's on a caregiver's. `level` is the heading
 * level of the two lists, one below the heading they sit under; `onGone` hears
 * that the record is no longer open to this account (a caregiver whose access
 * the patient just ended).
 */
export function PatientAppointments({ patientId, level, none, onGone }: { patientId: string; level: 2 | 3 | 4; none: string; onGone?: () => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const clinic = useClinicDirectory();
  const list = useQuery({
    queryKey: appointmentsKey(patientId),
    queryFn: ({ signal }) =>
      api.request('GET /api/patients/:patientId/appointments', { params: { patientId } }, { signal }).then((r) => r.items),
  });
  const gone = list.error instanceof ApiError && list.error.status === 404;
  useEffect(() => {
    if (gone) onGone?.();
    // Once per refusal, not on every new callback.
  }, [gone]);
  const now = Date.now();
  const items = list.data ?? [];
  // Times carry the clinic's offset: compare instants, not strings.
  const upcoming = items.filter((a) => Date.parse(a.end) >= now && a.status !== 'cancelled').sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const past = items.filter((a) => !upcoming.includes(a));
  // Held here, not in a list: cancelling the last upcoming visit empties (and unmounts) its list.
  const [done, setDone] = useState<string | null>(null);

  return (
    <QueryState
      isPending={list.isPending || clinic.isPending}
      isError={list.isError || clinic.isError}
      retry={() => {
        void list.refetch();
        clinic.retry();
      }}
    >
      <DoneNotice done={done} />
      {clinic.directory && (
        <>
          {items.length === 0 && <p>{none}</p>}
          {upcoming.length > 0 && <AppointmentList patientId={patientId} title={t('my.appointments.upcoming')} level={level} items={upcoming} directory={clinic.directory} onDone={setDone} />}
          {past.length > 0 && <AppointmentList patientId={patientId} title={t('my.appointments.past')} level={level} items={past} directory={clinic.directory} onDone={setDone} />}
          <CalendarFeedPanel patientId={patientId} level={level} />
        </>
      )}
    </QueryState>
  );
}

type Panel = { id: string; kind: 'cancel' | 'reschedule' } | null;

function AppointmentList({
  patientId,
  title,
  level,
  items,
  directory,
  onDone,
}: {
  patientId: string;
  title: string;
  level: 2 | 3 | 4;
  items: PatientAppointment[];
  directory: ClinicDirectory;
  /** Says what a change did, in the status region above both lists. */
  onDone: (what: string) => void;
}) {
  const { t, lang, pick } = useI18n();
  const queryClient = useQueryClient();
  const [panel, setPanel] = useState<Panel>(null);
  // Appointments the server said are past their online cutoff since the list was read.
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const Title = level === 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
  const now = Date.now();
  return (
    <>
      <Title>{title}</Title>
      <ul className="my-appointments">
        {items.map((a) => {
          const visitType = directory.visitType(a.visitTypeId);
          const location = directory.location(a.locationId);
          const status = STATUSES[a.status];
          const state = closed.has(a.id) && a.status === 'booked' ? 'call_to_change' : cardState(a, visitType, now);
          const whenId = `appt-when-${a.id}`;
          const open = panel?.id === a.id ? panel.kind : null;
          const panelProps = {
            patientId,
            headingLevel: (level + 1) as 3 | 4 | 5,
            appointment: a,
            onClose: () => setPanel(null),
            onDone: (what: string) => {
              setPanel(null);
              onDone(what);
              void queryClient.invalidateQueries({ queryKey: appointmentsKey(patientId) });
            },
            onCutoff: () => {
              setPanel(null);
              setClosed((c) => new Set(c).add(a.id));
            },
          };
          return (
            <li key={a.id} className={a.status === 'cancelled' ? 'card my-appointment is-cancelled' : 'card my-appointment'}>
              <p className="fact-strong" id={whenId}>
                {capitalize(formatDateTime(a.start, a.timeZone, lang))}
              </p>
              <p>
                {visitType ? pick(visitType.name) : null}
                {status && <span className={`badge my-status-${a.status}`}>{t(status)}</span>}
              </p>
              <p className="muted">
                {[practitionerName(directory.practitioner(a.practitionerId)), location?.name].filter(Boolean).join(' · ')}
              </p>
              {state !== 'closed' && (
                <div className="actions my-appointment-actions">
                  {state === 'changeable' && !open && (
                    <>
                      <button type="button" className="btn btn-secondary btn-small" aria-describedby={whenId} onClick={() => setPanel({ id: a.id, kind: 'reschedule' })}>
                        {t('appt.reschedule.open')}
                      </button>
                      <button type="button" className="btn btn-danger-outline btn-small" aria-describedby={whenId} onClick={() => setPanel({ id: a.id, kind: 'cancel' })}>
                        {t('appt.cancel.open')}
                      </button>
                    </>
                  )}
                  <a className="btn btn-secondary btn-small" href={calendarHref(patientId, a.id)} aria-describedby={whenId}>
                    {t('appt.calendar')}
                  </a>
                </div>
              )}
              {state === 'call_to_change' && location && (
                <p className="notice notice-warning my-appointment-call">
                  <Trans k="my.appt.callToChange" values={{ location: location.name, phone: <PhoneLink phone={location.phone} /> }} />
                </p>
              )}
              {state === 'changeable' && !open && <WaitlistPanel patientId={patientId} appointmentId={a.id} describedBy={whenId} headingLevel={panelProps.headingLevel} onMoved={panelProps.onDone} />}
              {open === 'cancel' && <MyCancelPanel {...panelProps} />}
              {open === 'reschedule' && <MyReschedulePanel {...panelProps} directory={directory} othersAllowed={visitType?.online !== 'staff_only'} />}
            </li>
          );
        })}
      </ul>
    </>
  );
}
