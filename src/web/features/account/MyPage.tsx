import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, formatTime, formatZoneName } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { DataTable } from '../../ui/DataTable';
import { QueryState } from '../../ui/QueryState';
import { useSignedIn, useSession } from '../../app/session/SessionProvider';
import { SignOutButton } from '../../app/session/SignOutButton';
import { CLINIC_ZONE } from '../public/booking/slots';
import { actionLabel, outcomeLabel, roleLabel, whoLabel } from './disclosures';
import { PatientAppointments } from './PatientAppointments';
import { SharedRecords } from './SharedRecords';
import { SharingSection } from './SharingSection';

/** The signed-in account's page: a patient's appointments, who may see and who has seen their record; a caregiver's shared records. */
export function MyPage() {
  const { t } = useI18n();
  usePageTitle('title.account.my');
  const { user } = useSignedIn();
  const patientId = user.patientId;

  return (
    <>
      <div className="my-head">
        <h1>{t('my.title', { name: user.displayName })}</h1>
        <SignOutButton />
      </div>
      <p className="muted">{t('my.signedInAs', { email: user.email })}</p>
      {user.role === 'caregiver' ? (
        <SharedRecords />
      ) : patientId ? (
        <>
          <MyAppointments patientId={patientId} />
          <SharingSection patientId={patientId} />
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
  return (
    <section className="section" aria-labelledby="my-appointments-title">
      <h2 id="my-appointments-title">{t('my.appointments.title')}</h2>
      <PatientAppointments patientId={patientId} level={3} none={t('my.appointments.none')} />
      <p>
        <Link to="/book">{t('appt.bookAnother')}</Link>
      </p>
    </section>
  );
}

function MyDisclosures({ patientId }: { patientId: string }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const list = useQuery({
    queryKey: ['my', patientId, 'disclosures'],
    queryFn: ({ signal }) =>
      api.request('GET /api/patients/:patientId/disclosures', { params: { patientId } }, { signal }).then((r) => r.items),
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
                  <span className="cell-nowrap">{formatDate(d.at, CLINIC_ZONE, lang)}</span>
                  <span className="cell-sub">{formatTime(d.at, CLINIC_ZONE, lang)}</span>
                </td>
                <th scope="row">
                  {whoLabel(d, t)}
                  <span className="cell-sub">{roleLabel(d.role, t)}</span>
                </th>
                <td>
                  {actionLabel(d.action, t, d.emergency)}
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
