import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../testing/test-db.js';

let db: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
  db = await openTestDb({ migrations: 0 });
});
afterAll(async () => db?.dispose());

/** Payloads as they arrive, and a wait for the n-th one that fails after 5 s instead of hanging. */
function collector() {
  const heard: string[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  return {
    heard,
    add(p: string) {
      heard.push(p);
      for (const w of waiting.filter((w) => heard.length >= w.n)) w.resolve();
    },
    until(n: number): Promise<void> {
      if (heard.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`heard ${JSON.stringify(heard)}, waited for ${n}`)), 5000);
        waiting.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

describe('Db.listen', () => {
  it('issue 9 defect 10: hears notices of several channels in commit order, so a "session ended" comes before any later change', async () => {
    const all = collector();
    const offA = await db.listen('relief_test_a', (p) => all.add(`a:${p}`));
    const offB = await db.listen('relief_test_b', (p) => all.add(`b:${p}`));
    for (const [channel, payload] of [['relief_test_a', '1'], ['relief_test_b', '2'], ['relief_test_a', '3'], ['relief_test_b', '4']]) {
      await db.tx(async (t) => {
        await t.query('SELECT pg_notify($1, $2)', [channel, payload]);
      });
    }
    await all.until(4);
    expect(all.heard).toEqual(['a:1', 'b:2', 'a:3', 'b:4']);
    await offA();
    await offB();
  });

  it('keeps each subscriber until it unsubscribes, and sends nothing for a rolled-back transaction', async () => {
    const first = collector();
    const second = collector();
    const offFirst = await db.listen('relief_test_c', first.add);
    const offSecond = await db.listen('relief_test_c', second.add);
    await db.tx(async (t) => {
      await t.query(`SELECT pg_notify('relief_test_c', 'rolled back')`);
      throw new Error('roll back');
    }).catch(() => undefined);
    await db.query(`SELECT pg_notify('relief_test_c', 'one')`);
    await second.until(1);
    await first.until(1);
    await offFirst();
    await db.query(`SELECT pg_notify('relief_test_c', 'two')`);
    await second.until(2);
    expect({ first: first.heard, second: second.heard }).toEqual({ first: ['one'], second: ['one', 'two'] });
    await offSecond();
    // Listening again after every subscriber left works (the PostgreSQL adapter opens a new connection).
    const again = collector();
    const offAgain = await db.listen('relief_test_c', again.add);
    await db.query(`SELECT pg_notify('relief_test_c', 'three')`);
    await again.until(1);
    expect(again.heard).toEqual(['three']);
    await offAgain();
  });
});
