import { useState } from 'react';
import { formatZoneName } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { DataTable } from '../../../ui/DataTable';
import { QueryState } from '../../../ui/QueryState';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { CLINIC_ZONE } from '../../public/booking/slots';
import { formatCalendarDate, formatInstant } from '../console-format';
import { problemMessage } from '../../../app/problems';
import { useBreakGlass, useReviewBreakGlass } from './admin-api';

/** Emergency ("break-glass") openings of charts outside a care relationship, for an administrator to review. */
export function BreakGlassPage() {
  const { t, lang } = useI18n();
  usePageTitle('title.console.breakGlass');
  const [all, setAll] = useState(false);
  const list = useBreakGlass(all);
  const review = useReviewBreakGlass();
  const [done, setDone] = useState<string | null>(null);
  const items = list.data ?? [];

  return (
    <>
      <h1>{t('console.breakGlass.title')}</h1>
      <p className="lede">{t('console.breakGlass.lede')}</p>
      <p className="muted">{t('console.timesIn', { zone: formatZoneName(CLINIC_ZONE, lang) })}</p>
      <label className="checkbox" htmlFor="f-break-glass-all">
        <input id="f-break-glass-all" type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
        <span>{t('console.breakGlass.showAll')}</span>
      </label>
      <OutcomeNotices done={done} problem={review.isError ? problemMessage(review.error, t, lang) : null} />
      <h2 id="break-glass-list-title">{all ? t('console.breakGlass.allTitle') : t('console.breakGlass.openTitle')}</h2>
      <QueryState isPending={list.isPending} isError={list.isError} retry={() => void list.refetch()}>
        {items.length === 0 ? (
          <p>{all ? t('console.breakGlass.noneAll') : t('console.breakGlass.none')}</p>
        ) : (
          <DataTable
            labelledBy="break-glass-list-title"
            columns={[
              t('console.breakGlass.who'),
              t('console.breakGlass.reason'),
              t('console.breakGlass.when'),
              t('console.audit.patient'),
              t('console.breakGlass.review'),
            ]}
          >
            {items.map((b) => (
              <tr key={b.id}>
                <th scope="row">{b.userName}</th>
                <td className="cell-wrap">{b.reason}</td>
                <td className="cell-nowrap">
                  {formatInstant(b.startedAt, CLINIC_ZONE, lang)}
                  <span className="cell-sub">{t('console.breakGlass.until', { time: formatInstant(b.expiresAt, CLINIC_ZONE, lang) })}</span>
                </td>
                <td className="cell-wrap">
                  {b.patientName}
                  <span className="cell-sub">{t('console.breakGlass.born', { date: formatCalendarDate(b.patientDateOfBirth, lang) })}</span>
                </td>
                <td className="cell-nowrap">
                  {b.reviewedAt ? (
                    <span className="badge user-active">{t('console.breakGlass.reviewedAt', { time: formatInstant(b.reviewedAt, CLINIC_ZONE, lang), name: b.reviewerName ?? '' })}</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={review.isPending}
                      aria-label={t('console.breakGlass.markNamed', { name: b.userName, time: formatInstant(b.startedAt, CLINIC_ZONE, lang) })}
                      onClick={() => {
                        setDone(null);
                        review.mutate(b.id, { onSuccess: () => setDone(t('console.breakGlass.marked', { name: b.userName })) });
                      }}
                    >
                      {t('console.breakGlass.mark')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </>
  );
}
