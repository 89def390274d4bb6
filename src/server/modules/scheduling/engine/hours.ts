import { localToInstant, minutesToWallTime, weekdayOf, type LocalDate } from '../../../../shared/time.js';

/** A weekly wall-clock rule: a weekday's hours, in force between two local dates (inclusive; null is open-ended). */
export interface WeeklyHours {
  weekday: number;
  startMin: number;
  endMin: number;
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
}

/** Days a location is closed: `*|date` for the whole clinic, `<locationId>|date` for one location. */
export type ClosedDays = ReadonlySet<string>;

export function closedDays(holidays: readonly { locationId: string | null; date: LocalDate }[]): ClosedDays {
  return new Set(holidays.map((h) => `${h.locationId ?? '*'}|${h.date}`));
}

/**
 * The instants a rule keeps a location open on one local date, or null: the
 * rule is for another weekday, not in force that day, or the location is
 * closed (a holiday). The one reading of working hours: the slot search and
 * the desk's hours both ask it, so the desk never shows hours on a day the
 * booking engine keeps closed.
 */
export function openWindow(rule: WeeklyHours, date: LocalDate, zone: string, locationId: string, closed: ClosedDays): { start: number; end: number } | null {
  if (weekdayOf(date) !== rule.weekday) return null;
  if (rule.validFrom && date < rule.validFrom) return null;
  if (rule.validTo && date > rule.validTo) return null;
  if (closed.has(`*|${date}`) || closed.has(`${locationId}|${date}`)) return null;
  return { start: localToInstant(date, minutesToWallTime(rule.startMin), zone), end: localToInstant(date, minutesToWallTime(rule.endMin), zone) };
}
