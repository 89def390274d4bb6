import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { StaffMessage, StaffThread } from '../../../../shared/contracts/messages';
import { formatDayTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { canReadCharts, canUseDesk } from '../../../app/roles';
import { useSignedIn } from '../../../app/session/SessionProvider';
import { usePageTitle } from '../../../app/usePageTitle';
import { QueryState } from '../../../ui/QueryState';
import { newMessageIds, topicKey } from '../../messages/message-format';
import { messageKeys } from '../../messages/message-keys';
import { MessageList } from '../../messages/MessageList';
import { ReplyForm } from '../../messages/ReplyForm';
import { formatCalendarDate } from '../console-format';
import { BookFromThread } from './BookFromThread';
import { useStaffThread } from './inbox-api';
import { ThreadActions } from './ThreadActions';

/** /console/inbox/:id: the conversation with its internal notes, what can be done with it, and the patient beside it. */
export function InboxThreadPage() {
  const { t } = useI18n();
  usePageTitle('title.console.inbox.thread');
  const { id = '' } = useParams();
  const thread = useStaffThread(id);
  return (
    <div className="inbox-thread-page">
      <p className="back-link">
        <Link to="/console/inbox">{t('inbox.back')}</Link>
      </p>
      <QueryState isPending={thread.isPending} isError={thread.isError} error={thread.error} retry={() => void thread.refetch()}>
        {thread.data && <Conversation key={id} data={thread.data} />}
      </QueryState>
    </div>
  );
}

function Conversation({ data }: { data: StaffThread }) {
  const { t } = useI18n();
  const { api, user } = useSignedIn();
  const queryClient = useQueryClient();
  const th = data.thread;
  const [focusId, setFocusId] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const seen = useRef<StaffMessage[] | undefined>(undefined);

  // A message that arrives while the page is open (the live feed refetched it) is announced and focused.
  useEffect(() => {
    const fresh = newMessageIds(seen.current, data.messages);
    if (fresh.length > 0) {
      setFocusId(fresh.at(-1)!);
      setAnnounce(t('inbox.newArrived'));
    }
    seen.current = data.messages;
  }, [data.messages, t]);

  useEffect(() => {
    if (th.unread === 0) return;
    void api
      .request('POST /api/staff/threads/:id/read', { params: { id: th.id } })
      .then(() => queryClient.invalidateQueries({ queryKey: messageKeys.staffCounts }))
      .catch(() => undefined);
  }, [th.unread, th.id, data.messages, api, queryClient]);

  const send = (internal: boolean) =>
    async ({ body, files, idempotencyKey }: { body: string; files: File[]; idempotencyKey: string }) => {
      const sent = await api.requestForm('POST /api/staff/threads/:id/messages', { params: { id: th.id } }, { fields: { body, internal: internal ? 'true' : 'false' }, files }, { idempotencyKey });
      seen.current = [...(seen.current ?? []), sent];
      setFocusId(sent.id);
      await queryClient.invalidateQueries({ queryKey: messageKeys.staff });
    };

  return (
    <>
      <h1>{th.subject}</h1>
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      <div className="inbox-thread">
        <div className="inbox-thread-main">
          <MessageList
            messages={data.messages}
            reader="staff"
            level={2}
            focusId={focusId}
            decorate={(m) => (m.internal ? { className: 'message-note', banner: <p className="message-note-flag">{t('inbox.note.flag')}</p> } : undefined)}
          />
          {th.topic === 'scheduling' && canUseDesk(user.role) && <BookFromThread patient={th.patient} />}
          <ReplyForm idPrefix="staff-reply" title={t('inbox.reply.title')} send={send(false)} />
          <ReplyForm idPrefix="staff-note" title={t('inbox.note.title')} submitLabel={t('inbox.note.submit')} extraFingerprint="note" send={send(true)} />
        </div>
        <ThreadAside data={data} />
      </div>
    </>
  );
}

function ThreadAside({ data }: { data: StaffThread }) {
  const { t, lang } = useI18n();
  const { user } = useSignedIn();
  const th = data.thread;
  const v = data.nextVisit;
  return (
    <aside className="inbox-thread-aside" aria-labelledby="inbox-details-title">
      <h2 id="inbox-details-title">{t('inbox.thread.details')}</h2>
      <dl className="details">
        <dt>{t('inbox.thread.patient')}</dt>
        <dd>{th.patient.name}</dd>
        <dt>{t('inbox.thread.dob')}</dt>
        <dd>{formatCalendarDate(th.patient.dateOfBirth, lang)}</dd>
        <dt>{t('inbox.thread.nextVisit')}</dt>
        <dd>{v ? t('inbox.thread.visitLine', { when: formatDayTime(v.start, v.timeZone, lang), visitType: v.visitTypeName, location: v.locationName }) : t('inbox.thread.noVisit')}</dd>
        <dt>{t('inbox.thread.topic')}</dt>
        <dd>{t(topicKey(th.topic))}</dd>
        <dt>{t('inbox.thread.pool')}</dt>
        <dd>{t(`inbox.pool.${th.pool}`)}</dd>
        <dt>{t('inbox.thread.status')}</dt>
        <dd>{t(`messages.status.${th.status}`)}</dd>
        <dt>{t('inbox.thread.assignee')}</dt>
        <dd>{th.assignee ? th.assignee.name : t('inbox.unassigned')}</dd>
      </dl>
      {canReadCharts(user.role) && (
        <p>
          <Link to={`/console/patients/${th.patient.id}`}>{t('inbox.thread.chart')}</Link>
        </p>
      )}
      <ThreadActions thread={th} />
    </aside>
  );
}
