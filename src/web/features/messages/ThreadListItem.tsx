import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useT';

/**
 * A conversation in an inbox list, the same for patients and staff: its
 * subject as a heading and link (so a screen reader can go row to row), the
 * unread count beside it, then what the list says about it (`children`).
 */
export function ThreadListItem({ to, subject, unread, children }: { to: string; subject: string; unread: number; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <li className={unread > 0 ? 'thread-row thread-unread' : 'thread-row'}>
      <h2 className="thread-subject">
        <Link to={to}>{subject}</Link>
        {unread > 0 && (
          <>
            {' '}
            <span className="badge badge-unread">{t('messages.unread', { count: unread })}</span>
          </>
        )}
      </h2>
      <p className="thread-meta">{children}</p>
    </li>
  );
}
