import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import type { Message } from '../../../../shared/contracts/messages';
import { useI18n } from '../../../app/i18n/useT';
import { useSession } from '../../../app/session/SessionProvider';
import { usePageTitle } from '../../../app/usePageTitle';
import { QueryState } from '../../../ui/QueryState';
import { topicKey, newMessageIds } from '../../messages/message-format';
import { messageKeys } from '../../messages/message-keys';
import { MessageList } from '../../messages/MessageList';
import { ReplyForm } from '../../messages/ReplyForm';
import type { SentState } from './ComposeMessagePage';
import { EmergencyBanner } from './EmergencyBanner';
import { MessagesFrame, type ReadyFocus } from './MessagesFrame';
import { usePatientInbox, usePatientThread } from './patient-messages-api';
import { messagesPath } from './usePatientInFocus';

/** /my/messages/:id: the conversation, oldest first, and a reply. Opening it marks it read. */
export function MessageThreadPage() {
  const { t } = useI18n();
  usePageTitle('title.my.messages.thread');
  const { id = '' } = useParams();
  return (
    <MessagesFrame title={t('title.my.messages.thread')} back={(focus) => ({ to: messagesPath('/my/messages', focus), label: t('my.messages.backToList') })}
      announceEvents={false}
    >
      {(focus, say) => <Thread key={`${focus.patientId}-${id}`} focus={focus} threadId={id} say={say} />}
    </MessagesFrame>
  );
}

function Thread({ focus, threadId, say }: { focus: ReadyFocus; threadId: string; say: (words: string) => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const { state } = useLocation() as { state: SentState | null };
  const thread = usePatientThread(focus.patientId, threadId);
  const inbox = usePatientInbox(focus.patientId);
  const [focusId, setFocusId] = useState<string | null>(state?.sent ? state.messageId : null);
  const [sentNote, setSentNote] = useState(state?.sent === true);
  const seen = useRef<Message[] | undefined>(undefined);
  const messages = thread.data?.messages;
  const unread = thread.data?.thread.unread ?? 0;

  // A message that arrives while the page is open is focused and read at once.
  useEffect(() => {
    if (!messages) return;
    const fresh = newMessageIds(seen.current, messages);
    if (fresh.length > 0) {
      setFocusId(fresh.at(-1)!);
      if (messages.some((m) => fresh.includes(m.id) && m.author.kind === 'staff')) say(t('messages.newArrived'));
    }
    seen.current = messages;
  }, [messages, say, t]);

  useEffect(() => {
    if (unread === 0) return;
    void api
      .request('POST /api/patients/:patientId/threads/:id/read', { params: { patientId: focus.patientId, id: threadId } })
      .then(() => queryClient.invalidateQueries({ queryKey: messageKeys.patientInbox(focus.patientId) }))
      .catch(() => undefined);
  }, [unread, messages, api, focus.patientId, threadId, queryClient]);

  return (
    <QueryState isPending={thread.isPending} isError={thread.isError} error={thread.error} retry={() => void thread.refetch()}>
      {thread.data && (
        <>
          <h2 className="thread-title">{thread.data.thread.subject}</h2>
          <p className="thread-meta">
            <span>{t('my.messages.topic', { topic: t(topicKey(thread.data.thread.topic)) })}</span>
            <span>{t('my.messages.status', { status: t(`messages.status.${thread.data.thread.status}`) })}</span>
          </p>
          {sentNote && (
            <div className="notice notice-success" role="status">
              <p>{t('my.messages.sent')}</p>
            </div>
          )}
          <MessageList messages={thread.data.messages} reader={{ patientId: focus.patientId }} focusId={focusId} />
          <EmergencyBanner replyBusinessDays={inbox.data?.replyBusinessDays} />
          {thread.data.thread.status === 'closed' && <p className="notice">{t('my.messages.closed')}</p>}
          <ReplyForm
            idPrefix="reply"
            title={t('my.messages.reply.title')}
            send={async ({ body, files, idempotencyKey }) => {
              const sent = await api.requestForm(
                'POST /api/patients/:patientId/threads/:id/messages',
                { params: { patientId: focus.patientId, id: threadId } },
                { fields: { body }, files },
                { idempotencyKey },
              );
              seen.current = [...(seen.current ?? []), sent];
              setFocusId(sent.id);
              setSentNote(true);
              await queryClient.invalidateQueries({ queryKey: messageKeys.patient(focus.patientId) });
            }}
          />
        </>
      )}
    </QueryState>
  );
}
