import { describe, expect, it } from 'vitest';
import { fixedClock } from './clock.js';
import { createWindowTally } from './window-tally.js';

type Row = { who: string; more: number; pooled: boolean; from?: number; to?: number };

/** A tally over a fixed clock whose writes are recorded; `failing` makes the next writes fail. */
function setup(opts: { maxKeys?: number } = {}) {
  const clock = fixedClock('2026-11-30T12:00:00Z');
  const rows: Row[] = [];
  let failing = 0;
  const tally = createWindowTally<{ who: string }>({
    now: clock.now,
    windowMs: 60_000,
    ...(opts.maxKeys ? { maxKeys: opts.maxKeys } : {}),
    write: async (e) => {
      if (failing > 0) {
        failing--;
        throw new Error('storage unavailable');
      }
      rows.push(e as Row);
    },
    summarize: ({ first, more, pooled, from, to }) => ({ who: first.who, more, pooled, from, to }) as Row,
  });
  return { clock, rows, tally, failNext: (n: number) => (failing = n) };
}

/** Events a row stands for: a first event is one, a summary its count. */
const countOf = (rows: Row[]) => rows.reduce((n, r) => n + (r.more === undefined ? 1 : r.more), 0);

describe('window tally (issue 9 anonymous audit flood)', () => {
  it('issue 9 anonymous audit flood: writes the first event of a key at once and the rest of its minute as one summary', async () => {
    const { clock, rows, tally } = setup();
    await Promise.all(Array.from({ length: 200 }, () => tally.add('a', 'pool', { who: 'a' })));
    expect(rows).toEqual([{ who: 'a' }]);
    expect(tally.pending()).toBe(199);
    clock.advance(59_999);
    await tally.flushDue();
    expect(rows).toHaveLength(1); // the minute is not over
    clock.advance(1);
    await tally.flushDue();
    expect(rows).toEqual([{ who: 'a' }, { who: 'a', more: 199, pooled: false, from: Date.parse('2026-11-30T12:00:00Z'), to: Date.parse('2026-11-30T12:00:00Z') }]);
    expect(countOf(rows)).toBe(200);
    expect(tally.pending()).toBe(0);
    // The next minute starts a new window with its own first row.
    await tally.add('a', 'pool', { who: 'a' });
    expect(rows).toHaveLength(3);
  });

  it('issue 9 anonymous audit flood: a key alone in its minute writes one row and no summary; other keys have their own', async () => {
    const { clock, rows, tally } = setup();
    await tally.add('a', 'pool', { who: 'a' });
    await tally.add('b', 'pool', { who: 'b' });
    await tally.add('b', 'pool', { who: 'b' });
    clock.advance(60_000);
    await tally.flushDue();
    expect(rows).toEqual([{ who: 'a' }, { who: 'b' }, expect.objectContaining({ who: 'b', more: 1 })]);
  });

  it('issue 9 anonymous audit flood: past maxKeys, new keys are tallied under their pool key, so rows stay bounded', async () => {
    const { clock, rows, tally } = setup({ maxKeys: 3 });
    for (const who of ['a', 'b', 'c']) await tally.add(who, 'pool', { who });
    for (let i = 0; i < 100; i++) await tally.add(`x${i}`, 'pool', { who: `x${i}` });
    await tally.add('a', 'pool', { who: 'a' }); // an open key is still its own
    expect(rows.map((r) => r.who)).toEqual(['a', 'b', 'c', 'x0']);
    await tally.flushAll();
    expect(rows.slice(4)).toEqual([
      expect.objectContaining({ who: 'a', more: 1, pooled: false }),
      expect.objectContaining({ who: 'x0', more: 99, pooled: true }),
    ]);
    expect(countOf(rows)).toBe(104);
    clock.advance(60_000);
    await tally.add('y', 'pool', { who: 'y' }); // windows ended: room again
    expect(rows.at(-1)).toEqual({ who: 'y' });
  });

  it('issue 9 anonymous audit flood: a write that fails loses nothing: the first is counted, a summary retried and merged', async () => {
    const { clock, rows, tally, failNext } = setup();
    failNext(1);
    await expect(tally.add('a', 'pool', { who: 'a' })).rejects.toThrow(/storage unavailable/);
    await tally.add('a', 'pool', { who: 'a' }); // counted in the same window
    clock.advance(60_000);
    failNext(1);
    await expect(tally.flushDue()).rejects.toThrow(/storage unavailable/);
    expect(tally.pending()).toBe(2);
    await tally.add('a', 'pool', { who: 'a' });
    await tally.add('a', 'pool', { who: 'a' });
    clock.advance(60_000);
    await tally.flushDue();
    // The retried summary took the next minute's count in: 2 + 1, over both minutes.
    expect(rows).toEqual([
      { who: 'a' },
      expect.objectContaining({ who: 'a', more: 3, from: Date.parse('2026-11-30T12:00:00Z'), to: Date.parse('2026-11-30T12:01:00Z') }),
    ]);
    expect(countOf(rows)).toBe(4);
  });

  it('issue 9 anonymous audit flood: a clock that goes back ends the window, and flushAll ends every open one', async () => {
    const { clock, rows, tally } = setup();
    await tally.add('a', 'pool', { who: 'a' });
    await tally.add('a', 'pool', { who: 'a' });
    clock.advance(-1000);
    await tally.add('a', 'pool', { who: 'a' });
    expect(rows).toHaveLength(2);
    await tally.add('a', 'pool', { who: 'a' });
    await tally.flushAll();
    expect(countOf(rows)).toBe(4);
    expect(tally.pending()).toBe(0);
  });
});
