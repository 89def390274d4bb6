import { useState, type FormEvent, type ReactNode } from 'react';
import { MESSAGE_BODY_MAX } from '../../../shared/contracts/messages';
import { useI18n } from '../../app/i18n/useT';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextAreaField } from '../../ui/Field';
import { AttachmentPicker } from './AttachmentPicker';
import { messageFingerprint, useSendMessage } from './useSendMessage';

/**
 * A reply to a conversation: the message and its files. `children` adds
 * controls before the send button (the console's "internal note" choice);
 * `send` posts it with the given Idempotency-Key. The form empties once sent.
 */
export function ReplyForm({
  idPrefix,
  title,
  submitLabel,
  children,
  extraFingerprint = '',
  send,
}: {
  idPrefix: string;
  title: string;
  submitLabel?: string;
  children?: ReactNode;
  extraFingerprint?: string;
  send: (input: { body: string; files: File[]; idempotencyKey: string }) => Promise<unknown>;
}) {
  const { t, lang } = useI18n();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [pickerKey, setPickerKey] = useState(0);
  const bodyId = `${idPrefix}-body`;
  const filesId = `${idPrefix}-files`;
  const sending = useSendMessage({ t, lang, fieldTarget: (f) => (f === 'body' ? bodyId : f === 'files' ? filesId : undefined), fallbackTarget: bodyId });
  const bodyProblem = sending.problems.find((p) => p.targetId === bodyId);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = body.trim() === '' ? [{ targetId: bodyId, message: t('messages.body.error') }] : [];
    const sent = await sending.submit({
      invalid,
      fingerprint: messageFingerprint([body, extraFingerprint], files),
      send: (idempotencyKey) => send({ body, files, idempotencyKey }).then(() => true),
    });
    if (sent) {
      setBody('');
      setFiles([]);
      setPickerKey((k) => k + 1);
    }
  };

  return (
    <form className="reply-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`}>{title}</h2>
      <ErrorSummary id={`${idPrefix}-problems`} title={t('book.errors.title')} items={sending.problems} focusKey={sending.attempts} />
      <TextAreaField
        frame={{ id: bodyId, label: t('messages.body.label'), error: bodyProblem?.message }}
        value={body}
        rows={5}
        maxLength={MESSAGE_BODY_MAX}
        onChange={(e) => setBody(e.target.value)}
        disabled={sending.busy}
      />
      <AttachmentPicker key={pickerKey} id={filesId} files={files} onChange={setFiles} disabled={sending.busy} />
      {children}
      <button type="submit" className="btn btn-primary" disabled={sending.busy}>
        {sending.busy ? t('messages.sending') : (submitLabel ?? t('messages.send'))}
      </button>
    </form>
  );
}
