import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable } from './db.js';
import { toAppError } from './errors.js';

// Each statement text gets a stable name, so every connection parses and plans
// it once and then only binds and executes (about half of PostgreSQL's time per
// booking was parsing and planning one-off statements).
const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `r_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}

// Dates stay Date objects; int8 counts come back as strings, so repos cast counts to int.
function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      try {
        const r = await client.query({ name: statementName(sql), text: sql, values: params as unknown[] });
        return r.rows as T[];
      } catch (err) {
        throw toAppError(err);
      }
    },
    async one<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
      const rows = await this.query<T>(sql, params);
      return rows[0];
    },
  };
}

/** PostgreSQL through a pg pool: production and CI. */
export function openPostgres(url: string, opts: { poolSize?: number; applicationName?: string } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 20,
    application_name: opts.applicationName ?? 'relief',
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  const base = wrap(pool);
  // A small second pool whose commits do not wait for the WAL flush (see Db.relaxed).
  const relaxedPool = new pg.Pool({
    connectionString: url,
    max: Math.max(2, Math.ceil((opts.poolSize ?? 20) / 4)),
    application_name: `${opts.applicationName ?? 'relief'}-relaxed`,
    options: '-c synchronous_commit=off',
  });
  relaxedPool.on('error', () => undefined);
  return {
    kind: 'postgres',
    relaxed: wrap(relaxedPool),
    query: base.query,
    one: base.one,
    async tx<T>(fn: (t: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw toAppError(err);
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      // LISTEN needs a connection of its own, outside the pool.
      const client = new pg.Client({ connectionString: url, application_name: `${opts.applicationName ?? 'relief'}-listen` });
      client.on('error', () => undefined);
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    async exec(sql: string): Promise<void> {
      try {
        await pool.query(sql);
      } catch (err) {
        throw toAppError(err);
      }
    },
    async close(): Promise<void> {
      await Promise.all([pool.end(), relaxedPool.end()]);
    },
  };
}
