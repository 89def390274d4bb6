import { useQuery } from '@tanstack/react-query';
import { formatDate } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { useSession } from '../../app/session/SessionProvider';
import { QueryState } from '../../ui/QueryState';
import { useClinicDirectory } from '../public/useClinicDirectory';
import { useOpenRecord } from './MyLayout';
import { PatientAppointments } from './PatientAppointments';
import { SelfBooking } from './SelfBooking';

export const requestsKey = (patientId: string) => ['my', patientId, 'requests'] as const;

type StatusKey = 'self.requests.status.open' | 'self.requests.status.booked' | 'self.requests.status.declined' | 'self.requests.status.withdrawn';
const REQUEST_STATUS: Record<string, StatusKey> = {
  open: 'self.requests.status.open',
  booked: 'self.requests.status.booked',
  declined: 'self.requests.status.declined',
  withdrawn: 'self.requests.status.withdrawn',
};

/**
 * My appointments (issue 12): the visits coming up and past, each cancelled or
 * moved online until its cutoff (then: call the location), booking or
 * requesting a visit, and the requests' status.
 */
export function MyAppointmentsPage() {
  const { t } = useI18n();
  usePageTitle('title.account.appointments');
  const record = useOpenRecord();
  return (
    <>
      <h1>{t('my.appointments.title')}</h1>
      <PatientAppointments patientId={record.patientId} level={2} none={t('my.appointments.none')} />
      <MyRequests patientId={record.patientId} />
      <SelfBooking patientId={record.patientId} />
    </>
  );
}

function MyRequests({ patientId }: { patientId: string }) {
  const { t, lang, pick } = useI18n();
  const { api } = useSession();
  const clinic = useClinicDirectory();
  const list = useQuery({
    queryKey: requestsKey(patientId),
    queryFn: ({ signal }) => api.request('GET /api/patients/:patientId/appointment-requests', { params: { patientId } }, { signal }).then((r) => r.items),
  });
  const items = list.data ?? [];
  if (list.isSuccess && items.length === 0) return null;
  return (
    <section className="section" aria-labelledby="my-requests-title">
      <h2 id="my-requests-title">{t('self.requests.title')}</h2>
      <QueryState isPending={list.isPending} isError={list.isError} retry={() => void list.refetch()}>
        <ul className="my-appointments">
          {items.map((r) => {
            const visitType = clinic.directory?.visitType(r.visitTypeId);
            const status = REQUEST_STATUS[r.status];
            return (
              <li key={r.id} className="card my-appointment">
                <p className="fact-strong">
                  {visitType ? pick(visitType.name) : null}
                  {status && <span className={`badge my-request-${r.status}`}>{t(status)}</span>}
                </p>
                <p className="muted">{t('self.requests.sent', { when: formatDate(r.createdAt, 'America/Chicago', lang) })}</p>
                {r.declineReason && <p>{t('self.requests.reason', { reason: r.declineReason })}</p>}
              </li>
            );
          })}
        </ul>
      </QueryState>
    </section>
  );
}
