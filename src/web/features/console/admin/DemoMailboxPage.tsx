import type { ReactNode } from 'react';
import type { DeliveryStatus, MailboxNotice } from '../../../../shared/contracts/notices';
import { formatZoneName } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { DataTable } from '../../../ui/DataTable';
import { QueryState } from '../../../ui/QueryState';
import { CLINIC_ZONE } from '../../public/booking/slots';
import { formatInstant } from '../console-format';
import { useDemoMailbox } from './admin-api';
import { templateLabel } from './notice-templates';

const LINK = /(https?:\/\/[^\s<>"]+)/g;

/** A message's text as sent, its web addresses as links (the text holds nothing else a browser would run). */
function BodyText({ text, lang }: { text: string; lang: string }) {
  const parts: ReactNode[] = text.split(LINK).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part} rel="noreferrer">
        {part}
      </a>
    ) : (
      part
    ),
  );
  return (
    <p className="mailbox-body" lang={lang}>
      {parts}
    </p>
  );
}

function Message({ n }: { n: MailboxNotice }) {
  const { t, lang } = useI18n();
  const id = `mailbox-${n.id}`;
  return (
    <li>
      <article className="panel mailbox-message" aria-labelledby={id}>
        {/* The message is in its recipient's language, which may not be the page's (WCAG 3.1.2). */}
        <h2 id={id} className="mailbox-subject" lang={n.language}>
          {n.subject}
        </h2>
        <dl className="mailbox-meta">
          <div>
            <dt>{t('console.mailbox.to')}</dt>
            <dd className="cell-wrap">{n.recipient}</dd>
          </div>
          <div>
            <dt>{t('console.mailbox.kind')}</dt>
            <dd>
              {templateLabel(t, n.template)} · {n.language === 'es' ? t('notices.inSpanish') : t('notices.inEnglish')}
              {n.channel === 'sms' && ` · ${t('console.mailbox.sms')}`}
            </dd>
          </div>
          <div>
            <dt>{t('console.mailbox.written')}</dt>
            <dd>{formatInstant(n.createdAt, CLINIC_ZONE, lang)}</dd>
          </div>
        </dl>
        <BodyText text={n.bodyText} lang={n.language} />
      </article>
    </li>
  );
}

function DeliveryTable({ items }: { items: DeliveryStatus[] }) {
  const { t, lang } = useI18n();
  return (
    <>
      <h2 id="mailbox-status-title">{t('console.mailbox.statusTitle')}</h2>
      <DataTable
        labelledBy="mailbox-status-title"
        columns={[t('notices.col.what'), t('notices.col.to'), t('console.mailbox.status'), t('notices.col.tries'), t('notices.col.created'), t('console.mailbox.sent')]}
      >
        {items.map((n) => (
          <tr key={n.id}>
            <th scope="row">
              {templateLabel(t, n.template)}
              <span className="cell-sub">{n.language === 'es' ? t('notices.inSpanish') : t('notices.inEnglish')}</span>
            </th>
            <td className="cell-wrap">{n.recipient}</td>
            <td>{t(`console.mailbox.status.${n.status}`)}</td>
            <td>{n.attempts}</td>
            <td className="cell-nowrap">{formatInstant(n.createdAt, CLINIC_ZONE, lang)}</td>
            <td className="cell-nowrap">{n.sentAt ? formatInstant(n.sentAt, CLINIC_ZONE, lang) : t('console.mailbox.notSent')}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/**
 * The demo mailbox (issue 11): while no email server is set up, the notices
 * Relief would have sent (activation codes, invitations, resets), clearly
 * marked as not sent, so a trial works without reading the database. With an
 * email server, where each notice stands and nothing of what it says.
 */
export function DemoMailboxPage() {
  const { t, lang } = useI18n();
  usePageTitle('title.console.demoMailbox');
  const box = useDemoMailbox();
  const data = box.data;

  return (
    <>
      <h1>{t('console.mailbox.title')}</h1>
      <QueryState isPending={box.isPending} isError={box.isError} error={box.error} retry={() => void box.refetch()}>
        {data?.mode === 'demo' && (
          <>
            <div className="notice notice-warning" role="note">
              <p>
                <strong>{t('console.mailbox.demoBanner')}</strong>
              </p>
              <p>{t('console.mailbox.demoLede')}</p>
            </div>
            <p className="muted">{t('console.timesIn', { zone: formatZoneName(CLINIC_ZONE, lang) })}</p>
            {data.items.length === 0 ? (
              <p role="status">{t('console.mailbox.empty')}</p>
            ) : (
              <>
                <p role="status">{data.items.length === 1 ? t('console.mailbox.count.one') : t('console.mailbox.count.other', { count: data.items.length })}</p>
                <ul className="plain-list mailbox-list">
                  {data.items.map((n) => (
                    <Message key={n.id} n={n} />
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        {data?.mode === 'smtp' && (
          <>
            <div className="notice" role="note">
              <p>{t('console.mailbox.smtpBanner')}</p>
            </div>
            <p className="muted">{t('console.timesIn', { zone: formatZoneName(CLINIC_ZONE, lang) })}</p>
            {data.items.length === 0 ? <p role="status">{t('console.mailbox.empty')}</p> : <DeliveryTable items={data.items} />}
          </>
        )}
      </QueryState>
    </>
  );
}
