import { localeOf, type Lang } from '../../app/i18n/catalog';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = lang + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(lang), options);
    cache.set(key, f);
  }
  return f;
}

/** A calendar date with its year, zone-free: 'March 14, 1968' / '14 de marzo de 1968'. */
export function formatCalendarDate(date: string, lang: Lang): string {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 12);
  return fmt(lang, { timeZone: 'UTC', dateStyle: 'long' }).format(ms);
}

/** Whole years from a birth date to a local date. */
export function ageOn(dateOfBirth: string, today: string): number {
  let age = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (today.slice(5) < dateOfBirth.slice(5)) age -= 1;
  return age;
}

/** An instant on the staff member's screen (sessions, audit), in the clinic's zone: 'Dec 1, 2026, 9:05 AM'. */
export function formatInstant(iso: string, zone: string, lang: Lang): string {
  return fmt(lang, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The same, with seconds, for the audit trail. */
export function formatInstantPrecise(iso: string, zone: string, lang: Lang): string {
  return fmt(lang, { timeZone: zone, dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/** A day heading in the week view: 'Mon, Nov 23' / 'lun, 23 nov'. */
export function formatShortDay(date: string, lang: Lang): string {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 12);
  return fmt(lang, { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(ms);
}
