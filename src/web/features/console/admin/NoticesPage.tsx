import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { StaffNotice } from '../../../../shared/contracts/notices';
import { formatZoneName } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { QueryState } from '../../../ui/QueryState';
import { CLINIC_ZONE } from '../../public/booking/slots';
import { formatInstant } from '../console-format';
import { problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';
import { templateLabel } from './notice-templates';

type Status = 'failed' | 'pending';
const noticesKey = (status: Status) => ['admin', 'notices', status] as const;

function useNotices(status: Status) {
  const { api } = useSession();
  return useQuery({
    queryKey: noticesKey(status),
    queryFn: ({ signal }) => api.request('GET /api/admin/notices', { query: { status } }, { signal }).then((r) => r),
  });
}

function useRetryNotice() {
  const { api } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (n: StaffNotice) => api.request('POST /api/admin/notices/:id/retry', { params: { id: n.id } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'notices'] }),
  });
}

/** Emails and text messages that failed or wait to be sent, for an administrator to retry (issue 10). */
export function NoticesPage() {
  const { t, lang } = useI18n();
  usePageTitle('title.console.notices');
  const [status, setStatus] = useState<Status>('failed');
  const list = useNotices(status);
  const retry = useRetryNotice();
  const [done, setDone] = useState<string | null>(null);
  // The retried row leaves the list with its button: focus goes to the page's heading, not to the document body.
  const heading = useRef<HTMLHeadingElement>(null);
  const items = list.data?.items ?? [];
  // Without SMTP_URL the server sends nothing: say so, rather than promise a sending that will not come.
  const sending = list.data?.sending ?? true;
  const what = (n: StaffNotice) => templateLabel(t, n.template);
  const problem = retry.isError ? problemMessage(retry.error, t, lang) : null;

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>{t('notices.title')}</h1>
      <p className="lede">{t('notices.lede')}</p>
      {!sending && (
        <p className="notice notice-warning" role="note">
          {t('notices.sendingOff')}
        </p>
      )}
      <p className="muted">{t('console.timesIn', { zone: formatZoneName(CLINIC_ZONE, lang) })}</p>
      <fieldset className="radio-group">
        <legend>{t('notices.show')}</legend>
        {(['failed', 'pending'] as const).map((s) => (
          <label key={s} className="radio" htmlFor={`f-notices-${s}`}>
            <input id={`f-notices-${s}`} type="radio" name="notices-status" value={s} checked={status === s} onChange={() => setStatus(s)} />
            <span>{s === 'failed' ? t('notices.showFailed') : t('notices.showPending')}</span>
          </label>
        ))}
      </fieldset>
      <OutcomeNotices done={done} problem={problem} />
      <QueryState isPending={list.isPending} isError={list.isError} retry={() => void list.refetch()}>
        {items.length === 0 ? (
          <p role="status">{status === 'failed' ? t('notices.noneFailed') : t('notices.nonePending')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="notices-caption" tabIndex={0}>
            <table className="data-table">
              <caption id="notices-caption">
                {t(status === 'failed' ? 'notices.captionFailed' : 'notices.captionPending', { n: items.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('notices.col.what')}</th>
                  <th scope="col">{t('notices.col.to')}</th>
                  <th scope="col">{t('notices.col.created')}</th>
                  <th scope="col">{t('notices.col.tries')}</th>
                  <th scope="col">{t('notices.col.error')}</th>
                  <th scope="col">{status === 'failed' ? t('notices.col.action') : t('notices.col.next')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">
                      {what(n)}
                      <span className="cell-sub">{n.language === 'es' ? t('notices.inSpanish') : t('notices.inEnglish')}</span>
                    </th>
                    <td className="cell-wrap">{n.recipient}</td>
                    <td className="cell-nowrap">{formatInstant(n.createdAt, CLINIC_ZONE, lang)}</td>
                    <td>{t('notices.triesOf', { n: n.attempts, max: n.maxAttempts })}</td>
                    <td className="cell-wrap">{n.lastError ?? t('notices.noError')}</td>
                    <td className="cell-nowrap">
                      {status === 'failed' ? (
                        <button
                          type="button"
                          className="btn btn-secondary btn-small"
                          disabled={retry.isPending}
                          aria-label={t('notices.retryNamed', { what: what(n), to: n.recipient })}
                          onClick={() => {
                            setDone(null);
                            retry.mutate(n, {
                              onSuccess: () => {
                                setDone(t(sending ? 'notices.retried' : 'notices.retriedHeld', { what: what(n), to: n.recipient }));
                                heading.current?.focus();
                              },
                            });
                          }}
                        >
                          {t('notices.retry')}
                        </button>
                      ) : (
                        formatInstant(n.nextAttemptAt, CLINIC_ZONE, lang)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </>
  );
}
