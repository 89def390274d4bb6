import { describe, expect, it } from 'vitest';
import { joinWrites, shiftParams } from './compose.js';
import { openTestDb } from '../testing/test-db.js';

describe('shiftParams', () => {
  it('renumbers placeholders, leaving quoted text alone', () => {
    expect(shiftParams(`SELECT $1, $2::int, '$1' AS "x$2", $10`, 3)).toBe(`SELECT $4, $5::int, '$1' AS "x$2", $13`);
  });
  it('leaves a dollar sign that starts no placeholder', () => {
    expect(shiftParams('SELECT $a, 5$, $', 2)).toBe('SELECT $a, 5$, $');
  });
});

describe('joinWrites', () => {
  it('runs every part in one statement that commits all of them or none', async () => {
    const db = await openTestDb({ migrations: 0 });
    try {
      await db.exec('CREATE TABLE compose_probe (id int PRIMARY KEY, note text)');
      const ok = joinWrites(
        [{ sql: 'INSERT INTO compose_probe VALUES ($1, $2)', params: [1, 'one'] }, { sql: 'INSERT INTO compose_probe VALUES ($1, $2)', params: [2, 'two'] }],
        { sql: 'SELECT $1::text AS answer', params: ['done'] },
      );
      expect(ok.params).toEqual([1, 'one', 2, 'two', 'done']);
      expect(await db.query(ok.sql, ok.params)).toEqual([{ answer: 'done' }]);
      // The second part collides with a row already there: the first part's row must not stay.
      const clash = joinWrites(
        [{ sql: 'INSERT INTO compose_probe VALUES ($1, $2)', params: [3, 'three'] }, { sql: 'INSERT INTO compose_probe VALUES ($1, $2)', params: [1, 'again'] }],
        { sql: 'SELECT 1 AS answer', params: [] },
      );
      await expect(db.query(clash.sql, clash.params)).rejects.toThrow();
      expect(await db.query('SELECT id, note FROM compose_probe ORDER BY id')).toEqual([{ id: 1, note: 'one' }, { id: 2, note: 'two' }]);
    } finally {
      await db.dispose();
    }
  });
});
