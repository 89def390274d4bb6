import { describe, expect, it } from 'vitest';
import { dayWindow, mergeSpans, placeInLanes, rangeFor, shiftDate, spanOnDate, weekStart, zonedPlace } from './desk-time';

const CHICAGO = 'America/Chicago';

describe('desk dates', () => {
  it('starts weeks on Monday', () => {
    expect(weekStart('2026-12-02')).toBe('2026-11-30'); // Wednesday -> Monday
    expect(weekStart('2026-11-30')).toBe('2026-11-30'); // Monday
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // Sunday -> the Monday before
  });

  it('asks the API for one day or seven', () => {
    expect(rangeFor('day', '2026-12-02')).toEqual({ from: '2026-12-02', to: '2026-12-02' });
    expect(rangeFor('week', '2026-12-02')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
  });

  it('steps a day or a week, across months', () => {
    expect(shiftDate('day', '2026-11-30', -1)).toBe('2026-11-29');
    expect(shiftDate('week', '2026-12-28', 1)).toBe('2027-01-04');
  });
});

describe('times on the clinic clock', () => {
  it('places an instant in the location zone, not the browser zone', () => {
    // 15:00Z on 1 December is 09:00 in Chicago (CST, UTC-6).
    expect(zonedPlace('2026-12-01T15:00:00Z', CHICAGO)).toEqual({ date: '2026-12-01', minutes: 9 * 60 });
    expect(zonedPlace('2026-12-01T09:00:00-06:00', CHICAGO)).toEqual({ date: '2026-12-01', minutes: 9 * 60 });
  });

  it('keeps wall-clock hours on daylight-saving days', () => {
    // Spring forward 2026-03-08: 08:00 CDT is 13:00Z.
    expect(spanOnDate('2026-03-08T08:00:00-05:00', '2026-03-08T17:00:00-05:00', '2026-03-08', CHICAGO)).toEqual({ start: 480, end: 1020 });
    // Fall back 2026-11-01: 08:00 CST is 14:00Z.
    expect(spanOnDate('2026-11-01T14:00:00Z', '2026-11-01T23:00:00Z', '2026-11-01', CHICAGO)).toEqual({ start: 480, end: 1020 });
  });

  it('clips a span that crosses midnight to the day asked for', () => {
    const start = '2026-12-01T22:00:00-06:00';
    const end = '2026-12-02T02:00:00-06:00';
    expect(spanOnDate(start, end, '2026-12-01', CHICAGO)).toEqual({ start: 22 * 60, end: 1440 });
    expect(spanOnDate(start, end, '2026-12-02', CHICAGO)).toEqual({ start: 0, end: 120 });
    expect(spanOnDate(start, end, '2026-12-03', CHICAGO)).toBeNull();
  });

  it('reads wall-clock hours as the same every day', () => {
    expect(spanOnDate('08:00', '17:00', '2026-12-01', CHICAGO)).toEqual({ start: 480, end: 1020 });
  });

  it('shows at least 7 to 18 and widens to whole hours', () => {
    expect(dayWindow([])).toEqual({ start: 420, end: 1080 });
    expect(dayWindow([{ start: 390, end: 1095 }])).toEqual({ start: 360, end: 1140 });
  });
});

describe('merged hours', () => {
  it('joins overlapping and touching spans, keeps gaps, leaves the input alone', () => {
    const input = [
      { start: 780, end: 1020 },
      { start: 480, end: 720 },
      { start: 600, end: 780 },
      { start: 1080, end: 1140 },
    ];
    expect(mergeSpans(input)).toEqual([
      { start: 480, end: 1020 },
      { start: 1080, end: 1140 },
    ]);
    expect(input[0]).toEqual({ start: 780, end: 1020 });
    expect(mergeSpans([])).toEqual([]);
  });
});

describe('lanes', () => {
  it('puts overlapping items side by side and the rest full width', () => {
    const placed = placeInLanes([
      { item: 'a', span: { start: 540, end: 570 } },
      { item: 'b', span: { start: 555, end: 600 } },
      { item: 'c', span: { start: 600, end: 630 } },
      { item: 'd', span: { start: 545, end: 560 } },
    ]);
    const by = Object.fromEntries(placed.map((p) => [p.item, [p.lane, p.lanes]]));
    expect(by).toEqual({ a: [0, 3], d: [1, 3], b: [2, 3], c: [0, 1] });
  });

  it('reuses a lane once it is free', () => {
    const placed = placeInLanes([
      { item: 'a', span: { start: 0, end: 30 } },
      { item: 'b', span: { start: 10, end: 60 } },
      { item: 'c', span: { start: 30, end: 45 } },
    ]);
    expect(placed.map((p) => [p.item, p.lane, p.lanes])).toEqual([
      ['a', 0, 2],
      ['b', 1, 2],
      ['c', 0, 2],
    ]);
  });
});
