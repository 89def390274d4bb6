import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  instantToLocal,
  isLocalDate,
  isValidZone,
  isWallTime,
  localDateOf,
  localToInstant,
  minutesToWallTime,
  toZonedIso,
  wallTimeToMinutes,
  weekdayOf,
  zoneOffsetMin,
} from './time.js';

// Expected instants are written by hand in UTC; the comment gives their local meaning.
// Chicago: CST = UTC-6, CDT = UTC-5. DST 2026 starts Sun 2026-03-08 02:00 CST (08:00Z)
// and ends Sun 2026-11-01 02:00 CDT (07:00Z).
const CHI = 'America/Chicago';
const DEN = 'America/Denver';
const AKL = 'Pacific/Auckland';
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('localToInstant', () => {
  it.each([
    // [date, time, zone, expected UTC, local meaning]
    ['2026-01-15', '09:00', CHI, '2026-01-15T15:00:00.000Z', 'winter, CST'],
    ['2026-07-15', '09:00', CHI, '2026-07-15T14:00:00.000Z', 'summer, CDT'],
    ['2026-03-08', '01:59', CHI, '2026-03-08T07:59:00.000Z', 'last minute of CST before the gap'],
    ['2026-03-08', '02:00', CHI, '2026-03-08T08:00:00.000Z', 'gap start -> 03:00 CDT'],
    ['2026-03-08', '02:30', CHI, '2026-03-08T08:30:00.000Z', 'does not exist -> 03:30 CDT'],
    ['2026-03-08', '03:00', CHI, '2026-03-08T08:00:00.000Z', 'first real CDT wall time'],
    ['2026-03-08', '08:00', CHI, '2026-03-08T13:00:00.000Z', 'DST day morning, CDT'],
    ['2026-11-01', '00:59', CHI, '2026-11-01T05:59:00.000Z', 'before the repeated hour, CDT'],
    ['2026-11-01', '01:00', CHI, '2026-11-01T06:00:00.000Z', 'ambiguous -> first (CDT)'],
    ['2026-11-01', '01:30', CHI, '2026-11-01T06:30:00.000Z', 'ambiguous -> first (CDT)'],
    ['2026-11-01', '02:00', CHI, '2026-11-01T08:00:00.000Z', 'after the repeat, CST'],
    ['2026-11-01', '08:00', CHI, '2026-11-01T14:00:00.000Z', 'fall-back day morning, CST'],
    ['2026-06-15', '00:00', CHI, '2026-06-15T05:00:00.000Z', 'midnight starting the day'],
    ['2026-06-15', '24:00', CHI, '2026-06-16T05:00:00.000Z', 'midnight ending the day'],
    ['2026-12-31', '24:00', CHI, '2027-01-01T06:00:00.000Z', '24:00 across a year end'],
    ['2026-03-07', '24:00', CHI, '2026-03-08T06:00:00.000Z', '24:00 on the eve of spring-forward (CST)'],
    ['2026-10-31', '24:00', CHI, '2026-11-01T05:00:00.000Z', '24:00 on the eve of fall-back (CDT)'],
    ['2028-02-29', '12:00', CHI, '2028-02-29T18:00:00.000Z', 'leap day noon, CST'],
    ['2026-03-08', '02:30', DEN, '2026-03-08T09:30:00.000Z', 'Denver gap -> 03:30 MDT'],
    ['2026-11-01', '01:30', DEN, '2026-11-01T07:30:00.000Z', 'Denver ambiguous -> first (MDT)'],
    ['2026-01-15', '09:00', DEN, '2026-01-15T16:00:00.000Z', 'Denver winter, MST'],
    ['2026-06-15', '08:00', AKL, '2026-06-14T20:00:00.000Z', 'Auckland winter NZST +12: previous UTC day'],
    ['2026-01-15', '08:00', AKL, '2026-01-14T19:00:00.000Z', 'Auckland summer NZDT +13'],
    ['2026-09-27', '02:30', AKL, '2026-09-26T14:30:00.000Z', 'Auckland gap -> 03:30 NZDT'],
    ['2026-04-05', '02:30', AKL, '2026-04-04T13:30:00.000Z', 'Auckland ambiguous -> first (NZDT)'],
    ['2026-06-15', '09:00', 'UTC', '2026-06-15T09:00:00.000Z', 'UTC is identity'],
  ])('%s %s %s -> %s (%s)', (date, time, zone, expected) => {
    expect(iso(localToInstant(date, time, zone))).toBe(expected);
  });
});

