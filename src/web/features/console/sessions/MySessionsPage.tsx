import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { formatZoneName } from '../../../app/i18n/format';
import { QueryState } from '../../../ui/QueryState';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { CLINIC_ZONE } from '../../public/booking/slots';
import { formatInstant } from '../console-format';
import { problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';
import { describeUserAgent } from './user-agent';

const KEY = ['session', 'list'] as const;

/** Where I am signed in: end any other session, or all of them. */
export function MySessionsPage() {
  const { t, lang } = useI18n();
  usePageTitle('title.console.sessions');
  const { api, signOut } = useSession();
  const queryClient = useQueryClient();
  const [confirmAll, setConfirmAll] = useState(false);
  const [done, setDone] = useState(false);
  const list = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.request('GET /api/session/list', {}, { signal }).then((r) => r.items),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.request('DELETE /api/session/list/:id', { params: { id } }),
    onSuccess: () => setDone(true),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
  const everywhere = useMutation({ mutationFn: () => signOut(true) });

  const sessions = [...(list.data ?? [])].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));

  return (
    <>
      <h1>{t('console.sessions.title')}</h1>
      <p className="lede">{t('console.sessions.lede')}</p>
      <p className="muted">{t('console.timesIn', { zone: formatZoneName(CLINIC_ZONE, lang) })}</p>
      <OutcomeNotices
        done={done ? t('console.sessions.revoked') : null}
        problem={revoke.isError || everywhere.isError ? problemMessage(revoke.error ?? everywhere.error, t, lang) : null}
      />
      <QueryState isPending={list.isPending} isError={list.isError} retry={() => void list.refetch()}>
        <ul className="session-list">
          {sessions.map((s) => {
            const agent = describeUserAgent(s.userAgent);
            const device =
              agent.browser && agent.os
                ? t('console.sessions.agent', { browser: agent.browser, os: agent.os })
                : (agent.browser ?? agent.os ?? t('console.sessions.unknownDevice'));
            return (
              <li key={s.id} className={s.current ? 'card session session-current' : 'card session'}>
                <h2 className="session-title">
                  {device}
                  {s.current && <span className="badge badge-current">{t('console.sessions.current')}</span>}
                </h2>
                <dl className="session-facts">
                  <div>
                    <dt>{t('console.sessions.started')}</dt>
                    <dd>{formatInstant(s.createdAt, CLINIC_ZONE, lang)}</dd>
                  </div>
                  <div>
                    <dt>{t('console.sessions.lastSeen')}</dt>
                    <dd>{formatInstant(s.lastSeenAt, CLINIC_ZONE, lang)}</dd>
                  </div>
                  <div>
                    <dt>{t('console.sessions.ip')}</dt>
                    <dd>{s.sourceIp ?? '—'}</dd>
                  </div>
                </dl>
                {!s.current && (
                  <button
                    type="button"
                    className="btn btn-danger-outline btn-small"
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate(s.id)}
                    aria-label={t('console.sessions.revokeNamed', { device, when: formatInstant(s.lastSeenAt, CLINIC_ZONE, lang) })}
                  >
                    {t('console.sessions.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </QueryState>
      <section className="section panel" aria-labelledby="everywhere-title">
        <h2 id="everywhere-title">{t('console.sessions.everywhereTitle')}</h2>
        <p>{t('console.sessions.everywhereBody')}</p>
        {confirmAll ? (
          <div className="actions">
            <button type="button" className="btn btn-danger" disabled={everywhere.isPending} onClick={() => everywhere.mutate()}>
              {everywhere.isPending ? t('console.working') : t('console.sessions.everywhereConfirm')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmAll(false)}>
              {t('console.cancelAction')}
            </button>
          </div>
        ) : (
          <button type="button" className="btn btn-danger-outline" onClick={() => setConfirmAll(true)}>
            {t('console.sessions.everywhere')}
          </button>
        )}
      </section>
    </>
  );
}
