import { useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { formatDate, formatTime, formatZoneName } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { DataTable } from '../../ui/DataTable';
import { QueryState } from '../../ui/QueryState';
import { useSession } from '../../app/session/SessionProvider';
import { CLINIC_ZONE } from '../public/booking/slots';
import { actionLabel, groupDisclosures, outcomeLabel, refusalLabel, roleLabel, whoLabel } from './disclosures';
import { useOpenRecord } from './MyLayout';
import { SharingSection } from './SharingSection';
import { NoticePreferencesSection } from './preferences/NoticePreferencesSection';

/** Who may see the record: the patient's caregivers and referring providers (the patient's own pages only). */
export function MySharingPage() {
  const { t } = useI18n();
  usePageTitle('title.account.sharing');
  const record = useOpenRecord();
  if (record.scope !== 'own') return <Navigate to="/my" replace />;
  return (
    <>
      <h1>{t('my.sharing.title')}</h1>
      <SharingSection patientId={record.patientId} />
    </>
  );
}

/** How the patient hears from the clinic: email, text or both per kind of notice, and quiet hours (issue 12). */
export function MyNoticesPage() {
  const { t } = useI18n();
  usePageTitle('title.account.notices');
  const record = useOpenRecord();
  if (record.scope === 'limited') return <Navigate to="/my" replace />;
  return (
    <>
      <h1>{t('my.notices.title')}</h1>
      <NoticePreferencesSection patientId={record.patientId} />
    </>
  );
}

/** Who has opened the record: the patient's accounting of disclosures (the patient's own pages only). */
export function MyAccessPage() {
  const record = useOpenRecord();
  usePageTitle('title.account.access');
  if (record.scope !== 'own') return <Navigate to="/my" replace />;
  return <MyDisclosures patientId={record.patientId} />;
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
      <h1 id="my-disclosures-title">{t('my.disclosures.title')}</h1>
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
