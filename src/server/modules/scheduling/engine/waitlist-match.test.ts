import { describe, expect, it } from 'vitest';
import { fitsPreferences, pickOffers, slotKey, type Candidate, type OpenSlot } from './waitlist-match.js';

const ZONE = 'America/Chicago';
// Wednesday 2026-12-02 09:00 CST (15:00Z) and 14:00 CST (20:00Z); 30-minute visits.
const WED_9 = Date.UTC(2026, 11, 2, 15);
const WED_14 = Date.UTC(2026, 11, 2, 20);
const HALF_HOUR = 30 * 60_000;
const slot = (start: number, practitionerId = 'p1'): OpenSlot => ({ visitTypeId: 'vt', practitionerId, locationId: 'loc', start, end: start + HALF_HOUR, zone: ZONE });
const cand = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  entryId: id, visitTypeId: 'vt', locationId: 'loc', practitionerId: null, bookedStart: Date.UTC(2026, 11, 20),
  preferences: { weekdays: [3], parts: ['morning', 'afternoon'], windows: [] }, hasLiveOffer: false, offered: [], ...over,
});

describe('fitsPreferences', () => {
  it.each([
    ['a Wednesday morning, mornings on Wednesdays', { weekdays: [3], parts: ['morning'], windows: [] }, WED_9, true],
    ['a Wednesday afternoon, mornings only', { weekdays: [3], parts: ['morning'], windows: [] }, WED_14, false],
    ['a Wednesday, Tuesdays only', { weekdays: [2], parts: ['morning', 'afternoon'], windows: [] }, WED_9, false],
    ['inside a window 13:30-15:00', { weekdays: [3], parts: [], windows: [{ from: '13:30', to: '15:00' }] }, WED_14, true],
    ['ending after a window 13:30-14:15', { weekdays: [3], parts: [], windows: [{ from: '13:30', to: '14:15' }] }, WED_14, false],
    // 23:30 CST Tuesday is 05:30Z Wednesday: the weekday is the location's.
    ['late Tuesday local, Wednesday in UTC', { weekdays: [2], parts: ['afternoon'], windows: [] }, Date.UTC(2026, 11, 2, 5, 30), true],
  ] as const)('%s', (_label, prefs, start, expected) => {
    expect(fitsPreferences(prefs, { start, end: start + HALF_HOUR }, ZONE)).toBe(expected);
  });
});

describe('pickOffers', () => {
  it('offers a slot to the first few in waitlist order whose visit is later and whose preferences fit', () => {
    const picks = pickOffers({
      slots: [slot(WED_9)],
      candidates: [cand('early', { bookedStart: WED_9 }), cand('tuesdays', { preferences: { weekdays: [2], parts: ['morning'], windows: [] } }), cand('a'), cand('b'), cand('c'), cand('d')],
      perSlot: 3, liveBySlot: new Map(),
    });
    expect(picks.map((p) => p.entryId)).toEqual(['a', 'b', 'c']);
  });

  it('counts offers still out, skips who holds one or had this slot, keeps a staff-only visit with its practitioner', () => {
    const picks = pickOffers({
      slots: [slot(WED_9, 'p2')],
      candidates: [cand('busy', { hasLiveOffer: true }), cand('had', { offered: [slotKey({ practitionerId: 'p2', start: WED_9 })] }), cand('kept', { practitionerId: 'p1' }), cand('a'), cand('b')],
      perSlot: 3, liveBySlot: new Map([[slotKey({ practitionerId: 'p2', start: WED_9 }), 2]]),
    });
    expect(picks.map((p) => p.entryId)).toEqual(['a']);
  });

  it('gives each candidate one offer per run, earliest slot first, and nothing from empty input', () => {
    const picks = pickOffers({ slots: [slot(WED_14), slot(WED_9)], candidates: [cand('a')], perSlot: 3, liveBySlot: new Map() });
    expect(picks).toEqual([{ entryId: 'a', slot: slot(WED_9) }]);
    expect(pickOffers({ slots: [], candidates: [cand('a')], perSlot: 3, liveBySlot: new Map() })).toEqual([]);
  });
});
