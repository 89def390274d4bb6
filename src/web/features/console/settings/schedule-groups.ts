import type { ScheduleEntry } from '../../../../shared/contracts/clinic-settings';
import { addDays, type LocalDate } from '../../../../shared/time';

/** A practitioner's weekly block with its place in the list the form sends (an issue `schedule[i]` finds its row). */
export interface IndexedEntry extends ScheduleEntry {
  index: number;
}

export interface ScheduleGroups {
  /** In effect today (whatever day each began). */
  current: IndexedEntry[];
  /** Schedules that begin after today, earliest first. */
  future: { from: LocalDate; entries: IndexedEntry[] }[];
  /** Ended before today: kept as they are, not edited. */
  past: IndexedEntry[];
}

export function isInEffectOn(e: ScheduleEntry, day: LocalDate): boolean {
  return (e.validFrom === null || e.validFrom <= day) && (e.validTo === null || e.validTo >= day);
}

/**
 * The schedule as the practitioner page shows it: the current one, any that
 * begins later, and those that ended. Each group keeps the list's order, so a
 * row being edited never moves under the reader's hand.
 */
export function scheduleGroups(schedule: readonly ScheduleEntry[], today: LocalDate): ScheduleGroups {
  const indexed = schedule.map((e, index) => ({ ...e, index }));
  const future = new Map<LocalDate, IndexedEntry[]>();
  for (const e of indexed) if (e.validFrom !== null && e.validFrom > today) future.set(e.validFrom, [...(future.get(e.validFrom) ?? []), e]);
  return {
    current: indexed.filter((e) => isInEffectOn(e, today)),
    future: [...future.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([from, entries]) => ({ from, entries })),
    past: indexed.filter((e) => e.validTo !== null && e.validTo < today),
  };
}

export type NewScheduleRefusal = 'before_today' | 'already_starts';

/**
 * "New schedule from a date" (issue 11): the blocks in effect on that day end
 * the day before (validTo), and a copy of each begins on it (keeping any end
 * it had), for the admin to change. Blocks that begin later stay as they are.
 */
export function startScheduleFrom(
  schedule: readonly ScheduleEntry[],
  from: LocalDate,
  today: LocalDate,
): { schedule: ScheduleEntry[] } | { refused: NewScheduleRefusal } {
  if (from < today) return { refused: 'before_today' };
  if (schedule.some((e) => e.validFrom === from)) return { refused: 'already_starts' };
  const dayBefore = addDays(from, -1);
  const closed: ScheduleEntry[] = [];
  const copies: ScheduleEntry[] = [];
  for (const e of schedule) {
    if (isInEffectOn(e, from)) {
      closed.push({ ...e, validTo: dayBefore });
      copies.push({ ...e, validFrom: from });
    } else closed.push({ ...e });
  }
  return { schedule: [...closed, ...copies] };
}
