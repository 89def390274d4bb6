import { Link } from 'react-router';
import type { ThreadSummary } from '../../../../shared/contracts/messages';
import { formatDateTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { QueryState } from '../../../ui/QueryState';
import { CLINIC_ZONE } from '../../public/booking/slots';
import { topicKey } from '../../messages/message-format';
import { ThreadListItem } from '../../messages/ThreadListItem';
import { MessagesFrame, type ReadyFocus } from './MessagesFrame';
import { usePatientInbox } from './patient-messages-api';
import { messagesPath } from './usePatientInFocus';

/** /my/messages: the patient's conversations, most recent first, with what is unread. */
export function MessagesInboxPage() {
  const { t } = useI18n();
  usePageTitle('title.my.messages');
  return (
    <MessagesFrame title={t('my.messages.title')} back={{ to: '/my', label: t('my.messages.back') }}>
      {(focus) => <Inbox focus={focus} />}
    </MessagesFrame>
  );
}

function Inbox({ focus }: { focus: ReadyFocus }) {
  const { t } = useI18n();
  const inbox = usePatientInbox(focus.patientId);
  const items = [...(inbox.data?.items ?? [])].sort((a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt));
  return (
    <>
      <p>{t('my.messages.lede')}</p>
      <p>
        <Link className="btn btn-primary" to={messagesPath('/my/messages/new', focus)}>
          {t('my.messages.new')}
        </Link>
      </p>
      <QueryState isPending={inbox.isPending} isError={inbox.isError} error={inbox.error} retry={() => void inbox.refetch()}>
        {items.length === 0 ? (
          <p>{t('my.messages.none')}</p>
        ) : (
          <ul className="thread-list" aria-label={t('my.messages.listLabel')}>
            {items.map((th) => (
              <ThreadRow key={th.id} thread={th} focus={focus} />
            ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}

function ThreadRow({ thread: th, focus }: { thread: ThreadSummary; focus: ReadyFocus }) {
  const { t, lang } = useI18n();
  return (
    <ThreadListItem to={messagesPath(`/my/messages/${th.id}`, focus)} subject={th.subject} unread={th.unread}>
      <span>{t(topicKey(th.topic))}</span>
      <span className={`badge ${th.status === 'closed' ? 'badge-muted' : ''}`}>{t(`messages.status.${th.status}`)}</span>
      <span className="muted">{t('my.messages.lastActivity', { when: formatDateTime(th.lastMessageAt, CLINIC_ZONE, lang) })}</span>
    </ThreadListItem>
  );
}
