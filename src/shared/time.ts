/**
 * Instants and wall-clock times. Inside Relief an instant is epoch milliseconds
 * (UTC); a wall-clock time is a local date 'YYYY-MM-DD' plus 'HH:MM' plus an IANA
 * zone. Conversions happen at the edges, through Intl, with no library.
 */
export type LocalDate = string; // 'YYYY-MM-DD'
export type WallTime = string; // 'HH:MM' (24h)

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-4]):([0-5]\d)$/;

export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

export function isWallTime(s: string): boolean {
  const m = TIME_RE.exec(s);
  return !!m && (m[1] !== '24' || m[2] === '00');
}

/** Minutes since local midnight for 'HH:MM' ('24:00' is 1440). */
export function wallTimeToMinutes(t: WallTime): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

export function minutesToWallTime(min: number): WallTime {
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

/** A local date as if it were UTC midnight: convenient, zone-free day arithmetic. */
function dateToUtcMs(d: LocalDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

function utcMsToDate(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return utcMsToDate(dateToUtcMs(d) + n * DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday, for a calendar date (no zone involved). */
export function weekdayOf(d: LocalDate): number {
  return new Date(dateToUtcMs(d)).getUTCDay();
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((dateToUtcMs(b) - dateToUtcMs(a)) / DAY_MS);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallParts(ms: number, zone: string): WallParts {
  const out: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(ms)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out as unknown as WallParts;
}

// Zones change offset only at instants on a 15-minute UTC grid (offsets are
// whole quarter hours and transitions fall on local quarter hours), so an
// offset is constant within each 15-minute bucket and can be remembered.
// Intl's formatToParts is slow enough to dominate a slot search otherwise.
const BUCKET_MS = 15 * MINUTE_MS;
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_MAX = 200_000;

/** The zone's offset from UTC at an instant, in minutes (Chicago in winter: -360). */
export function zoneOffsetMin(ms: number, zone: string): number {
  let byBucket = offsetCache.get(zone);
  if (!byBucket) offsetCache.set(zone, (byBucket = new Map()));
  const bucket = Math.floor(ms / BUCKET_MS);
  let off = byBucket.get(bucket);
  if (off === undefined) {
    const at = bucket * BUCKET_MS;
    const p = wallParts(at, zone);
    off = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at) / MINUTE_MS);
    if (byBucket.size >= OFFSET_CACHE_MAX) byBucket.clear();
    byBucket.set(bucket, off);
  }
  return off;
}

/**
 * The instant at which a zone's clocks read `date time`. A time that the clocks
 * skip (spring forward, 02:30 in Chicago) moves forward by the gap (03:30 CDT);
 * a time they show twice (fall back, 01:30) resolves to the first occurrence.
 */
export function localToInstant(date: LocalDate, time: WallTime, zone: string): number {
  const wallUtc = dateToUtcMs(date) + wallTimeToMinutes(time) * MINUTE_MS;
  const before = zoneOffsetMin(wallUtc - DAY_MS, zone);
  const after = zoneOffsetMin(wallUtc + DAY_MS, zone);
  const valid: number[] = [];
  for (const off of before === after ? [before] : [before, after]) {
    const t = wallUtc - off * MINUTE_MS;
    if (zoneOffsetMin(t, zone) === off) valid.push(t);
  }
  if (valid.length > 0) return Math.min(...valid);
  return wallUtc - before * MINUTE_MS;
}

/** The local calendar date and wall time of an instant in a zone. */
export function instantToLocal(ms: number, zone: string): { date: LocalDate; time: WallTime; minutes: number } {
  const local = ms + zoneOffsetMin(ms, zone) * MINUTE_MS;
  const date = utcMsToDate(local);
  const minutes = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
  return { date, time: minutesToWallTime(minutes), minutes };
}

/** ISO 8601 with the zone's offset at that instant: '2026-03-09T09:00:00-05:00'. */
export function toZonedIso(ms: number, zone: string): string {
  const off = zoneOffsetMin(ms, zone);
  const local = new Date(ms + off * MINUTE_MS).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The local date of an instant in a zone. */
export function localDateOf(ms: number, zone: string): LocalDate {
  return instantToLocal(ms, zone).date;
}
