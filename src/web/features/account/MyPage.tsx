import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, formatTime, formatZoneName } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { DataTable } from '../../ui/DataTable';
import { QueryState } from '../../ui/QueryState';
import { useSignedIn, useSession } from '../../app/session/SessionProvider';
import { CLINIC_ZONE } from '../public/booking/slots';
import { actionLabel, groupDisclosures, outcomeLabel, refusalLabel, roleLabel, whoLabel } from './disclosures';
import { PatientAppointments } from './PatientAppointments';
import { SharedRecords } from './SharedRecords';
import { SharingSection } from './SharingSection';
import { NoticePreferencesSection } from './preferences/NoticePreferencesSection';
import { UnreadBadge } from '../my/messages/UnreadBadge';

/** The signed-in account's page: a patient's appointments, who may see and who has seen their record; a caregiver's shared records. */
export function MyPage() {
  const { t } = useI18n();
  usePageTitle('title.account.my');
  const { user } = useSignedIn();
  const patientId = user.patientId;

  return (
    <>
      {/* Signing out is in the page header, on every page (issue 11). */}
      <div className="my-head">
        <h1>{t('my.title', { name: user.displayName })}</h1>
      </div>
      <p className="muted">{t('my.signedInAs', { email: user.email })}</p>
      {/* Until the portal's navigation lands (issue 12, item 1): the way to the messages, with what is unread. */}
      <nav aria-label={t('my.messages.title')} className="my-nav">
        <Link to="/my/messages">{t('my.messages.navLink')}</Link> <UnreadBadge patientId={patientId} />
      </nav>
      {user.role === 'caregiver' ? (
        <SharedRecords />
      ) : patientId ? (
        <>
          <MyAppointments patientId={patientId} />
          <SharingSection patientId={patientId} />
          <NoticePreferencesSection patientId={patientId} />
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
  // Repeated views of one person, action and day are one line (issue 11).
  const groups = groupDisclosures(list.data ?? [], CLINIC_ZONE);

  return (
    // Not a landmark of its own: the scrolling table below is the region with this name.
    <section className="section">
      <h2 id="my-disclosures-title">{t('my.disclosures.title')}</h2>
      <p>{t('my.disclosures.lede')}</p>
      <p className="muted">{t('console.timesIn', { zone: formatZoneName(CLINIC_ZONE, lang) })}</p>
      <QueryState isPending={list.isPending} isError={list.isError} retry={() => void list.refetch()}>
        {groups.length === 0 ? (
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
            {groups.map(({ line: d, count, from, to }) => {
              const refusal = refusalLabel(d, t);
              return (
                <tr key={`${to}-${d.role}-${d.who}-${d.action}-${d.outcome}`}>
                  <td>
                    <span className="cell-nowrap">{formatDate(to, CLINIC_ZONE, lang)}</span>
                    <span className="cell-sub">
                      {count === 1
                        ? formatTime(to, CLINIC_ZONE, lang)
                        : t('my.disclosures.between', { from: formatTime(from, CLINIC_ZONE, lang), to: formatTime(to, CLINIC_ZONE, lang) })}
                    </span>
                    {count > 1 && <span className="cell-sub">{t('my.disclosures.times', { count })}</span>}
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
                    {refusal && <span className="cell-sub">{refusal}</span>}
                    {d.emergencyReason && <span className="cell-sub">{t('my.disclosures.reasonGiven', { reason: d.emergencyReason })}</span>}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}
