import { describe, expect, it } from 'vitest';
import { changeableUntil, isBookableByAnyone, isEstablishedPatient, isPastChangeCutoff, mayChangePractitionerOnline, portalOffer, type OnlinePolicy } from './online-policy.js';

const at = (iso: string): number => Date.parse(iso);
const POLICIES: OnlinePolicy[] = ['anyone', 'established', 'request_only', 'staff_only'];

describe('online policy (issue 11)', () => {
  it('the public page books only what anyone may book', () => {
    expect(POLICIES.filter(isBookableByAnyone)).toEqual(['anyone']);
  });

  it('only a staff-only visit type keeps its practitioner online', () => {
    expect(POLICIES.filter((p) => !mayChangePractitionerOnline(p))).toEqual(['staff_only']);
  });

  it.each([
    // [now, start, cutoffMin, refused]; start Tue 2026-12-01 09:00 CST = 15:00Z
    ['2026-11-30T14:59:00Z', '2026-12-01T15:00:00Z', 1440, false], // 24h01m before
    ['2026-11-30T15:00:00Z', '2026-12-01T15:00:00Z', 1440, false], // exactly at the cutoff: still allowed
    ['2026-11-30T15:00:01Z', '2026-12-01T15:00:00Z', 1440, true], // one second inside it
    ['2026-12-01T14:59:00Z', '2026-12-01T15:00:00Z', 0, false], // no cutoff: until the start
    ['2026-12-01T15:00:00Z', '2026-12-01T15:00:00Z', 0, false],
    ['2026-11-28T15:00:00Z', '2026-12-01T15:00:00Z', 43_200, true], // a 30-day cutoff
  ])('now %s, start %s, cutoff %i min: refused %s', (now, start, cancelCutoffMin, refused) => {
    expect(isPastChangeCutoff({ now: at(now), start: at(start), cancelCutoffMin })).toBe(refused);
  });

  it('the cutoff is counted in real minutes across a daylight-saving change', () => {
    // Sun 2027-03-14 09:00 CDT = 14:00Z, hours after the clocks sprang forward: 24 real hours before is
    // Sat 08:00 CST = 14:00Z, not the wall-clock 'same time the day before' (Sat 09:00 CST = 15:00Z).
    expect(changeableUntil(at('2027-03-14T14:00:00Z'), 1440)).toBe(at('2027-03-13T14:00:00Z'));
  });
});

describe('the portal offer (issue 12)', () => {
  it.each([
    ['anyone', false, 'book'],
    ['anyone', true, 'book'],
    ['established', false, null], // a new patient: the clinic sees them first
    ['established', true, 'book'],
    ['request_only', false, 'request'],
    ['request_only', true, 'request'],
    ['staff_only', false, null],
    ['staff_only', true, null],
  ] as const)('%s, established %s: %s', (policy, established, offer) => {
    expect(portalOffer(policy, established)).toBe(offer);
  });

  // now Mon 2026-11-30 06:00 CST = 12:00Z
  const now = at('2026-11-30T12:00:00Z');
  it.each([
    ['no visits at all', [], false],
    ['a completed visit', [{ status: 'completed', end: at('2026-10-01T16:00:00Z') }], true],
    ['checked in right now', [{ status: 'checked_in', end: at('2026-11-30T13:00:00Z') }], true],
    ['a booked visit that ended (not yet closed by the desk)', [{ status: 'booked', end: at('2026-11-30T11:00:00Z') }], true],
    ['a booked visit ending exactly now', [{ status: 'booked', end: now }], true],
    ['only a visit still to come', [{ status: 'booked', end: at('2026-12-01T16:00:00Z') }], false],
    ['a cancelled past visit', [{ status: 'cancelled', end: at('2026-10-01T16:00:00Z') }], false],
    ['a no-show', [{ status: 'no_show', end: at('2026-10-01T16:00:00Z') }], false],
  ])('%s: established %s', (_label, visits, established) => {
    expect(isEstablishedPatient(visits, now)).toBe(established);
  });
});
