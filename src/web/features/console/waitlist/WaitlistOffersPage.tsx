import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formatZoneName } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { useSession } from '../../../app/session/SessionProvider';
import { usePageTitle } from '../../../app/usePageTitle';
import { DataTable } from '../../../ui/DataTable';
import { QueryState } from '../../../ui/QueryState';
import { CLINIC_ZONE } from '../../public/booking/slots';
import { formatInstant } from '../console-format';

const STATUSES = ['sent', 'accepted', 'expired', 'taken', 'withdrawn'] as const;
type Status = (typeof STATUSES)[number];

/** The front desk's page of waitlist offers (issue 12): sent, accepted, expired, taken; newest first, filtered by status and the dates sent. */
export function WaitlistOffersPage() {
  const { t, lang } = useI18n();
  const { api } = useSession();
  usePageTitle('title.console.waitlist');
  const [draft, setDraft] = useState<{ status: Status | ''; from: string; to: string }>({ status: '', from: '', to: '' });
  const [filters, setFilters] = useState(draft);
  const query = { ...(filters.status ? { status: filters.status } : {}), ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) };
  const list = useQuery({
    queryKey: ['console', 'waitlist', query],
    queryFn: ({ signal }) => api.request('GET /api/staff/waitlist', { query }, { signal }).then((r) => r.items),
  });
  const items = list.data ?? [];
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFilters(draft);
  }
  return (
    <>
      <h1>{t('console.waitlist.title')}</h1>
      <p className="lede">{t('console.waitlist.lede')}</p>
      <p className="muted">{t('console.timesIn', { zone: formatZoneName(CLINIC_ZONE, lang) })}</p>
      <form className="panel audit-filters" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="f-waitlist-status">{t('console.waitlist.status')}</label>
          <select id="f-waitlist-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as Status | '' })}>
            <option value="">{t('console.waitlist.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{t(`console.waitlist.status.${s}`)}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-waitlist-from">{t('console.waitlist.from')}</label>
          <input id="f-waitlist-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="f-waitlist-to">{t('console.waitlist.to')}</label>
          <input id="f-waitlist-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <button type="submit" className="btn btn-secondary">{t('console.waitlist.show')}</button>
      </form>
      <h2 id="waitlist-offers-title" className="sr-only">{t('console.waitlist.title')}</h2>
      <QueryState isPending={list.isPending} isError={list.isError} retry={() => void list.refetch()}>
        {items.length === 0 ? (
          <p>{t('console.waitlist.none')}</p>
        ) : (
          <DataTable
            labelledBy="waitlist-offers-title"
            columns={[t('console.waitlist.patient'), t('console.waitlist.offered'), t('console.waitlist.with'), t('console.waitlist.booked'), t('console.waitlist.status'), t('console.waitlist.sent')]}
          >
            {items.map((o) => (
              <tr key={o.id}>
                <th scope="row">{o.patient.firstName} {o.patient.lastName}</th>
                <td className="cell-nowrap">{formatInstant(o.start, CLINIC_ZONE, lang)}</td>
                <td className="cell-wrap">{o.practitionerName} · {o.locationName}</td>
                <td className="cell-nowrap">{formatInstant(o.bookedStart, CLINIC_ZONE, lang)}</td>
                <td>
                  <span className={`badge waitlist-${o.status}`}>{t(`console.waitlist.status.${o.status}`)}</span>
                </td>
                <td className="cell-nowrap">
                  {formatInstant(o.sentAt, CLINIC_ZONE, lang)}
                  <span className="cell-sub">{t('console.waitlist.expires')} {formatInstant(o.expiresAt, CLINIC_ZONE, lang)}</span>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </>
  );
}
