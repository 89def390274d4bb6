import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/useT';
import { QueryState } from '../../ui/QueryState';
import { useSession } from '../../app/session/SessionProvider';
import { PatientAppointments } from './PatientAppointments';

const SCOPE_NOTE = { full: 'shared.scope.full', limited: 'shared.scope.limited' } as const;

/**
 * A caregiver's page: each patient who shares their record with them, by name,
 * with what they may see and that patient's appointments. The list comes from
 * the server on every visit, so a patient who ended the access is not shown.
 */
export function SharedRecords() {
  const { t } = useI18n();
  const { api } = useSession();
  const records = useQuery({
    queryKey: ['my', 'shared-records'],
    queryFn: ({ signal }) => api.request('GET /api/caregiver/patients', {}, { signal }).then((r) => r.items),
  });
  const items = records.data ?? [];

  return (
    <section className="section" aria-labelledby="shared-title">
      <h2 id="shared-title">{t('shared.title')}</h2>
      <p>{t('shared.lede')}</p>
      <QueryState isPending={records.isPending} isError={records.isError} retry={() => void records.refetch()}>
        {items.length === 0 ? (
          <p>{t('shared.none')}</p>
        ) : (
          items.map((r) => (
            <section key={r.patientId} className="shared-record" aria-labelledby={`shared-${r.patientId}`}>
              <h3 id={`shared-${r.patientId}`}>{r.patientName}</h3>
              <p className="muted">{t(SCOPE_NOTE[r.scope])}</p>
              <PatientAppointments patientId={r.patientId} level={4} none={t('shared.appointments.none')} onGone={() => void records.refetch()} />
            </section>
          ))
        )}
      </QueryState>
    </section>
  );
}
