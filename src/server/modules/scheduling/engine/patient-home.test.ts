import { describe, expect, it } from 'vitest';
import { buildPatientHome, type HomeRequestFacts, type HomeVisitFacts } from './patient-home.js';

const at = (iso: string): number => Date.parse(iso);
const CHICAGO = 'America/Chicago';
// now: Mon 2026-11-30 06:00 CST = 12:00Z
const now = at('2026-11-30T12:00:00Z');
const visit = (id: string, startIso: string, over: Partial<HomeVisitFacts> = {}): HomeVisitFacts => ({
  id, status: 'booked', start: at(startIso), end: at(startIso) + 30 * 60_000, timeZone: CHICAGO, hasInstructions: true, ...over,
});
const request = (id: string, over: Partial<HomeRequestFacts> = {}): HomeRequestFacts => ({
  id, visitTypeId: 'vt', status: 'open', createdAt: at('2026-11-20T12:00:00Z'), decidedAt: null, declineReason: null, ...over,
});
const kinds = (r: ReturnType<typeof buildPatientHome>) => r.todo.map((t) => `${t.kind}:${'visit' in t ? t.visit.id : t.request.id}`);

describe('the portal home (issue 12)', () => {
  it('an empty record: nothing to show', () => {
    expect(buildPatientHome({ visits: [], requests: [], now })).toEqual({ nextVisits: [], todo: [] });
  });

  it('lists the next three visits still to come, soonest first, and none cancelled or over', () => {
    const r = buildPatientHome({
      now,
      requests: [],
      visits: [
        visit('late', '2027-01-20T15:00:00Z'),
        visit('cancelled', '2026-12-02T15:00:00Z', { status: 'cancelled' }),
        visit('over', '2026-11-30T11:00:00Z'), // ended 11:30Z, before now
        visit('soon', '2026-12-01T15:00:00Z'),
        visit('done', '2026-11-01T15:00:00Z', { status: 'completed' }),
        visit('later', '2026-12-15T15:00:00Z'),
        visit('fourth', '2027-02-01T15:00:00Z'),
      ],
    });
    expect(r.nextVisits.map((v) => v.id)).toEqual(['soon', 'later', 'late']);
  });

  it("today's visit is 'today' in the location's zone, not in UTC", () => {
    // Sun 2026-11-29 23:30 CST = Mon 05:30Z: before now and over; Mon 2026-11-30 23:00 CST = Tue 05:00Z: today in Chicago, tomorrow in UTC.
    const r = buildPatientHome({ now, requests: [], visits: [visit('tonight', '2026-12-01T05:00:00Z')] });
    expect(kinds(r)).toEqual(['visit_today:tonight']);
  });

  it('a visit under way (checked in) is still today', () => {
    const r = buildPatientHome({ now, requests: [], visits: [visit('now', '2026-11-30T11:50:00Z', { status: 'checked_in' })] });
    expect(kinds(r)).toEqual(['visit_today:now']);
  });

  it('asks to prepare for visits with instructions within seven days, not later ones or ones without instructions', () => {
    const r = buildPatientHome({
      now,
      requests: [],
      visits: [
        visit('in7days', '2026-12-07T12:00:00Z'), // exactly 7 days: still asked
        visit('in8days', '2026-12-08T15:00:00Z'),
        visit('bare', '2026-12-02T15:00:00Z', { hasInstructions: false }),
        visit('tomorrow', '2026-12-01T15:00:00Z'),
      ],
    });
    expect(kinds(r)).toEqual(['visit_prepare:tomorrow', 'visit_prepare:in7days']);
  });

  it('lists open requests oldest first, then those declined in the last fourteen days; booked ones are visits now', () => {
    const r = buildPatientHome({
      now,
      visits: [visit('today', '2026-11-30T20:00:00Z')],
      requests: [
        request('newer', { createdAt: at('2026-11-29T12:00:00Z') }),
        request('older'),
        request('declined', { status: 'declined', decidedAt: at('2026-11-25T12:00:00Z'), declineReason: 'Please see your doctor first' }),
        request('declinedLongAgo', { status: 'declined', decidedAt: at('2026-11-01T12:00:00Z'), declineReason: 'x' }),
        request('booked', { status: 'booked', decidedAt: at('2026-11-25T12:00:00Z') }),
      ],
    });
    expect(kinds(r)).toEqual(['visit_today:today', 'request_pending:older', 'request_pending:newer', 'request_declined:declined']);
  });

  it('does not change its input', () => {
    const visits = Object.freeze([visit('b', '2026-12-05T15:00:00Z'), visit('a', '2026-12-01T15:00:00Z')]);
    const requests = Object.freeze([request('y', { createdAt: 2 }), request('x', { createdAt: 1 })]);
    buildPatientHome({ now, visits, requests });
    expect(visits.map((v) => v.id)).toEqual(['b', 'a']);
    expect(requests.map((v) => v.id)).toEqual(['y', 'x']);
  });
});
