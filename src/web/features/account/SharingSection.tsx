import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CaregiverGrant, CaregiverScope } from '../../../shared/contracts/identity';
import { formatDate } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/useT';
import { Dialog } from '../../ui/Dialog';
import { OutcomeNotices } from '../../ui/OutcomeNotices';
import { QueryState } from '../../ui/QueryState';
import { problemMessage } from '../../app/problems';
import { useSession } from '../../app/session/SessionProvider';
import { CLINIC_ZONE } from '../public/booking/slots';
import { CaregiverInviteForm } from './CaregiverInviteForm';

export const caregiversKey = (patientId: string) => ['my', patientId, 'caregivers'] as const;

/** What a caregiver may see, in the patient's words. */
export const SCOPE_LABEL: Record<CaregiverScope, 'sharing.scope.full' | 'sharing.scope.limited'> = {
  full: 'sharing.scope.full',
  limited: 'sharing.scope.limited',
};

/**
 * The people a patient shares their record with: who they are, what they may
 * see and since when; ending one's access (after a confirmation); inviting
 * someone new.
 */
export function SharingSection({ patientId }: { patientId: string }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const [ending, setEnding] = useState<CaregiverGrant | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const list = useQuery({
    queryKey: caregiversKey(patientId),
    queryFn: ({ signal }) => api.request('GET /api/patients/:patientId/caregivers', { params: { patientId } }, { signal }).then((r) => r.items),
  });

  const end = useMutation({
    mutationFn: (g: CaregiverGrant) => api.request('DELETE /api/patients/:patientId/caregivers/:id', { params: { patientId, id: g.id } }),
    onSuccess: async (_, g) => {
      setEnding(null);
      setDone(t('sharing.ended', { name: g.name }));
      await queryClient.invalidateQueries({ queryKey: ['my', patientId] });
      // The button that opened the confirmation is gone with the person: continue from the section.
      document.getElementById('sharing-title')?.focus();
    },
  });

  const items = list.data ?? [];
  return (
    <section className="section" aria-labelledby="sharing-title">
      <h2 id="sharing-title" tabIndex={-1}>
        {t('sharing.title')}
      </h2>
      <p>{t('sharing.lede')}</p>
      <OutcomeNotices done={done} problem={end.isError && !ending ? problemMessage(end.error, t, lang) : null} />
      <QueryState isPending={list.isPending} isError={list.isError} retry={() => void list.refetch()}>
        {items.length === 0 ? (
          <p>{t('sharing.none')}</p>
        ) : (
          <ul className="plain-list sharing-list">
            {items.map((g) => (
              <li key={g.id} className="card sharing-item">
                <div className="sharing-who">
                  <p className="fact-strong">{g.name}</p>
                  <p className="muted sharing-email">{g.email}</p>
                  <p>
                    {t(SCOPE_LABEL[g.scope])}
                    <span className="muted"> · {t('sharing.since', { date: formatDate(g.createdAt, CLINIC_ZONE, lang) })}</span>
                    {g.status === 'invited' && <span className="badge user-invited">{t('sharing.invited')}</span>}
                  </p>
                  {g.status === 'unusable' && <p className="field-hint">{t('sharing.unusable')}</p>}
                </div>
                <button
                  type="button"
                  className="btn btn-danger-outline btn-small"
                  aria-label={t('sharing.endNamed', { name: g.name })}
                  onClick={() => {
                    end.reset();
                    setDone(null);
                    setEnding(g);
                  }}
                >
                  {t('sharing.end')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <CaregiverInviteForm patientId={patientId} onInvited={() => setDone(null)} />
      {ending && (
        <Dialog
          variant="alert"
          title={t('sharing.endTitle', { name: ending.name })}
          onClose={() => setEnding(null)}
          description={<p>{t('sharing.endBody', { name: ending.name, email: ending.email })}</p>}
        >
          <div role="alert" className="status-region">
            {end.isError && (
              <div className="notice notice-error">
                <p>{problemMessage(end.error, t, lang)}</p>
              </div>
            )}
          </div>
          <div className="actions">
            <button type="button" className="btn btn-danger" disabled={end.isPending} onClick={() => end.mutate(ending)}>
              {end.isPending ? t('console.working') : t('sharing.end')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setEnding(null)}>
              {t('sharing.keep')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
