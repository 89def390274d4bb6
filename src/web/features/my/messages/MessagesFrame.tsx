import { useCallback, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { LiveMessageEvent } from '../../../../shared/contracts/messages';
import { useI18n } from '../../../app/i18n/useT';
import { Loading, QueryState } from '../../../ui/QueryState';
import { MESSAGES_LIVE, useMessagesLive } from '../../messages/useMessagesLive';
import { usePatientInFocus, type PatientFocus } from './usePatientInFocus';

export type ReadyFocus = Extract<PatientFocus, { state: 'ready' }>;

/**
 * The frame of every messages page: its heading, the way back, whose record
 * is open, the live feed for that record, and a polite live region that says
 * when a message arrives. The page itself renders once a record is in focus.
 */
export function MessagesFrame({
  title,
  back,
  announceEvents = true,
  children,
}: {
  title: string;
  /** Say "a new message arrived" on every live frame for this record; a conversation says it itself, for others' messages only. */
  announceEvents?: boolean;
  back: { to: string; label: string } | ((focus: PatientFocus) => { to: string; label: string });
  children: (focus: ReadyFocus, say: (words: string) => void) => ReactNode;
}) {
  const { t } = useI18n();
  const { focus } = usePatientInFocus();
  const [announce, setAnnounce] = useState('');
  const onEvent = useCallback(
    (e: LiveMessageEvent) => {
      if (announceEvents && focus.state === 'ready' && e.patientId === focus.patientId) setAnnounce(t('messages.newArrived'));
    },
    [announceEvents, focus, t],
  );
  const ready = focus.state === 'ready';
  const status = useMessagesLive({
    enabled: ready,
    target: MESSAGES_LIVE.patient(ready ? focus.patientId : ''),
    onEvent,
  });
  const way = typeof back === 'function' ? back(focus) : back;

  return (
    <div className="messages-page">
      <p className="back-link">
        <Link to={way.to}>{way.label}</Link>
      </p>
      <h1>{title}</h1>
      {/* Announced to screen readers when a message arrives (the list refetches on its own). */}
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      {ready && status === 'reconnecting' && <p className="muted live-status">{t('messages.live.reconnecting')}</p>}
      {focus.state === 'loading' && <Loading />}
      {focus.state === 'failed' && <QueryState isPending={false} isError retry={focus.retry} />}
      {focus.state === 'none' && (
        <div className="notice notice-warning">
          <p>{t('my.messages.noPatients')}</p>
        </div>
      )}
      {focus.state === 'limited' && (
        <div className="notice notice-warning">
          <p>{t('my.messages.limited', { name: focus.patientName })}</p>
        </div>
      )}
      {ready && children(focus, setAnnounce)}
    </div>
  );
}
