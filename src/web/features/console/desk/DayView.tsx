import type { CSSProperties } from 'react';
import type { DeskAppointment } from '../../../../shared/contracts/staff';
import { capitalize, formatLocalDay, formatWallTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { minutesToWallTime, type LocalDate } from '../../../../shared/time';
import { AppointmentCard, BlockCard } from './AppointmentCard';
import { dayWindow, placeInLanes, spanOnDate, type MinuteSpan } from './desk-time';
import { isActive, nameWithCredentials, type DeskBlock, type ScheduleIndex } from './schedule-index';

/** Vertical scale of the day grid. */
const PX_PER_MIN = 2;

type Item = { kind: 'appointment'; a: DeskAppointment } | { kind: 'block'; b: DeskBlock };

interface Column {
  id: string;
  label: string;
  hours: MinuteSpan[];
  items: { item: Item; span: MinuteSpan }[];
}

function columnsFor(index: ScheduleIndex, date: LocalDate, showCancelled: boolean): Column[] {
  const { schedule, zone } = index;
  const cols: Column[] = schedule.practitioners.map((p) => ({
    id: p.id,
    label: nameWithCredentials(p),
    hours: p.hours.map((h) => spanOnDate(h.start, h.end, date, zone)).filter((s) => s !== null),
    items: [],
  }));
  const byId = new Map(cols.map((c) => [c.id, c]));
  for (const a of schedule.appointments) {
    if (!showCancelled && !isActive(a)) continue;
    const span = spanOnDate(a.start, a.end, date, zone);
    if (span) byId.get(a.practitionerId)?.items.push({ item: { kind: 'appointment', a }, span });
  }
  for (const b of schedule.blocks) {
    const span = spanOnDate(b.start, b.end, date, zone);
    if (span) byId.get(b.practitionerId)?.items.push({ item: { kind: 'block', b }, span });
  }
  // A column for everyone who works here that day or has something on it.
  return cols.filter((c) => c.hours.length > 0 || c.items.length > 0);
}

function place(span: MinuteSpan, frame: MinuteSpan): CSSProperties {
  return { top: (span.start - frame.start) * PX_PER_MIN, height: Math.max(18, (span.end - span.start) * PX_PER_MIN) };
}

/**
 * One day, a column per practitioner: working hours shaded, blocks hatched,
 * appointments as cards at their times. The grid scrolls inside its own box,
 * so the page never scrolls sideways; each column is a list in time order
 * for screen readers.
 */
export function DayView({
  index,
  date,
  showCancelled,
  highlightId,
  onOpenAppointment,
  onOpenBlock,
}: {
  index: ScheduleIndex;
  date: LocalDate;
  showCancelled: boolean;
  highlightId: string | null;
  onOpenAppointment: (id: string) => void;
  onOpenBlock: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const columns = columnsFor(index, date, showCancelled);
  if (columns.length === 0) {
    return (
      <div className="notice">
        <p>{t('console.desk.nobody')}</p>
      </div>
    );
  }
  const frame = dayWindow(columns.flatMap((c) => [...c.hours, ...c.items.map((i) => i.span)]));
  const hours: number[] = [];
  for (let m = frame.start; m < frame.end; m += 60) hours.push(m);
  const bodyHeight = (frame.end - frame.start) * PX_PER_MIN;
  const dayLabel = capitalize(formatLocalDay(date, lang));

  return (
    <div className="desk-scroll" role="region" aria-label={t('console.desk.dayRegion', { day: dayLabel })} tabIndex={0}>
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
              <span className="desk-col-name">{c.label}</span>
              <span className="desk-col-hours">
                {c.hours.length === 0
                  ? t('console.desk.notWorking')
                  : c.hours
                      .map((h) =>
                        t('locations.hoursRange', {
                          opens: formatWallTime(minutesToWallTime(h.start), lang),
                          closes: formatWallTime(minutesToWallTime(h.end), lang),
                        }),
                      )
                      .join(', ')}
              </span>
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
                        <AppointmentCard appointment={p.item.a} index={index} showPractitioner={false} highlight={p.item.a.id === highlightId} onOpen={onOpenAppointment} />
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
