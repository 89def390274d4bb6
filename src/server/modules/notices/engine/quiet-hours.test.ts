import { describe, expect, it } from 'vitest';
import { CLINIC_QUIET_HOURS, isInQuietHours, nextSendableAt } from './quiet-hours.js';

const Z = 'America/Chicago';
const at = (iso: string) => Date.parse(iso);

describe('quiet hours (21:00-08:00 in Austin)', () => {
  it.each([
    // [instant, local meaning, quiet?, next sendable]
    ['2026-11-30T12:00:00Z', 'Mon 06:00 CST', true, '2026-11-30T14:00:00Z'],
    ['2026-11-30T14:00:00Z', 'Mon 08:00 CST: the end is not quiet', false, '2026-11-30T14:00:00Z'],
    ['2026-11-30T20:00:00Z', 'Mon 14:00 CST', false, '2026-11-30T20:00:00Z'],
    ['2026-12-01T02:59:00Z', 'Mon 20:59 CST', false, '2026-12-01T02:59:00Z'],
    ['2026-12-01T03:00:00Z', 'Mon 21:00 CST: the start is quiet', true, '2026-12-01T14:00:00Z'],
    ['2026-12-01T05:30:00Z', 'Mon 23:30 CST: across midnight', true, '2026-12-01T14:00:00Z'],
    ['2026-03-08T07:30:00Z', 'Sun 01:30 CST on the spring-forward night', true, '2026-03-08T13:00:00Z'],
    ['2026-11-01T06:30:00Z', 'Sun 01:30 CDT on the fall-back night', true, '2026-11-01T14:00:00Z'],
  ])('%s (%s): quiet %s, sendable at %s', (instant, _meaning, quiet, next) => {
    expect(isInQuietHours(at(instant), CLINIC_QUIET_HOURS, Z)).toBe(quiet);
    expect(new Date(nextSendableAt(at(instant), CLINIC_QUIET_HOURS, Z)).toISOString()).toBe(new Date(next).toISOString());
  });

  it('quiet hours within one day (13:00-14:00) and none at all (start = end)', () => {
    const lunch = { start: '13:00', end: '14:00' };
    expect(nextSendableAt(at('2026-11-30T19:30:00Z'), lunch, Z)).toBe(at('2026-11-30T20:00:00Z'));
    expect(isInQuietHours(at('2026-11-30T18:59:00Z'), lunch, Z)).toBe(false);
    expect(isInQuietHours(at('2026-11-30T12:00:00Z'), { start: '00:00', end: '00:00' }, Z)).toBe(false);
  });
});
