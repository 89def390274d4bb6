import type { CSSProperties } from 'react';
import { capitalize, formatLocalDay, formatWallTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { minutesToWallTime, type LocalDate } from '../../../../shared/time';
import { AppointmentCard, BlockCard } from './AppointmentCard';
import { dayColumns, type DayColumn } from './desk-columns';
import { dayWindow, placeInLanes, type DeskColumns, type MinuteSpan } from './desk-time';
import { RoomName } from './RoomName';
import type { ScheduleIndex } from './schedule-index';

/** Vertical scale of the day grid. */
const PX_PER_MIN = 2;

function place(span: MinuteSpan, frame: MinuteSpan): CSSProperties {
  return { top: (span.start - frame.start) * PX_PER_MIN, height: Math.max(18, (span.end - span.start) * PX_PER_MIN) };
}

function ColumnHeading({ column }: { column: DayColumn }) {
  const { t, lang } = useI18n();
  if (column.head.kind === 'room') return <RoomName room={column.head} />;
  return (
    <>
      <span className="desk-col-name">{column.head.label}</span>
      <span className="desk-col-hours">
        {column.hours.length === 0
          ? t('console.desk.notWorking')
          : column.hours
              .map((h) =>
                t('locations.hoursRange', {
                  opens: formatWallTime(minutesToWallTime(h.start), lang),
                  closes: formatWallTime(minutesToWallTime(h.end), lang),
                }),
              )
              .join(', ')}
      </span>
    </>
  );
}

/**
 * One day, a column per practitioner (working hours shaded, blocks hatched)
 * or per room (each card says who sees the patient): appointments as cards at
 * their times. The grid scrolls inside its own box, so the page never scrolls
 * sideways; each column is a list in time order for screen readers.
 */
export function DayView({
  index,
  date,
  by,
  showCancelled,
  highlightId,
  onOpenAppointment,
  onOpenBlock,
}: {
  index: ScheduleIndex;
  date: LocalDate;
  by: DeskColumns;
  showCancelled: boolean;
  highlightId: string | null;
  onOpenAppointment: (id: string) => void;
  onOpenBlock: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const columns = dayColumns({ schedule: index.schedule, date, by, showCancelled });
  if (columns.length === 0) {
    return (
      <div className="notice">
        <p>{by === 'rooms' ? t('console.desk.noRooms') : t('console.desk.nobody')}</p>
      </div>
    );
  }
  const frame = dayWindow(columns.flatMap((c) => [...c.hours, ...c.items.map((i) => i.span)]));
  const hours: number[] = [];
  for (let m = frame.start; m < frame.end; m += 60) hours.push(m);
  const bodyHeight = (frame.end - frame.start) * PX_PER_MIN;
  const dayLabel = capitalize(formatLocalDay(date, lang));

  return (
    <div className="desk-scroll desk-scroll-day" role="region" aria-label={t('console.desk.dayRegion', { day: dayLabel })} tabIndex={0}>
      <div className="desk-grid" style={{ '--cols': columns.length } as CSSProperties}>
        <div className="desk-axis" aria-hidden="true">
          <div className="desk-corner" />
          <div className="desk-times" style={{ height: bodyHeight }}>
            {hours.map((m) => (
              <span key={m} className="desk-hour" style={{ top: (m - frame.start) * PX_PER_MIN }}>
                {formatWallTime(minutesToWallTime(m), lang)}
              </span>
            ))}
          </div>
        </div>
        {columns.map((c) => (
          <section key={c.id} className="desk-col" aria-labelledby={`col-${c.id}`}>
            <h3 id={`col-${c.id}`} className="desk-col-head">
              <ColumnHeading column={c} />
            </h3>
            <div className="desk-col-body" style={{ height: bodyHeight }}>
              {hours.map((m) => (
                <span key={m} className="desk-rule" style={{ top: (m - frame.start) * PX_PER_MIN }} aria-hidden="true" />
              ))}
              {c.hours.map((h) => (
                <span key={h.start} className="desk-working" style={place(h, frame)} aria-hidden="true" />
              ))}
              {c.items.length === 0 ? (
                <p className="sr-only">{t('console.desk.empty')}</p>
              ) : (
                <ol className="desk-items">
                  {placeInLanes(c.items).map((p) => (
                    <li
                      key={p.item.kind === 'appointment' ? p.item.a.id : p.item.b.id}
                      className="desk-item"
                      style={{
                        ...place(p.span, frame),
                        left: `calc(${(p.lane / p.lanes) * 100}% + 2px)`,
                        width: `calc(${100 / p.lanes}% - 4px)`,
                      }}
                    >
                      {p.item.kind === 'appointment' ? (
                        <AppointmentCard
                          appointment={p.item.a}
                          index={index}
                          names={by === 'rooms' ? 'practitioner' : 'room'}
                          highlight={p.item.a.id === highlightId}
                          onOpen={onOpenAppointment}
                        />
                      ) : (
                        <BlockCard block={p.item.b} index={index} showPractitioner={false} onOpen={onOpenBlock} />
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
