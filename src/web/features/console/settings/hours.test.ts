import { describe, expect, it } from 'vitest';
import { copyMondayToWeekdays, hoursByWeekday, nextRange } from './hours';

describe('the weekly opening hours editor (issue 11)', () => {
  it('groups ranges by day, Monday first, keeping each range’s index in the list sent', () => {
    const hours = [
      { weekday: 0, opens: '09:00', closes: '12:00' },
      { weekday: 1, opens: '13:00', closes: '17:00' },
      { weekday: 1, opens: '08:00', closes: '12:00' },
    ];
    const days = hoursByWeekday(hours);
    expect(days.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(days[0]!.ranges.map((r) => [r.opens, r.index])).toEqual([['08:00', 2], ['13:00', 1]]);
    expect(days[6]!.ranges.map((r) => r.index)).toEqual([0]);
    expect(days[1]!.ranges).toEqual([]);
  });

  it('copies Monday to Tuesday-Friday, replacing their ranges and keeping the weekend', () => {
    const hours = [
      { weekday: 1, opens: '08:00', closes: '12:00' },
      { weekday: 1, opens: '13:00', closes: '17:00' },
      { weekday: 3, opens: '10:00', closes: '11:00' },
      { weekday: 6, opens: '09:00', closes: '12:00' },
    ];
    const out = copyMondayToWeekdays(hours);
    for (const wd of [1, 2, 3, 4, 5]) {
      expect(out.filter((h) => h.weekday === wd).map((h) => `${h.opens}-${h.closes}`)).toEqual(['08:00-12:00', '13:00-17:00']);
    }
    expect(out.filter((h) => h.weekday === 6)).toEqual([{ weekday: 6, opens: '09:00', closes: '12:00' }]);
    expect(out.some((h) => h.weekday === 3 && h.opens === '10:00')).toBe(false);
    expect(hours).toHaveLength(4); // the input is not changed
  });

  it('with no Monday hours, copying closes Tuesday-Friday', () => {
    expect(copyMondayToWeekdays([{ weekday: 2, opens: '08:00', closes: '12:00' }])).toEqual([]);
  });

  it('offers a new range after the day’s last one', () => {
    expect(nextRange([], 1)).toEqual({ weekday: 1, opens: '08:00', closes: '17:00' });
    expect(nextRange([{ weekday: 1, opens: '08:00', closes: '12:00' }], 1)).toEqual({ weekday: 1, opens: '12:00', closes: '16:00' });
    expect(nextRange([{ weekday: 1, opens: '08:00', closes: '21:30' }], 1)).toEqual({ weekday: 1, opens: '21:30', closes: '24:00' });
    expect(nextRange([{ weekday: 1, opens: '08:00', closes: '23:30' }], 1)).toEqual({ weekday: 1, opens: '08:00', closes: '17:00' });
  });
});
