import type { CSSProperties } from 'react';
import type { DeskAppointment } from '../../../../shared/contracts/staff';
import type { LocalDate } from '../../../../shared/time';
import { capitalize, formatLocalDay } from '../../../app/i18n/format';
import { formatShortDay } from '../console-format';
import { useI18n } from '../../../app/i18n/useT';
import { AppointmentCard, BlockCard } from './AppointmentCard';
import { groupByRoom, roomsOf, type RoomHead } from './desk-columns';
import { datesIn, zonedPlace, type DeskColumns } from './desk-time';
import { RoomName } from './RoomName';
import { isActive, type DeskBlock, type ScheduleIndex } from './schedule-index';

type Item = { kind: 'appointment'; a: DeskAppointment; at: number } | { kind: 'block'; b: DeskBlock; at: number };

function itemsByDate(index: ScheduleIndex, showCancelled: boolean): Map<LocalDate, Item[]> {
  const out = new Map<LocalDate, Item[]>();
  const add = (date: LocalDate, item: Item) => {
    const list = out.get(date);
    if (list) list.push(item);
    else out.set(date, [item]);
  };
  for (const a of index.schedule.appointments) {
    if (!showCancelled && !isActive(a)) continue;
    add(zonedPlace(a.start, index.zone).date, { kind: 'appointment', a, at: Date.parse(a.start) });
  }
  for (const b of index.schedule.blocks) add(zonedPlace(b.start, index.zone).date, { kind: 'block', b, at: Date.parse(b.start) });
  for (const list of out.values()) list.sort((x, y) => x.at - y.at);
  return out;
}

interface CardProps {
  index: ScheduleIndex;
  highlightId: string | null;
  onOpenAppointment: (id: string) => void;
  onOpenBlock: (id: string) => void;
}

function appointmentsIn(items: Item[]): DeskAppointment[] {
  return items.flatMap((i) => (i.kind === 'appointment' ? [i.a] : []));
}

/** Every practitioner together, each card saying who and where. */
function Agenda({ items, index, highlightId, onOpenAppointment, onOpenBlock }: CardProps & { items: Item[] }) {
  return (
    <ol className="desk-agenda">
      {items.map((i) => (
        <li key={i.kind === 'appointment' ? i.a.id : i.b.id}>
          {i.kind === 'appointment' ? (
            <AppointmentCard appointment={i.a} index={index} names="both" highlight={i.a.id === highlightId} onOpen={onOpenAppointment} />
          ) : (
            <BlockCard block={i.b} index={index} showPractitioner onOpen={onOpenBlock} />
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * A group per room in use that day. Blocks are a practitioner's time, not a
 * room's, so they show only in the practitioners view.
 */
function RoomAgenda({ items, rooms, index, highlightId, onOpenAppointment }: CardProps & { items: Item[]; rooms: RoomHead[] }) {
  const { t } = useI18n();
  const groups = groupByRoom(rooms, appointmentsIn(items));
  if (groups.length === 0) return <p className="desk-day-empty muted">{t('console.desk.empty')}</p>;
  return groups.map(({ room, appointments: list }) => (
    <div key={room.id} className="desk-room">
      <h4 className="desk-room-head">
        <RoomName room={room} />
      </h4>
      <ol className="desk-agenda">
        {list.map((a) => (
          <li key={a.id}>
            <AppointmentCard appointment={a} index={index} names="practitioner" highlight={a.id === highlightId} onOpen={onOpenAppointment} />
          </li>
        ))}
      </ol>
    </div>
  ));
}

/**
 * Seven days side by side, each an agenda in time order: every practitioner
 * together, or grouped by room.
 */
export function WeekView({
  index,
  from,
  to,
  today,
  by,
  showCancelled,
  highlightId,
  onOpenDay,
  onOpenAppointment,
  onOpenBlock,
}: {
  index: ScheduleIndex;
  from: LocalDate;
  to: LocalDate;
  today: LocalDate;
  by: DeskColumns;
  showCancelled: boolean;
  highlightId: string | null;
  onOpenDay: (date: LocalDate) => void;
  onOpenAppointment: (id: string) => void;
  onOpenBlock: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const days = datesIn(from, to);
  const byDate = itemsByDate(index, showCancelled);
  const first = formatLocalDay(from, lang);
  const rooms = by === 'rooms' ? roomsOf(index.schedule, appointmentsIn([...byDate.values()].flat())) : [];
  const cards = { index, highlightId, onOpenAppointment, onOpenBlock };
  return (
    <div className="desk-scroll" role="region" aria-label={t('console.desk.weekRegion', { day: first })} tabIndex={0}>
      <div className="desk-week" style={{ '--cols': days.length } as CSSProperties}>
        {days.map((d) => {
          const items = byDate.get(d) ?? [];
          return (
            <section key={d} className={d === today ? 'desk-day desk-today' : 'desk-day'} aria-labelledby={`day-${d}`}>
              <h3 id={`day-${d}`} className="desk-day-head">
                <button type="button" className="desk-day-link" onClick={() => onOpenDay(d)}>
                  <span aria-hidden="true">{capitalize(formatShortDay(d, lang))}</span>
                  <span className="sr-only">{capitalize(formatLocalDay(d, lang))}</span>
                  {d === today && <span className="badge badge-today">{t('console.desk.today')}</span>}
                </button>
              </h3>
              {by === 'rooms' ? (
                <RoomAgenda items={items} rooms={rooms} {...cards} />
              ) : items.length === 0 ? (
                <p className="desk-day-empty muted">{t('console.desk.empty')}</p>
              ) : (
                <Agenda items={items} {...cards} />
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
