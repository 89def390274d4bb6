import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Lang } from '../../app/i18n/catalog';
import { capitalize, formatDateTime, getDateTimeFormat, formatTime, formatZoneName } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { DataTable } from '../../ui/DataTable';
import { QueryState } from '../../ui/QueryState';
import { useSignedIn, useSession } from '../console/session/SessionProvider';
import { CLINIC_ZONE, practitionerName } from '../public/booking/slots';
import { useClinicDirectory, type ClinicDirectory } from '../public/useClinicDirectory';
import { actionLabel, outcomeLabel, roleLabel, whoLabel, type Disclosure } from './disclosures';
import { SignOutButton } from '../console/session/SignOutButton';

/** 'Nov 25, 2026' in the clinic's zone. */
function formatDay(iso: string, lang: Lang): string {
  return getDateTimeFormat(lang, { timeZone: CLINIC_ZONE, dateStyle: 'medium' }).format(new Date(iso));
}

/** One of the patient's appointments, as GET /api/patients/:id/appointments sends it. */
interface MyAppointment {
  id: string;
  status: string;
  start: string;
  end: string;
  timeZone: string;
  visitTypeId: string;
  practitionerId: string;
  locationId: string;
}

type StatusKey = 'my.status.booked' | 'my.status.checked_in' | 'my.status.completed' | 'my.status.no_show' | 'my.status.cancelled';
const STATUSES: Record<string, StatusKey> = {
  booked: 'my.status.booked',
  checked_in: 'my.status.checked_in',
  completed: 'my.status.completed',
  no_show: 'my.status.no_show',
  cancelled: 'my.status.cancelled',
};

/** The signed-in patient's page: their appointments, and who has accessed their record. */
export function MyPage() {
  const { t } = useI18n();
  usePageTitle('title.account.my');
  const { user } = useSignedIn();
  // SessionInfo names the patient record of a patient account; an older server may not send it.
  const patientId = (user as { patientId?: string | null }).patientId ?? null;

  return (
    <>
      <div className="my-head">
        <h1>{t('my.title', { name: user.displayName })}</h1>
        <SignOutButton />
      </div>
      <p className="muted">{t('my.signedInAs', { email: user.email })}</p>
      {patientId ? (
        <>
          <MyAppointments patientId={patientId} />
          <MyDisclosures patientId={patientId} />
        </>
      ) : (
        <div className="notice notice-warning">
          <p>{t('my.noRecord')}</p>
        </div>
      )}
    </>
  );
}

function MyAppointments({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const clinic = useClinicDirectory();
  const list = useQuery({
    queryKey: ['my', patientId, 'appointments'],
    queryFn: ({ signal }) =>
      api.get<{ items: MyAppointment[] }>(`/api/patients/${encodeURIComponent(patientId)}/appointments`, undefined, signal).then((r) => r.items),
  });
  const now = Date.now();
  const items = list.data ?? [];
  // Times carry the clinic's offset: compare instants, not strings.
  const upcoming = items.filter((a) => Date.parse(a.end) >= now && a.status !== 'cancelled').sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const past = items.filter((a) => !upcoming.includes(a));

  return (
    <section className="section" aria-labelledby="my-appointments-title">
      <h2 id="my-appointments-title">{t('my.appointments.title')}</h2>
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
            {items.length === 0 && <p>{t('my.appointments.none')}</p>}
            {upcoming.length > 0 && <AppointmentList title={t('my.appointments.upcoming')} items={upcoming} directory={clinic.directory} />}
            {past.length > 0 && <AppointmentList title={t('my.appointments.past')} items={past} directory={clinic.directory} />}
          </>
        )}
      </QueryState>
      <p>
        <Link to="/book">{t('appt.bookAnother')}</Link>
      </p>
    </section>
  );
}

function AppointmentList({ title, items, directory }: { title: string; items: MyAppointment[]; directory: ClinicDirectory }) {
  const { t, lang, pick } = useI18n();
  return (
    <>
      <h3>{title}</h3>
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

function MyDisclosures({ patientId }: { patientId: string }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const list = useQuery({
    queryKey: ['my', patientId, 'disclosures'],
    queryFn: ({ signal }) =>
      api.get<{ items: Disclosure[] }>(`/api/patients/${encodeURIComponent(patientId)}/disclosures`, undefined, signal).then((r) => r.items),
  });
  const items = [...(list.data ?? [])].sort((a, b) => b.at.localeCompare(a.at));

  return (
    // Not a landmark of its own: the scrolling table below is the region with this name.
    <section className="section">
      <h2 id="my-disclosures-title">{t('my.disclosures.title')}</h2>
      <p>{t('my.disclosures.lede')}</p>
      <p className="muted">{t('console.timesIn', { zone: formatZoneName(CLINIC_ZONE, lang) })}</p>
      <QueryState isPending={list.isPending} isError={list.isError} retry={() => void list.refetch()}>
        {items.length === 0 ? (
          <p>{t('my.disclosures.none')}</p>
        ) : (
          <DataTable
            labelledBy="my-disclosures-title"
            className="disclosures-table"
            columns={[
              t('my.disclosures.when'),
              t('my.disclosures.who'),
              t('my.disclosures.what'),
            ]}
          >
            {items.map((d, i) => (
              <tr key={`${d.at}-${i}`}>
                <td>
                  <span className="cell-nowrap">{formatDay(d.at, lang)}</span>
                  <span className="cell-sub">{formatTime(d.at, CLINIC_ZONE, lang)}</span>
                </td>
                <th scope="row">
                  {whoLabel(d, t)}
                  <span className="cell-sub">{roleLabel(d.role, t)}</span>
                </th>
                <td>
                  {actionLabel(d.action, t)}
                  {d.outcome !== 'success' && (
                    <>
                      {' '}
                      <span className={`badge outcome-${d.outcome}`}>{outcomeLabel(d.outcome, t)}</span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}
