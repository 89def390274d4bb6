import { describe, expect, it } from 'vitest';
import { deepFreeze } from './given.js';
import { normalize, normalizeBy, overlapsAny, type Interval } from './intervals.js';

// Small integers stand in for epoch milliseconds: the algebra is unit-free.
const iv = (start: number, end: number): Interval => ({ start, end });

describe('normalize', () => {
  it.each<[string, Interval[], Interval[]]>([
    ['empty list', [], []],
    ['single interval', [iv(1, 5)], [iv(1, 5)]],
    ['disjoint, already sorted', [iv(1, 2), iv(4, 5)], [iv(1, 2), iv(4, 5)]],
    ['unsorted input is sorted', [iv(10, 12), iv(1, 2), iv(5, 6)], [iv(1, 2), iv(5, 6), iv(10, 12)]],
    ['overlapping merge', [iv(1, 5), iv(3, 8)], [iv(1, 8)]],
    ['touching merge (half-open [1,5) + [5,8))', [iv(1, 5), iv(5, 8)], [iv(1, 8)]],
    ['nested interval is absorbed', [iv(1, 10), iv(3, 4)], [iv(1, 10)]],
    ['chain merges through unsorted input', [iv(7, 9), iv(1, 3), iv(3, 5), iv(4, 7)], [iv(1, 9)]],
    ['empty interval dropped', [iv(3, 3), iv(5, 6)], [iv(5, 6)]],
    ['inverted interval dropped', [iv(9, 2), iv(5, 6)], [iv(5, 6)]],
    ['empty interval inside a gap does not bridge it', [iv(1, 2), iv(2, 2), iv(3, 4)], [iv(1, 2), iv(3, 4)]],
    ['duplicates collapse', [iv(1, 2), iv(1, 2)], [iv(1, 2)]],
  ])('%s', (_name, input, expected) => {
    expect(normalize(input)).toEqual(expected);
  });

  it('does not mutate its input, and returns fresh objects', () => {
    const input = deepFreeze([iv(5, 8), iv(1, 5)]);
    const out = normalize(input);
    expect(out).toEqual([iv(1, 8)]);
    out[0]!.end = 100;
    expect(input).toEqual([iv(5, 8), iv(1, 5)]);
  });
});

describe('overlapsAny', () => {
  const list = [iv(10, 20), iv(30, 40)];
  it.each<[number, number, boolean, string]>([
    [0, 10, false, 'ends exactly where the first starts'],
    [20, 30, false, 'fills the gap, touching both'],
    [40, 50, false, 'starts exactly where the last ends'],
    [0, 5, false, 'entirely before'],
    [50, 60, false, 'entirely after'],
    [22, 28, false, 'inside the gap'],
    [0, 11, true, 'crosses the first start by one'],
    [19, 21, true, 'crosses the first end by one'],
    [29, 31, true, 'crosses the second start'],
    [12, 15, true, 'inside the first'],
    [35, 36, true, 'inside the second'],
    [0, 100, true, 'covers everything'],
    [10, 20, true, 'identical'],
    [15, 35, true, 'spans the gap'],
  ])('[%i, %i) -> %s (%s)', (start, end, expected) => {
    expect(overlapsAny(list, start, end)).toBe(expected);
  });

  it('is false for an empty list', () => {
    expect(overlapsAny([], 0, 100)).toBe(false);
  });

  it('finds the right interval in a long list (binary search)', () => {
    // [0,1) [10,11) [20,21) ... [990,991)
    const many = Array.from({ length: 100 }, (_, i) => iv(i * 10, i * 10 + 1));
    expect(overlapsAny(many, 500, 501)).toBe(true);
    expect(overlapsAny(many, 501, 510)).toBe(false);
    expect(overlapsAny(many, 989, 990)).toBe(false);
    expect(overlapsAny(many, 990, 991)).toBe(true);
    expect(overlapsAny(many, 991, 2000)).toBe(false);
  });
});

describe('normalizeBy', () => {
  it('groups by key and normalizes each group independently', () => {
    const input = deepFreeze([
      { who: 'b', start: 5, end: 8 },
      { who: 'a', start: 10, end: 20 },
      { who: 'b', start: 1, end: 5 },
      { who: 'a', start: 0, end: 3 },
      { who: 'c', start: 7, end: 7 }, // empty
    ]);
    const groups = normalizeBy(input, (t) => t.who);
    expect(groups.get('a')).toEqual([iv(0, 3), iv(10, 20)]);
    expect(groups.get('b')).toEqual([iv(1, 8)]); // touching merge within the group
    expect(groups.get('c')).toEqual([]);
    expect(groups.get('d')).toBeUndefined();
    expect([...groups.keys()].sort()).toEqual(['a', 'b', 'c']);
  });

  it('strips extra fields: groups hold plain intervals', () => {
    const groups = normalizeBy([{ who: 'a', start: 1, end: 2 }], (t) => t.who);
    expect(groups.get('a')).toStrictEqual([{ start: 1, end: 2 }]);
  });

  it('returns an empty map for empty input', () => {
    expect(normalizeBy([], () => 'x').size).toBe(0);
  });
});
