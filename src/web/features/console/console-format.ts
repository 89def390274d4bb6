import type { Lang } from '../../app/i18n/catalog';
import { getDateTimeFormat, localDateToUtcNoon } from '../../app/i18n/format';

/** A calendar date with its year, zone-free: 'March 14, 1968' / '14 de marzo de 1968'. */
export function formatCalendarDate(date: string, lang: Lang): string {
  return getDateTimeFormat(lang, { timeZone: 'UTC', dateStyle: 'long' }).format(localDateToUtcNoon(date));
}

/** Whole years from a birth date to a local date. */
export function ageOn(dateOfBirth: string, today: string): number {
  let age = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (today.slice(5) < dateOfBirth.slice(5)) age -= 1;
  return age;
}

/** An instant on the staff member's screen (sessions, audit), in the clinic's zone: 'Dec 1, 2026, 9:05 AM'. */
export function formatInstant(iso: string, zone: string, lang: Lang): string {
  return getDateTimeFormat(lang, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The same, with seconds, for the audit trail. */
export function formatInstantPrecise(iso: string, zone: string, lang: Lang): string {
  return getDateTimeFormat(lang, { timeZone: zone, dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/** A day heading in the week view: 'Mon, Nov 23' / 'lun, 23 nov'. */
export function formatShortDay(date: string, lang: Lang): string {
  return getDateTimeFormat(lang, { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(localDateToUtcNoon(date));
}
