import { describe, expect, it } from 'vitest';
import type { ScheduleEntry } from '../../../../shared/contracts/clinic-settings';
import { scheduleGroups, startScheduleFrom } from './schedule-groups';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const entry = (e: Partial<ScheduleEntry> & Pick<ScheduleEntry, 'weekday'>): ScheduleEntry => ({
  locationId: A,
  start: '08:00',
  end: '12:00',
  validFrom: null,
  validTo: null,
  ...e,
});

describe("a practitioner's schedule: current and from a date (issue 11)", () => {
  it('shows what is in effect today, what begins later by date, and what ended, each in the order of the list', () => {
    const schedule = [
      entry({ weekday: 3, locationId: B }),
      entry({ weekday: 1, validTo: '2026-03-31' }),
      entry({ weekday: 1, validFrom: '2026-04-01', start: '09:00' }),
      entry({ weekday: 0, validTo: '2026-02-28' }),
      entry({ weekday: 2, validFrom: '2026-06-01' }),
      entry({ weekday: 5, validFrom: '2026-03-02', validTo: '2026-03-20' }),
    ];
    const g = scheduleGroups(schedule, '2026-03-15');
    expect(g.current.map((e) => e.index)).toEqual([0, 1, 5]);
    expect(g.future.map((f) => [f.from, f.entries.map((e) => e.index)])).toEqual([
      ['2026-04-01', [2]],
      ['2026-06-01', [4]],
    ]);
    expect(g.past.map((e) => e.index)).toEqual([3]);
  });

  it('counts an entry that ends today as current and one that begins today as current', () => {
    const g = scheduleGroups([entry({ weekday: 1, validTo: '2026-03-15' }), entry({ weekday: 2, validFrom: '2026-03-15' })], '2026-03-15');
    expect(g.current.map((e) => e.index)).toEqual([0, 1]);
    expect(g.future).toEqual([]);
  });

  it('a new schedule closes the current entries the day before and copies them from the date', () => {
    const schedule = [entry({ weekday: 1 }), entry({ weekday: 2, validTo: '2026-12-31' }), entry({ weekday: 4, validTo: '2026-03-01' })];
    const out = startScheduleFrom(schedule, '2026-04-01', '2026-03-15');
    expect(out).toEqual({
      schedule: [
        entry({ weekday: 1, validTo: '2026-03-31' }),
        entry({ weekday: 2, validTo: '2026-03-31' }),
        entry({ weekday: 4, validTo: '2026-03-01' }),
        entry({ weekday: 1, validFrom: '2026-04-01' }),
        entry({ weekday: 2, validFrom: '2026-04-01', validTo: '2026-12-31' }),
      ],
    });
    expect(schedule[0]!.validTo).toBeNull(); // the input is not changed
  });

  it('leaves a later schedule as it is: the copies end where the current entries already ended', () => {
    const schedule = [entry({ weekday: 1, validTo: '2026-05-31' }), entry({ weekday: 1, validFrom: '2026-06-01', start: '10:00' })];
    const out = startScheduleFrom(schedule, '2026-04-01', '2026-03-15');
    expect(out).toEqual({
      schedule: [
        entry({ weekday: 1, validTo: '2026-03-31' }),
        entry({ weekday: 1, validFrom: '2026-06-01', start: '10:00' }),
        entry({ weekday: 1, validFrom: '2026-04-01', validTo: '2026-05-31' }),
      ],
    });
  });

  it('refuses a date in the past, and a date a schedule already begins on', () => {
    expect(startScheduleFrom([entry({ weekday: 1 })], '2026-03-14', '2026-03-15')).toEqual({ refused: 'before_today' });
    expect(startScheduleFrom([entry({ weekday: 1, validFrom: '2026-04-01' })], '2026-04-01', '2026-03-15')).toEqual({ refused: 'already_starts' });
  });

  it('from today, the current entries end yesterday', () => {
    const out = startScheduleFrom([entry({ weekday: 1 })], '2026-03-15', '2026-03-15');
    expect(out).toEqual({ schedule: [entry({ weekday: 1, validTo: '2026-03-14' }), entry({ weekday: 1, validFrom: '2026-03-15' })] });
  });
});
