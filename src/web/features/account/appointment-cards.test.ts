import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api/client';
import { calendarHref, cardState, isCutoffPassed } from './appointment-cards';

// Monday 2026-11-30, 06:00 in Austin (CST, UTC-6).
const NOW = Date.parse('2026-11-30T12:00:00Z');

describe('issue 11: a signed-in patient manages an appointment from its card, without the code', () => {
  it.each([
    ['booked, days ahead', { status: 'booked', start: '2026-12-02T15:00:00Z' }, 1440, 'changeable'],
    ['booked, inside the 24 h cutoff', { status: 'booked', start: '2026-12-01T09:00:00Z' }, 1440, 'call_to_change'],
    ['booked, exactly at the cutoff (still open, as the server counts)', { status: 'booked', start: '2026-12-01T12:00:00Z' }, 1440, 'changeable'],
    ['booked, a minute past the cutoff', { status: 'booked', start: '2026-12-01T11:59:00Z' }, 1440, 'call_to_change'],
    ['booked, no cutoff, later today', { status: 'booked', start: '2026-11-30T20:00:00Z' }, 0, 'changeable'],
    ['booked, already started', { status: 'booked', start: '2026-11-30T11:59:00Z' }, 0, 'closed'],
    ['cancelled', { status: 'cancelled', start: '2026-12-02T15:00:00Z' }, 0, 'closed'],
    ['checked in', { status: 'checked_in', start: '2026-12-02T15:00:00Z' }, 0, 'closed'],
  ] as const)('%s -> %s', (_name, a, cancelCutoffMin, state) => {
    expect(cardState(a, { cancelCutoffMin }, NOW)).toBe(state);
  });

  it('an unknown visit type leaves the decision to the server', () => {
    expect(cardState({ status: 'booked', start: '2026-11-30T13:00:00Z' }, undefined, NOW)).toBe('changeable');
  });

  it('hears the cutoff refusal from its reason, and links the calendar by patient and appointment', () => {
    expect(isCutoffPassed(new ApiError(409, { error: { code: 'CONFLICT', message: 'x', reason: 'change_cutoff_passed' } }))).toBe(true);
    expect(isCutoffPassed(new ApiError(409, { error: { code: 'CONFLICT', message: 'x', reason: 'slot_taken' } }))).toBe(false);
    expect(calendarHref('p-1', 'a-2')).toBe('/api/patients/p-1/appointments/a-2/calendar.ics');
  });
});