describe('instantToLocal', () => {
  it.each([
    // [instant, zone, date, time, minutes]
    ['2026-03-08T07:59:00Z', CHI, '2026-03-08', '01:59', 119], // last CST minute
    ['2026-03-08T08:00:00Z', CHI, '2026-03-08', '03:00', 180], // clocks jump to CDT
    ['2026-11-01T06:30:00Z', CHI, '2026-11-01', '01:30', 90], // first 01:30 (CDT)
    ['2026-11-01T07:30:00Z', CHI, '2026-11-01', '01:30', 90], // second 01:30 (CST)
    ['2026-06-16T04:59:00Z', CHI, '2026-06-15', '23:59', 1439], // late evening belongs to the 15th
    ['2026-06-16T05:00:00Z', CHI, '2026-06-16', '00:00', 0], // midnight is 00:00, never 24:00
    ['2026-06-14T20:00:00Z', AKL, '2026-06-15', '08:00', 480], // Auckland is already on the 15th
    ['2026-01-15T16:00:00Z', DEN, '2026-01-15', '09:00', 540], // MST
  ])('%s in %s -> %s %s', (instant, zone, date, time, minutes) => {
    expect(instantToLocal(at(instant), zone)).toEqual({ date, time, minutes });
  });

  it('localDateOf gives the zone-local date', () => {
    // 2026-06-16T04:59Z is 23:59 CDT on the 15th but already 16:59 NZST on the 16th
    expect(localDateOf(at('2026-06-16T04:59:00Z'), CHI)).toBe('2026-06-15');
    expect(localDateOf(at('2026-06-16T04:59:00Z'), AKL)).toBe('2026-06-16');
  });
});

describe('zoneOffsetMin', () => {
  it.each([
    ['2026-01-15T12:00:00Z', CHI, -360], // CST
    ['2026-07-15T12:00:00Z', CHI, -300], // CDT
    ['2026-03-08T07:59:59Z', CHI, -360], // 01:59:59 CST, one second before the gap
    ['2026-03-08T08:00:00Z', CHI, -300], // 03:00 CDT
    ['2026-11-01T06:59:59Z', CHI, -300], // 01:59:59 CDT
    ['2026-11-01T07:00:00Z', CHI, -360], // 01:00 CST (second time round)
    ['2026-07-15T12:00:00Z', DEN, -360], // MDT
    ['2026-06-15T00:00:00Z', AKL, 720], // NZST
    ['2026-01-15T00:00:00Z', AKL, 780], // NZDT
    ['2026-07-01T00:00:00Z', 'Asia/Kathmandu', 345], // +05:45, a non-hour offset
  ])('%s in %s -> %i', (instant, zone, expected) => {
    expect(zoneOffsetMin(at(instant), zone)).toBe(expected);
  });
});

