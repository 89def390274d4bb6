import { addDays, instantToLocal, localToInstant, minutesToWallTime, wallTimeToMinutes, type WallTime } from '../../../../shared/time.js';

/**
 * Quiet hours: the part of each night when no text message goes out, as
 * wall-clock times in the location's zone ('21:00' to '08:00' crosses
 * midnight; start = end means never quiet). An SMS due inside them waits
 * until they end; email is not held (it does not wake anyone).
 */
export interface QuietHours {
  start: WallTime;
  end: WallTime;
}

/**
 * The default of the clinic's own setting (organization.sms_quiet_*, migration
 * 0022, which starts there), for a patient who chose none.
 */
export const CLINIC_QUIET_HOURS: QuietHours = { start: '21:00', end: '08:00' };

function isQuietMinute(minute: number, q: QuietHours): boolean {
  const s = wallTimeToMinutes(q.start);
  const e = wallTimeToMinutes(q.end);
  if (s === e) return false;
  return s < e ? minute >= s && minute < e : minute >= s || minute < e;
}

export function isInQuietHours(at: number, q: QuietHours, zone: string): boolean {
  return isQuietMinute(instantToLocal(at, zone).minutes, q);
}

/**
 * The first instant at or after `at` outside quiet hours: `at` itself when it
 * is not inside them, else the end of the quiet hours it falls in (the same
 * local day when it is before the end, the next day when after the start).
 */
export function nextSendableAt(at: number, q: QuietHours, zone: string): number {
  const local = instantToLocal(at, zone);
  if (!isQuietMinute(local.minutes, q)) return at;
  const endDay = local.minutes < wallTimeToMinutes(q.end) ? local.date : addDays(local.date, 1);
  // A spring-forward gap may swallow the end time: localToInstant lands after it, still outside the quiet hours.
  return localToInstant(endDay, minutesToWallTime(wallTimeToMinutes(q.end)), zone);
}
