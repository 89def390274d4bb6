import { describe, expect, it } from 'vitest';
import { formatSummary, runCrashTest } from './crash-test.js';

// A short crash test: the real server as a child process, SIGKILLed three times
// mid-stream. The full run is `npm run crash-test`.
const url = process.env.DATABASE_URL;

describe('crash test (short)', () => {
  it(`keeps every acknowledged booking across kill -9 on ${url ? 'PostgreSQL' : 'PGlite'}, with no overlaps`, async () => {
    const lines: string[] = [];
    const r = await runCrashTest({
      db: url ? 'postgres' : 'pglite',
      databaseUrl: url,
      rounds: 3,
      concurrency: 4,
      killMinMs: 300,
      killMaxMs: 900,
      log: (l) => lines.push(l),
    });
    const report = `${lines.join('\n')}\n${formatSummary(r)}`;
    expect(r.problems, report).toEqual([]);
    expect(r.rounds, report).toBe(3);
    expect(r.acknowledged, report).toBeGreaterThan(0);
    expect(r.missing, report).toBe(0);
    expect(r.altered, report).toBe(0);
    expect(r.overlaps, report).toBe(0);
    expect(r.ok, report).toBe(true);
  }, 150_000);
});
