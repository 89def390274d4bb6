import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { MESSAGE_BODY_MAX, MESSAGE_SUBJECT_MAX, MESSAGE_TOPICS, type MessageTopic, type PatientThread } from '../../../../shared/contracts/messages';
import { useI18n } from '../../../app/i18n/useT';
import { useSession } from '../../../app/session/SessionProvider';
import { usePageTitle } from '../../../app/usePageTitle';
import { ErrorSummary, type SummaryItem } from '../../../ui/ErrorSummary';
import { TextAreaField, TextField } from '../../../ui/Field';
import { AttachmentPicker } from '../../messages/AttachmentPicker';
import { topicKey } from '../../messages/message-format';
import { messageKeys } from '../../messages/message-keys';
import { messageFingerprint, useSendMessage } from '../../messages/useSendMessage';
import { EmergencyBanner } from './EmergencyBanner';
import { MessagesFrame, type ReadyFocus } from './MessagesFrame';
import { usePatientInbox } from './patient-messages-api';
import { messagesPath } from './usePatientInFocus';

/** Where each field's problem links to, in screen order. */
const FIELD_IDS: Record<string, string> = { topic: 'msg-topic-medical', subject: 'msg-subject', body: 'msg-body', files: 'msg-files' };

/** What the thread page is told after a message is sent: say so and move to it. */
export interface SentState {
  sent: true;
  messageId: string;
}

/** /my/messages/new: a topic, a subject, the message and its files. */
export function ComposeMessagePage() {
  const { t } = useI18n();
  usePageTitle('title.my.messages.new');
  return (
    <MessagesFrame title={t('my.messages.new')} back={(focus) => ({ to: messagesPath('/my/messages', focus), label: t('my.messages.backToList') })}>
      {(focus) => <Compose focus={focus} />}
    </MessagesFrame>
  );
}

function Compose({ focus }: { focus: ReadyFocus }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const inbox = usePatientInbox(focus.patientId);
  const [topic, setTopic] = useState<MessageTopic | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const sending = useSendMessage<PatientThread>({ t, lang, fieldTarget: (f) => FIELD_IDS[f], fallbackTarget: FIELD_IDS.body! });
  const errorOf = (field: string) => sending.problems.find((p) => p.targetId === FIELD_IDS[field])?.message;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid: SummaryItem[] = [];
    if (!topic) invalid.push({ targetId: FIELD_IDS.topic!, message: t('my.messages.topic.error') });
    if (!subject.trim()) invalid.push({ targetId: FIELD_IDS.subject!, message: t('my.messages.subject.error') });
    if (!body.trim()) invalid.push({ targetId: FIELD_IDS.body!, message: t('messages.body.error') });
    const created = await sending.submit({
      invalid,
      fingerprint: messageFingerprint([topic ?? '', subject, body], files),
      send: (idempotencyKey) =>
        api.requestForm(
          'POST /api/patients/:patientId/threads',
          { params: { patientId: focus.patientId } },
          { fields: { topic: topic!, subject, body }, files },
          { idempotencyKey },
        ),
    });
    if (!created) return;
    void queryClient.invalidateQueries({ queryKey: messageKeys.patient(focus.patientId) });
    const state: SentState = { sent: true, messageId: created.messages.at(-1)?.id ?? '' };
    void navigate(messagesPath(`/my/messages/${created.thread.id}`, focus), { state });
  };

  const topicError = errorOf('topic');
  return (
    <>
      <EmergencyBanner replyBusinessDays={inbox.data?.replyBusinessDays} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="compose-form">
        <ErrorSummary title={t('book.errors.title')} items={sending.problems} focusKey={sending.attempts} level={2} />
        <fieldset className={topicError ? 'field field-invalid radio-group' : 'field radio-group'} aria-describedby={topicError ? 'msg-topic-error' : undefined}>
          <legend className="field-label">{t('my.messages.topic.legend')}</legend>
          {topicError && (
            <p id="msg-topic-error" className="field-error">
              {topicError}
            </p>
          )}
          <div className="radio-list">
            {MESSAGE_TOPICS.map((tp) => (
              <div key={tp} className="radio">
                <input
                  type="radio"
                  id={`msg-topic-${tp}`}
                  name="topic"
                  value={tp}
                  checked={topic === tp}
                  onChange={() => setTopic(tp)}
                  disabled={sending.busy}
                />
                <label htmlFor={`msg-topic-${tp}`}>{t(topicKey(tp))}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextField
          frame={{ id: FIELD_IDS.subject!, label: t('my.messages.subject'), hint: t('my.messages.subject.hint'), error: errorOf('subject') }}
          value={subject}
          maxLength={MESSAGE_SUBJECT_MAX}
          onChange={(e) => setSubject(e.target.value)}
          disabled={sending.busy}
        />
        <TextAreaField
          frame={{ id: FIELD_IDS.body!, label: t('messages.body.label'), error: errorOf('body') }}
          value={body}
          rows={7}
          maxLength={MESSAGE_BODY_MAX}
          onChange={(e) => setBody(e.target.value)}
          disabled={sending.busy}
        />
        <AttachmentPicker id={FIELD_IDS.files!} files={files} onChange={setFiles} disabled={sending.busy} />
        <button type="submit" className="btn btn-primary" disabled={sending.busy}>
          {sending.busy ? t('messages.sending') : t('messages.send')}
        </button>
      </form>
    </>
  );
}
