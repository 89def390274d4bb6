import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { MESSAGE_POOLS, type StaffThreadSummary } from '../../../../shared/contracts/messages';
import { useI18n } from '../../../app/i18n/useT';
import { problemMessage } from '../../../app/problems';
import { useSignedIn } from '../../../app/session/SessionProvider';
import { messageKeys } from '../../messages/message-keys';
import { useAssignees } from './inbox-api';

/**
 * Claim, reassign (a person or a pool) and close: each one call, its outcome
 * said in a status line (or an alert on failure), and the lists refetched.
 */
export function ThreadActions({ thread }: { thread: StaffThreadSummary }) {
  const { t, lang } = useI18n();
  const { api, user } = useSignedIn();
  const queryClient = useQueryClient();
  const assignees = useAssignees(thread.pool);
  const [target, setTarget] = useState('');
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);

  const done = (text: string) => {
    setSaid({ ok: true, text });
    void queryClient.invalidateQueries({ queryKey: messageKeys.staff });
  };
  const failed = (e: unknown) => setSaid({ ok: false, text: problemMessage(e, t, lang) });
  const params = { params: { id: thread.id } };

  const claim = useMutation({
    mutationFn: () => api.request('POST /api/staff/threads/:id/claim', params),
    onSuccess: () => done(t('inbox.claimed')),
    onError: failed,
  });
  const close = useMutation({
    mutationFn: () => api.request('POST /api/staff/threads/:id/close', params),
    onSuccess: () => done(t('inbox.closed')),
    onError: failed,
  });
  const assign = useMutation({
    mutationFn: (to: string) =>
      api.request('POST /api/staff/threads/:id/assign', {
        ...params,
        body: to.startsWith('pool:') ? { pool: to.slice(5) as (typeof MESSAGE_POOLS)[number] } : { userId: to.slice(5) },
      }),
    onSuccess: () => {
      setTarget('');
      done(t('inbox.assign.done'));
    },
    onError: failed,
  });
  const busy = claim.isPending || close.isPending || assign.isPending;

  const onAssign = (e: FormEvent) => {
    e.preventDefault();
    if (!target) {
      setSaid({ ok: false, text: t('inbox.assign.choose') });
      document.getElementById('inbox-assign-to')?.focus();
      return;
    }
    assign.mutate(target);
  };

  return (
    <div className="thread-actions">
      <div className="thread-action-buttons">
        {thread.assignee?.userId !== user.id && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => claim.mutate()}>
            {t('inbox.claim')}
          </button>
        )}
        {thread.status === 'open' && (
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => close.mutate()}>
            {t('inbox.close')}
          </button>
        )}
      </div>
      <form onSubmit={onAssign} className="inbox-assign" aria-labelledby="inbox-assign-title">
        <h2 id="inbox-assign-title">
          {t('inbox.assign.title')}
        </h2>
        <label htmlFor="inbox-assign-to" className="field-label">
          {t('inbox.assign.label')}
        </label>
        <select id="inbox-assign-to" className="input" value={target} onChange={(e) => setTarget(e.target.value)} disabled={busy}>
          <option value="">—</option>
          <optgroup label={t('inbox.assign.people')}>
            {(assignees.data ?? []).map((a) => (
              <option key={a.userId} value={`user:${a.userId}`}>
                {a.name} ({t(`console.role.${a.role as 'nurse'}`)})
              </option>
            ))}
          </optgroup>
          <optgroup label={t('inbox.assign.pools')}>
            {MESSAGE_POOLS.map((p) => (
              <option key={p} value={`pool:${p}`}>
                {t(`inbox.pool.${p}`)}
              </option>
            ))}
          </optgroup>
        </select>{' '}
        <button type="submit" className="btn btn-secondary" disabled={busy}>
          {t('inbox.assign.submit')}
        </button>
      </form>
      {/* Always in the page, so what is written into it is announced. */}
      <div role="status" aria-live="polite">
        {said?.ok && <p className="notice notice-success">{said.text}</p>}
      </div>
      <div role="alert">{said && !said.ok && <p className="notice notice-error">{said.text}</p>}</div>
    </div>
  );
}
