import { useEffect, useRef, type ReactNode } from 'react';
import type { Attachment, Message } from '../../../shared/contracts/messages';
import { formatDateTime } from '../../app/i18n/format';
import { localeOf } from '../../app/i18n/catalog';
import { useI18n } from '../../app/i18n/useT';
import { CLINIC_ZONE } from '../public/booking/slots';
import { attachmentHref, oldestFirst } from './message-format';
import { formatFileSize, isImageType } from './message-files';

type Reader = { patientId: string } | 'staff';

/** Who wrote a message, in the reader's words: a caregiver is shown as such, staff with their role. */
export function AuthorName({ author }: { author: Message['author'] }) {
  const { t } = useI18n();
  if (author.kind === 'caregiver') return <>{t('messages.author.caregiver', { name: author.name })}</>;
  if (author.kind === 'staff' && author.role) {
    const role = ['nurse', 'front_desk', 'billing', 'clinician', 'admin'].includes(author.role) ? t(`console.role.${author.role as 'nurse'}`) : author.role;
    return (
      <>
        {author.name} <span className="message-role">({role})</span>
      </>
    );
  }
  return <>{author.name}</>;
}

/** A message's files: each a download link by its name; images with a thumbnail. */
export function AttachmentList({ attachments, reader }: { attachments: readonly Attachment[]; reader: Reader }) {
  const { t, lang } = useI18n();
  if (attachments.length === 0) return null;
  return (
    <ul className="message-attachments" aria-label={t('messages.attachments')}>
      {attachments.map((a) => {
        const href = attachmentHref(reader, a);
        const image = isImageType(a.mediaType);
        return (
          <li key={a.id} className={image ? 'message-attachment message-attachment-image' : 'message-attachment'}>
            <a href={href} download={a.fileName}>
              {image && <img className="message-thumb" src={href} alt="" loading="lazy" width={96} height={96} />}
              <span className="message-attachment-name">{a.fileName}</span>
            </a>{' '}
            <span className="muted">
              {t('messages.attachment.size', { type: t(image ? 'messages.attachment.image' : 'messages.attachment.pdf'), size: formatFileSize(a.sizeBytes, localeOf(lang)) })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A conversation, oldest first. Each message is an article named by its
 * author; `focusId` (a message that just arrived or was just sent) is
 * focused so a keyboard or screen-reader user lands on it.
 */
export function MessageList<M extends Message>({
  messages,
  reader,
  focusId,
  decorate,
  level = 3,
}: {
  /** The heading level of each message's author line: one below the heading above the list. */
  level?: 2 | 3;
  messages: readonly M[];
  reader: Reader;
  focusId?: string | null | undefined;
  /** Extra class and a heading line for a message (the console marks internal notes). */
  decorate?: (m: M) => { className?: string; banner?: ReactNode } | undefined;
}) {
  const { t, lang } = useI18n();
  const refs = useRef(new Map<string, HTMLElement>());
  const Heading = level === 2 ? 'h2' : 'h3';
  // The message to focus may render after focusId is set (a sent message shows once the thread is
  // refetched), so try again as the list changes, and focus each message once.
  const focused = useRef<string | null>(null);
  useEffect(() => {
    if (!focusId || focused.current === focusId) return;
    const el = refs.current.get(focusId);
    if (!el) return;
    el.focus();
    focused.current = focusId;
  }, [focusId, messages]);

  return (
    <ol className="message-list" aria-label={t('messages.list.label')}>
      {oldestFirst(messages).map((m) => {
        const extra = decorate?.(m);
        return (
          <li key={m.id}>
            <article
              className={`message ${m.author.kind === 'staff' ? 'message-staff' : 'message-patient'} ${extra?.className ?? ''}`}
              aria-labelledby={`msg-${m.id}-by`}
              tabIndex={-1}
              ref={(el) => {
                if (el) refs.current.set(m.id, el);
                else refs.current.delete(m.id);
              }}
            >
              {extra?.banner}
              <header className="message-head">
                <Heading id={`msg-${m.id}-by`} className="message-author">
                  <AuthorName author={m.author} />
                </Heading>
                <p className="message-time muted">{t('messages.sentAt', { when: formatDateTime(m.sentAt, CLINIC_ZONE, lang) })}</p>
              </header>
              <p className="message-body">{m.body}</p>
              <AttachmentList attachments={m.attachments} reader={reader} />
            </article>
          </li>
        );
      })}
    </ol>
  );
}
