import { Link, useSearchParams } from 'react-router';
import type { InboxFilter, MessagePool, StaffThreadSummary } from '../../../../shared/contracts/messages';
import { formatDateTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { canUseInbox } from '../../../app/roles';
import { useSignedIn } from '../../../app/session/SessionProvider';
import { usePageTitle } from '../../../app/usePageTitle';
import { QueryState } from '../../../ui/QueryState';
import { CLINIC_ZONE } from '../../public/booking/slots';
import { topicKey } from '../../messages/message-format';
import { ThreadListItem } from '../../messages/ThreadListItem';
import { formatCalendarDate } from '../console-format';
import { useInboxCounts, useStaffInbox } from './inbox-api';
import { INBOX_FILTERS, inboxHref, inboxView } from './inbox-format';

/** /console/inbox: the conversations of a pool the reader works in, by filter, with the counts. */
export function InboxPage() {
  const { t } = useI18n();
  usePageTitle('title.console.inbox');
  const { user } = useSignedIn();
  const allowed = canUseInbox(user.role);
  const counts = useInboxCounts(allowed);
  if (!allowed) {
    return (
      <>
        <h1>{t('inbox.title')}</h1>
        <div className="notice notice-warning">
          <p>{t('inbox.forbidden')}</p>
        </div>
      </>
    );
  }
  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <QueryState isPending={counts.isPending} isError={counts.isError} error={counts.error} retry={() => void counts.refetch()}>
        {counts.data && <Inbox pools={counts.data.pools} mine={counts.data.mine} />}
      </QueryState>
    </>
  );
}

function Inbox({ pools, mine }: { pools: { pool: MessagePool; unread: number; unassigned: number }[]; mine: number }) {
  const { t } = useI18n();
  const [search] = useSearchParams();
  const { pool, filter } = inboxView(
    search,
    pools.map((p) => p.pool),
  );
  return (
    <>
      {pools.length === 0 ? (
        <p>{t('inbox.noPools')}</p>
      ) : (
        <nav aria-label={t('inbox.pools.label')} className="inbox-pools">
          <ul>
            {pools.map((p) => (
              <li key={p.pool}>
                <Link to={inboxHref(p.pool, filter)} aria-current={p.pool === pool ? 'page' : undefined} className={p.pool === pool ? 'pill pill-current' : 'pill'}>
                  {t('inbox.poolTab', { pool: t(`inbox.pool.${p.pool}`), unread: p.unread, unassigned: p.unassigned })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p className="muted">{t('inbox.mine', { count: mine })}</p>
      <nav aria-label={t('inbox.filters.label')} className="inbox-filters">
        <ul>
          {(pool ? INBOX_FILTERS : (['mine'] as const)).map((f) => (
            <li key={f}>
              <Link to={inboxHref(pool, f)} aria-current={f === filter ? 'page' : undefined} className={f === filter ? 'pill pill-current' : 'pill'}>
                {t(`inbox.filter.${f}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ThreadList pool={pool} filter={filter} />
    </>
  );
}

function ThreadList({ pool, filter }: { pool: MessagePool | null; filter: InboxFilter }) {
  const { t } = useI18n();
  const list = useStaffInbox(pool, filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <QueryState isPending={list.isPending} isError={list.isError} error={list.error} retry={() => void list.refetch()}>
      {items.length === 0 ? (
        <p>{t('inbox.none')}</p>
      ) : (
        <ul className="thread-list" aria-label={t('inbox.listLabel')}>
          {items.map((th) => (
            <InboxRow key={th.id} thread={th} />
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button type="button" className="btn btn-secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('inbox.more')}
        </button>
      )}
    </QueryState>
  );
}

function InboxRow({ thread: th }: { thread: StaffThreadSummary }) {
  const { t, lang } = useI18n();
  return (
    <ThreadListItem to={`/console/inbox/${th.id}`} subject={th.subject} unread={th.unread}>
      <span>{t('inbox.patientLine', { name: th.patient.name, dob: formatCalendarDate(th.patient.dateOfBirth, lang) })}</span>
      <span>{t(topicKey(th.topic))}</span>
      <span>{th.assignee ? t('inbox.assignedTo', { name: th.assignee.name }) : t('inbox.unassigned')}</span>
      {th.waitingOnPatient && th.status === 'open' && <span className="badge badge-muted">{t('inbox.waiting')}</span>}
      {th.status === 'closed' && <span className="badge badge-muted">{t('messages.status.closed')}</span>}
      <span className="muted">{t('inbox.lastActivity', { when: formatDateTime(th.lastMessageAt, CLINIC_ZONE, lang) })}</span>
    </ThreadListItem>
  );
}
