import type { ResponseOf } from '../../app/api/routes';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError } from '../../app/api/client';
import { capitalize, formatDateTime } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/useT';
import { QueryState } from '../../ui/QueryState';
import { useSession } from '../../app/session/SessionProvider';
import { practitionerName } from '../public/booking/slots';
import { useClinicDirectory, type ClinicDirectory } from '../public/useClinicDirectory';

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
export function PatientAppointments({ patientId, level, none, onGone }: { patientId: string; level: 3 | 4; none: string; onGone?: () => void }) {
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

  return (
    <QueryState
      isPending={list.isPending || clinic.isPending}
      isError={list.isError || clinic.isError}
      retry={() => {
        void list.refetch();
        clinic.retry();
      }}
    >
      {clinic.directory && (
        <>
          {items.length === 0 && <p>{none}</p>}
          {upcoming.length > 0 && <AppointmentList title={t('my.appointments.upcoming')} level={level} items={upcoming} directory={clinic.directory} />}
          {past.length > 0 && <AppointmentList title={t('my.appointments.past')} level={level} items={past} directory={clinic.directory} />}
        </>
      )}
    </QueryState>
  );
}

function AppointmentList({ title, level, items, directory }: { title: string; level: 3 | 4; items: PatientAppointment[]; directory: ClinicDirectory }) {
  const { t, lang, pick } = useI18n();
  const Title = level === 3 ? 'h3' : 'h4';
  return (
    <>
      <Title>{title}</Title>
      <ul className="my-appointments">
        {items.map((a) => {
          const visitType = directory.visitType(a.visitTypeId);
          const location = directory.location(a.locationId);
          const status = STATUSES[a.status];
          return (
            <li key={a.id} className={a.status === 'cancelled' ? 'card my-appointment is-cancelled' : 'card my-appointment'}>
              <p className="fact-strong">{capitalize(formatDateTime(a.start, a.timeZone, lang))}</p>
              <p>
                {visitType ? pick(visitType.name) : null}
                {status && <span className={`badge my-status-${a.status}`}>{t(status)}</span>}
              </p>
              <p className="muted">
                {[practitionerName(directory.practitioner(a.practitionerId)), location?.name].filter(Boolean).join(' · ')}
              </p>
            </li>
          );
        })}
      </ul>
    </>
  );
}