describe('toZonedIso', () => {
  it.each([
    ['2026-01-15T15:00:00Z', CHI, '2026-01-15T09:00:00-06:00'], // winter
    ['2026-07-15T14:00:00Z', CHI, '2026-07-15T09:00:00-05:00'], // summer
    ['2026-03-09T14:00:00Z', CHI, '2026-03-09T09:00:00-05:00'], // day after spring-forward
    ['2026-11-01T06:30:00Z', CHI, '2026-11-01T01:30:00-05:00'], // first 01:30
    ['2026-11-01T07:30:00Z', CHI, '2026-11-01T01:30:00-06:00'], // second 01:30
    ['2026-06-16T05:00:00Z', CHI, '2026-06-16T00:00:00-05:00'], // midnight
    ['2026-01-15T16:00:00Z', DEN, '2026-01-15T09:00:00-07:00'], // MST
    ['2026-07-15T15:00:00Z', DEN, '2026-07-15T09:00:00-06:00'], // MDT
    ['2026-06-14T20:00:00Z', AKL, '2026-06-15T08:00:00+12:00'], // NZST
    ['2026-01-14T19:00:00Z', AKL, '2026-01-15T08:00:00+13:00'], // NZDT
    ['2026-07-01T00:00:00Z', 'Asia/Kathmandu', '2026-07-01T05:45:00+05:45'],
    ['2026-07-01T00:00:00Z', 'UTC', '2026-07-01T00:00:00+00:00'],
  ])('%s in %s -> %s', (instant, zone, expected) => {
    expect(toZonedIso(at(instant), zone)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-06-15', 0, '2026-06-15'],
    ['2026-01-31', 1, '2026-02-01'], // month end
    ['2026-02-28', 1, '2026-03-01'], // non-leap February
    ['2028-02-28', 1, '2028-02-29'], // leap February
    ['2028-02-29', 1, '2028-03-01'],
    ['2026-12-31', 1, '2027-01-01'], // year end
    ['2027-01-01', -1, '2026-12-31'], // backwards over a year end
    ['2026-03-01', -1, '2026-02-28'], // backwards over a month end
    ['2026-03-07', 1, '2026-03-08'], // DST does not matter to calendar dates
    ['2026-10-31', 2, '2026-11-02'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 366, '2029-01-01'],
  ])('%s + %i -> %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });
});

describe('weekdayOf', () => {
  it.each([
    ['2026-03-08', 0], // Sunday (spring-forward)
    ['2026-11-01', 0], // Sunday (fall-back)
    ['2026-06-15', 1], // Monday
    ['2026-01-01', 4], // Thursday
    ['2026-03-07', 6], // Saturday
    ['2028-02-29', 2], // Tuesday (leap day)
    ['2000-01-01', 6], // Saturday
  ])('%s -> %i', (date, expected) => {
    expect(weekdayOf(date)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-06-15', '2026-06-15', 0],
    ['2026-03-01', '2026-03-31', 30],
    ['2026-03-07', '2026-03-09', 2], // across spring-forward (a 23-hour day)
    ['2026-10-31', '2026-11-02', 2], // across fall-back (a 25-hour day)
    ['2026-12-31', '2027-01-01', 1],
    ['2026-06-20', '2026-06-15', -5],
    ['2028-01-01', '2029-01-01', 366],
  ])('%s -> %s = %i', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });
});

describe('isLocalDate', () => {
  it.each([
    ['2028-02-29', true], // leap year
    ['2026-02-29', false], // not a leap year
    ['2000-02-29', true], // divisible by 400
    ['1900-02-29', false], // divisible by 100, not 400
    ['2026-12-31', true],
    ['2026-04-31', false], // April has 30 days
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-1', false],
    ['20260101', false],
    ['2026-01-01T00:00', false],
    ['', false],
  ])('%j -> %s', (s, expected) => {
    expect(isLocalDate(s)).toBe(expected);
  });
});

describe('isWallTime', () => {
  it.each([
    ['00:00', true],
    ['08:30', true],
    ['23:59', true],
    ['24:00', true], // end of day
    ['24:01', false],
    ['25:00', false],
    ['12:60', false],
    ['9:00', false],
    ['09:00:00', false],
    ['', false],
  ])('%j -> %s', (s, expected) => {
    expect(isWallTime(s)).toBe(expected);
  });
});

describe('wall-time minutes', () => {
  it.each([
    ['00:00', 0],
    ['08:30', 510],
    ['23:59', 1439],
    ['24:00', 1440],
  ])('%s <-> %i', (time, minutes) => {
    expect(wallTimeToMinutes(time)).toBe(minutes);
    expect(minutesToWallTime(minutes)).toBe(time);
  });
});

describe('isValidZone', () => {
  it.each([
    [CHI, true],
    [AKL, true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
  ])('%s -> %s', (zone, expected) => {
    expect(isValidZone(zone)).toBe(expected);
  });
});
