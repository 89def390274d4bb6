import { addDays, instantToLocal, isLocalDate, localDateOf, weekdayOf, wallTimeToMinutes, type LocalDate } from '../../../../shared/time';

export type DeskView = 'day' | 'week';

/** What the desk lays side by side: a column (day) or group (week) per practitioner, or per room. */
export type DeskColumns = 'practitioners' | 'rooms';

/** The desk's choices, kept in the URL so a reload or a shared link shows the same thing. */
export interface DeskChoices {
  loc?: string;
  date?: string;
  view?: DeskView;
  cols?: DeskColumns;
}

/** Monday of the week of `date` (clinic weeks start on Monday). */
export function weekStart(date: LocalDate): LocalDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** The days the desk shows; the schedule API serves at most 7 days inclusive. */
export function rangeFor(view: DeskView, date: LocalDate): { from: LocalDate; to: LocalDate } {
  if (view === 'day') return { from: date, to: date };
  const from = weekStart(date);
  return { from, to: addDays(from, 6) };
}

export function datesIn(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** One step back or forward: a day in day view, a week in week view. */
export function shiftDate(view: DeskView, date: LocalDate, direction: -1 | 1): LocalDate {
  return addDays(date, direction * (view === 'day' ? 1 : 7));
}

export function todayIn(zone: string, now = Date.now()): LocalDate {
  return localDateOf(now, zone);
}

export function parseDateParam(s: string | null): LocalDate | null {
  return s && isLocalDate(s) ? s : null;
}

/** Where an instant falls on the clinic's clock: its local date and minutes since local midnight. */
export function zonedPlace(iso: string, zone: string): { date: LocalDate; minutes: number } {
  const { date, minutes } = instantToLocal(Date.parse(iso), zone);
  return { date, minutes };
}

export interface MinuteSpan {
  start: number;
  end: number;
}

/**
 * The part of [start, end) that falls on `date`, in local minutes (0..1440),
 * or null. Accepts instants with an offset, or wall-clock 'HH:MM' (same every day).
 */
export function spanOnDate(start: string, end: string, date: LocalDate, zone: string): MinuteSpan | null {
  if (/^\d{2}:\d{2}$/.test(start) && /^\d{2}:\d{2}$/.test(end)) {
    const s = wallTimeToMinutes(start);
    const e = wallTimeToMinutes(end);
    return e > s ? { start: s, end: e } : null;
  }
  const a = zonedPlace(start, zone);
  const b = zonedPlace(end, zone);
  if (a.date > date || b.date < date) return null;
  const s = a.date < date ? 0 : a.minutes;
  const e = b.date > date ? 24 * 60 : b.minutes;
  return e > s ? { start: s, end: e } : null;
}

/** The hours the day grid shows: at least 7:00 to 18:00, widened to whole hours around everything on it. */
export function dayWindow(spans: MinuteSpan[]): MinuteSpan {
  let start = 7 * 60;
  let end = 18 * 60;
  for (const s of spans) {
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  return { start: Math.floor(start / 60) * 60, end: Math.min(24 * 60, Math.ceil(end / 60) * 60) };
}

/** The union of spans as sorted, non-overlapping spans (touching ones joined). */
export function mergeSpans(spans: MinuteSpan[]): MinuteSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: MinuteSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

export interface Placed<T> {
  item: T;
  span: MinuteSpan;
  /** Side-by-side position among overlapping items (0-based) and how many share the row. */
  lane: number;
  lanes: number;
}

/**
 * Lays out items of one column: overlapping items (a cancelled visit under its
 * replacement, a block over a visit) sit side by side. Input in any order.
 */
export function placeInLanes<T>(items: { item: T; span: MinuteSpan }[]): Placed<T>[] {
  const sorted = [...items].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: Placed<T>[] = [];
  let cluster: Placed<T>[] = [];
  let clusterEnd = -1;
  let laneEnds: number[] = [];
  const closeCluster = () => {
    for (const p of cluster) p.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const x of sorted) {
    if (x.span.start >= clusterEnd) closeCluster();
    let lane = laneEnds.findIndex((end) => end <= x.span.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(x.span.end);
    } else laneEnds[lane] = x.span.end;
    const placed: Placed<T> = { item: x.item, span: x.span, lane, lanes: 1 };
    cluster.push(placed);
    out.push(placed);
    clusterEnd = Math.max(clusterEnd, x.span.end);
  }
  closeCluster();
  return out;
}
