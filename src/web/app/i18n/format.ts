import type { Lang } from './catalog';
import { localeOf } from './catalog';

/**
 * Dates and times for patients, always in the clinic's zone (never the
 * browser's): a patient in another zone still sees the time on the clinic clock.
 */
const cache = new Map<string, Intl.DateTimeFormat>();
/** A formatter per language and options, made once. */
export function getDateTimeFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(lang), options);
    cache.set(key, f);
  }
  return f;
}

/** 'YYYY-MM-DD' as a zone-free instant (noon UTC), for naming a calendar day. */
export function localDateToUtcNoon(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 12);
}

/** 'Tuesday, December 1' / 'martes, 1 de diciembre' */
export function formatLocalDay(date: string, lang: Lang): string {
  return getDateTimeFormat(lang, { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(localDateToUtcNoon(date));
}

/** Parts of a calendar day for compact day buttons. */
export function localDayParts(date: string, lang: Lang): { weekday: string; day: string; month: string } {
  const ms = localDateToUtcNoon(date);
  return {
    weekday: getDateTimeFormat(lang, { timeZone: 'UTC', weekday: 'short' }).format(ms),
    day: getDateTimeFormat(lang, { timeZone: 'UTC', day: 'numeric' }).format(ms),
    month: getDateTimeFormat(lang, { timeZone: 'UTC', month: 'short' }).format(ms),
  };
}

/** '9:00 AM' / '9:00 a.m.' in the zone. */
export function formatTime(iso: string, zone: string, lang: Lang): string {
  return getDateTimeFormat(lang, { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** 'Dec 1, 2026' in the zone. */
export function formatDate(iso: string, zone: string, lang: Lang): string {
  return getDateTimeFormat(lang, { timeZone: zone, dateStyle: 'medium' }).format(new Date(iso));
}

/** 'Tuesday, December 1, 2026 at 9:00 AM' in the zone. */
export function formatDateTime(iso: string, zone: string, lang: Lang): string {
  return getDateTimeFormat(lang, { timeZone: zone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

/** 'Tuesday, December 1, 9:00 AM' (no year) for short notices. */
export function formatDayTime(iso: string, zone: string, lang: Lang): string {
  return getDateTimeFormat(lang, { timeZone: zone, weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/** 'Central Time' / 'hora central' */
export function formatZoneName(zone: string, lang: Lang): string {
  const parts = getDateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(Date.now());
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** A wall-clock 'HH:MM' as '8:00 AM' / '8:00 a.m.' */
export function formatWallTime(hhmm: string, lang: Lang): string {
  const ms = Date.UTC(2000, 0, 1, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)));
  return getDateTimeFormat(lang, { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).format(ms);
}

/** 0 = Sunday ... 6 = Saturday as 'Monday' / 'lunes'. */
export function formatWeekday(weekday: number, lang: Lang): string {
  // 2023-01-01 was a Sunday.
  return getDateTimeFormat(lang, { timeZone: 'UTC', weekday: 'long' }).format(Date.UTC(2023, 0, 1 + weekday, 12));
}

/** Spanish weekday and month names are lower case; a label that starts a line is capitalised. */
export function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}
