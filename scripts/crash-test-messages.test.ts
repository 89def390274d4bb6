import { describe, expect, it } from 'vitest';
import { formatMessagesSummary, runMessagesCrashTest } from './crash-test-messages.js';

// A short crash test of secure messages (issue 12): the real server as a child
// process, SIGKILLed twice while a signed-in patient streams messages with a
// PDF and a PNG each. The full run is `npm run crash-test`.
const url = process.env.DATABASE_URL;

describe('crash test of secure messages (short)', () => {
  it(`keeps every acknowledged message exactly once, attachments byte-identical, across kill -9 on ${url ? 'PostgreSQL' : 'PGlite'}`, async () => {
    const lines: string[] = [];
    const r = await runMessagesCrashTest({
      db: url ? 'postgres' : 'pglite',
      databaseUrl: url,
      rounds: 2,
      concurrency: 3,
      killMinMs: 800,
      killMaxMs: 2000,
      log: (l) => lines.push(l),
    });
    const report = `${lines.join('\n')}\n${formatMessagesSummary(r)}`;
    expect(r.problems, report).toEqual([]);
    expect(r.rounds, report).toBe(2);
    expect(r.acknowledged, report).toBeGreaterThan(0);
    expect(r.missing + r.duplicated + r.altered + r.corruptedDownloads + r.unacknowledgedRows, report).toBe(0);
    expect(r.ok, report).toBe(true);
  }, 300_000);
});
