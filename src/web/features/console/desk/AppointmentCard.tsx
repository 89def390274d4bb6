import { useEffect, useRef } from 'react';
import type { DeskAppointment } from '../../../../shared/contracts/staff';
import { formatTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { patientName, type DeskBlock, type ScheduleIndex, type Status } from './schedule-index';

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useI18n();
  return <span className={`badge status status-${status}`}>{t(`console.status.${status}`)}</span>;
}

/**
 * Besides the visit, what a card names: the room (in a practitioner's column),
 * the practitioner (under a room: first, as who is in the room matters most
 * there), or both (in an agenda of everyone).
 */
export type CardNames = 'room' | 'practitioner' | 'both';

/**
 * One appointment on the desk. The visible card is compact; the button's
 * accessible name reads the whole line: time, status, patient, then the visit
 * and the room or practitioner in the order the card shows them.
 */
export function AppointmentCard({
  appointment: a,
  index,
  names,
  highlight = false,
  onOpen,
}: {
  appointment: DeskAppointment;
  index: ScheduleIndex;
  names: CardNames;
  /** Just booked or moved here: drawn with a ring and scrolled into view. */
  highlight?: boolean;
  onOpen: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const start = formatTime(a.start, index.zone, lang);
  const end = formatTime(a.end, index.zone, lang);
  const room = names === 'practitioner' ? '' : index.roomName(a.roomId);
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!highlight) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    ref.current?.scrollIntoView({ block: 'center', inline: 'center', behavior: reduce ? 'auto' : 'smooth' });
  }, [highlight]);
  // Read as '…, Rosa Delgado, with Elena Ortiz, MD, Epidural steroid injection' (or last, after the room).
  const who = (
    <span className="appt-line appt-who">
      <span className="sr-only">
        {names === 'both' && ', '}
        {t('console.desk.with')}{' '}
      </span>
      {index.practitionerLabel(a.practitionerId)}
      {names === 'practitioner' && <span className="sr-only">,</span>}
    </span>
  );
  return (
    <button
      ref={ref}
      type="button"
      className={highlight ? `appt-card appt-${a.status} appt-highlight` : `appt-card appt-${a.status}`}
      data-appointment-id={a.id}
      onClick={() => onOpen(a.id)}
    >
      <span className="appt-line appt-top">
        <span className="appt-time">
          {start}
          <span className="sr-only">
            {' '}
            {t('console.desk.until', { time: end })},
          </span>
        </span>
        <StatusBadge status={a.status} />
      </span>
      <span className="appt-line appt-patient">
        <span className="sr-only">, </span>
        {patientName(a.patient)}
        <span className="sr-only">,</span>
      </span>
      {names === 'practitioner' && who}
      <span className="appt-line appt-visit">
        {index.visitTypeName(a.visitTypeId)}
        {room && (
          <>
            <span className="sr-only">,</span>
            <span aria-hidden="true"> · </span>
            {room}
          </>
        )}
      </span>
      {names === 'both' && who}
    </button>
  );
}

/** Time blocked off (a meeting, time off): shown hatched, opened for details. */
export function BlockCard({
  block,
  index,
  showPractitioner,
  onOpen,
}: {
  block: DeskBlock;
  index: ScheduleIndex;
  showPractitioner: boolean;
  onOpen: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <button type="button" className="block-card" onClick={() => onOpen(block.id)}>
      <span className="appt-line appt-time">
        {formatTime(block.start, index.zone, lang)}
        <span className="sr-only"> {t('console.desk.until', { time: formatTime(block.end, index.zone, lang) })},</span>
      </span>
      <span className="appt-line block-label">
        {t('console.block.label')}
        <span className="sr-only">:</span>
      </span>
      <span className="appt-line">{block.reason}</span>
      {showPractitioner && <span className="appt-line appt-who">{index.practitionerLabel(block.practitionerId)}</span>}
    </button>
  );
}
