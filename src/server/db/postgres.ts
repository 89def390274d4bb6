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

  // LISTEN needs a connection of its own, outside the pool. Every channel
  // shares one: PostgreSQL delivers one session's notifications in commit
  // order (https://www.postgresql.org/docs/current/sql-notify.html), so a
  // "session ended" committed before a "schedule changed" is heard first, and
  // the live hub closes that session's sockets before it forwards the change.
  interface Listening {
    client: pg.Client;
    channels: Map<string, { handlers: Set<(payload: string) => void>; ready: Promise<void> }>;
  }
  let listener: Promise<Listening> | undefined;
  let connected: Listening | undefined;
  const listening = (): Promise<Listening> => {
    listener ??= (async () => {
      const client = new pg.Client({ connectionString: url, application_name: `${opts.applicationName ?? 'relief'}-listen` });
      client.on('error', () => undefined);
      const connection: Listening = { client, channels: new Map() };
      client.on('notification', (n) => {
        if (n.payload === undefined) return;
        for (const handler of connection.channels.get(n.channel)?.handlers ?? []) handler(n.payload);
      });
      try {
        await client.connect();
      } catch (err) {
        listener = undefined;
        throw toAppError(err);
      }
      connected = connection;
      return connection;
    })();
    return listener;
  };
  const stopListening = async (connection: Listening) => {
    if (connected === connection) {
      connected = undefined;
      listener = undefined;
    }
    connection.channels.clear();
    await connection.client.end().catch(() => undefined);
  };

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
      const connection = await listening();
      let subscribers = connection.channels.get(channel);
      if (!subscribers) {
        subscribers = { handlers: new Set(), ready: connection.client.query(`LISTEN ${pg.escapeIdentifier(channel)}`).then(() => undefined) };
        connection.channels.set(channel, subscribers);
      }
      const handler = (payload: string) => onPayload(payload);
      subscribers.handlers.add(handler);
      try {
        await subscribers.ready;
      } catch (err) {
        subscribers.handlers.delete(handler);
        if (connection.channels.get(channel) === subscribers) connection.channels.delete(channel);
        throw toAppError(err);
      }
      return async () => {
        subscribers.handlers.delete(handler);
        if (subscribers.handlers.size > 0 || connection.channels.get(channel) !== subscribers) return;
        connection.channels.delete(channel);
        if (connection.channels.size === 0) await stopListening(connection);
        else await connection.client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
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
      const connection = await listener?.catch(() => undefined);
      await Promise.all([pool.end(), relaxedPool.end(), connection ? stopListening(connection) : undefined]);
    },
  };
}
