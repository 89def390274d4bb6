import { describe, expect, it } from 'vitest';
import type { Slot } from '../../../../shared/contracts/booking';
import { availabilityWindow, groupByProviderAndPlace, groupSlotsByDay, slotDate } from './slots';

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const L1 = '00000000-0000-4000-8000-0000000000a1';
const slot = (start: string, practitionerId = P1, roomId = 'r1'): Slot => ({
  start,
  end: start,
  practitionerId,
  locationId: L1,
  roomId,
});

describe('availabilityWindow', () => {
  it('starts on the clinic date, not the UTC date', () => {
    // 2026-12-02T03:00Z is 21:00 on Dec 1 in Chicago.
    expect(availabilityWindow(Date.parse('2026-12-02T03:00:00Z'), 'America/Chicago')).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
  });
});

describe('groupSlotsByDay', () => {
  it('uses the local date carried by the offset, even late in the evening', () => {
    // 18:30 CST on Dec 1 is already Dec 2 in UTC.
    expect(slotDate(slot('2026-12-01T18:30:00-06:00'))).toBe('2026-12-01');
  });

  it('sorts days and times and keeps at most maxDays days', () => {
    const days = groupSlotsByDay(
      [slot('2026-12-03T09:00:00-06:00'), slot('2026-12-01T10:00:00-06:00'), slot('2026-12-01T09:00:00-06:00'), slot('2026-12-02T09:00:00-06:00')],
      2,
    );
    expect(days.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02']);
    expect(days[0]!.slots.map((s) => s.start)).toEqual(['2026-12-01T09:00:00-06:00', '2026-12-01T10:00:00-06:00']);
  });

  it('returns nothing for no slots', () => {
    expect(groupSlotsByDay([])).toEqual([]);
  });
});

describe('groupByProviderAndPlace', () => {
  it('groups by practitioner and offers a time once when two rooms are free', () => {
    const groups = groupByProviderAndPlace([
      slot('2026-12-01T10:00:00-06:00', P2),
      slot('2026-12-01T09:00:00-06:00', P1, 'r1'),
      slot('2026-12-01T09:00:00-06:00', P1, 'r2'),
    ]);
    expect(groups.map((g) => [g.practitionerId, g.slots.length])).toEqual([
      [P1, 1],
      [P2, 1],
    ]);
  });
});
