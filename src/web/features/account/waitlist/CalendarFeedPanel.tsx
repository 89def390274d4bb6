import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, NetworkError } from '../../../app/api/client';
import { formatDateTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';

/**
 * The patient's private calendar feed (issue 12): make the address (shown
 * once: only its hash is kept), copy it, renew it, turn it off, with words on
 * what it shows. Hidden for whoever may not have it (a limited caregiver).
 */
export function CalendarFeedPanel({ patientId, level = 3 }: { patientId: string; level?: 2 | 3 | 4 }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const key = ['my', patientId, 'calendar-feed'] as const;
  const [url, setUrl] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const status = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.request('GET /api/patients/:patientId/calendar-feed', { params: { patientId } }, { signal }),
    retry: false,
  });
  const issue = useMutation({
    mutationFn: () => api.request('POST /api/patients/:patientId/calendar-feed', { params: { patientId } }),
    onSuccess: (r) => {
      setUrl(r.url);
      setSaid(null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const revoke = useMutation({
    mutationFn: () => api.request('DELETE /api/patients/:patientId/calendar-feed', { params: { patientId } }),
    onSuccess: () => {
      setUrl(null);
      setSaid(t('my.feed.revoked'));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  if (status.error instanceof ApiError && (status.error.status === 403 || status.error.status === 404)) return null;
  const Title = level === 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
  const failed = issue.error ?? revoke.error;
  const urlId = `feed-url-${patientId}`;
  return (
    <section className="card my-calendar-feed" aria-labelledby={`feed-title-${patientId}`}>
      <Title id={`feed-title-${patientId}`}>{t('my.feed.title')}</Title>
      <p className="muted">{t('my.feed.lede')}</p>
      <div role="status" className="status-region">
        {said && <p className="notice notice-success">{said}</p>}
      </div>
      {status.data && !url && <p>{status.data.active && status.data.createdAt ? t('my.feed.active', { when: formatDateTime(status.data.createdAt, Intl.DateTimeFormat().resolvedOptions().timeZone, lang) }) : t('my.feed.none')}</p>}
      {url && <FeedAddress id={urlId} url={url} />}
      {failed && <p className="notice notice-error" role="alert">{failed instanceof NetworkError ? t('book.error.network') : problemMessage(failed, t, lang)}</p>}
      {status.data && (
        <div className="actions">
          <button type="button" className="btn btn-secondary btn-small" disabled={issue.isPending} onClick={() => issue.mutate()}>
            {status.data.active ? t('my.feed.renew') : t('my.feed.create')}
          </button>
          {status.data.active && (
            <button type="button" className="btn btn-danger-outline btn-small" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
              {t('my.feed.revoke')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function FeedAddress({ id, url }: { id: string; url: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{t('my.feed.url')}</label>
      <input id={id} type="text" readOnly value={url} aria-describedby={`${id}-hint`} onFocus={(e) => e.currentTarget.select()} />
      <p className="hint" id={`${id}-hint`}>{t('my.feed.shownOnce')}</p>
      <div className="copy">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => {
            void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {t('my.feed.copy')}
        </button>
        <span className="copy-status" role="status">{copied ? t('my.feed.copied') : ''}</span>
      </div>
    </div>
  );
}
