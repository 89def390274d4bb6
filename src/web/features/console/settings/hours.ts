import type { WeeklyHours } from '../../../../shared/contracts/clinic-settings';

/** The week as a clinic reads it: Monday first, Sunday last (0 = Sunday ... 6 = Saturday). */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
const WEEKDAYS = [1, 2, 3, 4, 5];

/** One opening range with its place in the list the form sends (so an issue `hours[i]` finds its row). */
export interface IndexedHours extends WeeklyHours {
  index: number;
}

/** The ranges of each day, Monday first, each day's in order of opening. */
export function hoursByWeekday(hours: readonly WeeklyHours[]): { weekday: number; ranges: IndexedHours[] }[] {
  return WEEK_ORDER.map((weekday) => ({
    weekday,
    ranges: hours
      .map((h, index) => ({ ...h, index }))
      .filter((h) => h.weekday === weekday)
      .sort((a, b) => a.opens.localeCompare(b.opens) || a.index - b.index),
  }));
}

/** Monday's ranges copied to Tuesday through Friday (their own ranges replaced); Saturday and Sunday kept. */
export function copyMondayToWeekdays(hours: readonly WeeklyHours[]): WeeklyHours[] {
  const monday = hours.filter((h) => h.weekday === 1);
  const kept = hours.filter((h) => !WEEKDAYS.includes(h.weekday) || h.weekday === 1);
  const copies = [2, 3, 4, 5].flatMap((weekday) => monday.map((h) => ({ ...h, weekday })));
  return [...kept, ...copies];
}

/** A new range for a day: after its last one, or the usual clinic day. */
export function nextRange(hours: readonly WeeklyHours[], weekday: number): WeeklyHours {
  const last = hours.filter((h) => h.weekday === weekday).sort((a, b) => a.closes.localeCompare(b.closes)).at(-1);
  if (!last || last.closes >= '23:00') return { weekday, opens: '08:00', closes: '17:00' };
  const opens = last.closes;
  const closesHour = Math.min(24, Number(opens.slice(0, 2)) + 4);
  return { weekday, opens, closes: `${String(closesHour).padStart(2, '0')}:${closesHour === 24 ? '00' : opens.slice(3)}` };
}
