import { NavLink } from 'react-router';
import { useT } from '../../../app/i18n/useT';
import { useSession } from '../../../app/session/SessionProvider';
import { MESSAGES_LIVE, useMessagesLive } from '../../messages/useMessagesLive';
import { useInboxCounts } from './inbox-api';
import { inboxUnreadTotal } from './inbox-format';

/**
 * "Inbox" in the console's navigation with the unread count beside it, kept
 * current by the live `messages` feed (which also refreshes any inbox or
 * conversation on screen), on every console page of those who work the inbox.
 */
export function InboxNavLink() {
  const t = useT();
  const { refresh, session } = useSession();
  const counts = useInboxCounts(true);
  const pools = counts.data?.pools.map((p) => p.pool) ?? [];
  const userId = session?.user?.id ?? '';
  // Subscribes once the counts say which pools this reader works in.
  useMessagesLive({ enabled: counts.isSuccess && userId !== '', target: MESSAGES_LIVE.staff(userId, pools), onSessionEnded: () => void refresh() });
  const unread = counts.data ? inboxUnreadTotal(counts.data) : 0;
  return (
    <NavLink to="/console/inbox">
      {t('inbox.nav')}
      {unread > 0 && (
        <>
          {' '}
          <span className="badge badge-unread">{t('inbox.nav.unread', { count: unread })}</span>
        </>
      )}
    </NavLink>
  );
}
