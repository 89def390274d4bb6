import { describe, expect, it } from 'vitest';
import { deskLinkOf, isAffectedReason } from './affected';

const LOC = { id: '00000000-0000-4000-8000-000000000001', name: 'Round Rock' };

describe('affected visits link to the desk on their day (issue 11)', () => {
  it("takes the day in the location's zone, not UTC's", () => {
    // 03:30 UTC on the 11th is 21:30 (CST, UTC-6) on the 10th in Chicago.
    expect(deskLinkOf({ start: '2026-12-11T03:30:00.000Z', timeZone: 'America/Chicago', locationName: 'Round Rock' }, [LOC])).toBe(
      `/console?loc=${LOC.id}&date=2026-12-10`,
    );
  });

  it('without a known location, opens the desk on the day only', () => {
    expect(deskLinkOf({ start: '2026-07-01T15:00:00Z', timeZone: 'America/Chicago', locationName: 'Gone' }, [LOC])).toBe('/console?date=2026-07-01');
  });

  it('knows the reasons the contract names and no other', () => {
    expect(isAffectedReason('outside_hours')).toBe(true);
    expect(isAffectedReason('visit_type_not_performed')).toBe(true);
    expect(isAffectedReason('weather')).toBe(false);
  });
});
