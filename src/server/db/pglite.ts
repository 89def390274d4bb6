import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { Db, Queryable } from './db.js';
import { toAppError } from './errors.js';
import { acquireDataDirLock, type DataDirLock } from './lock.js';
import { WalSyncer } from './wal-sync.js';

// PGlite's defaults start Postgres with -F (fsync off). We keep the rest and turn
// fsync on; since PGlite's NODEFS has no fsync hook, WalSyncer makes each
// acknowledged commit durable itself.
const START_PARAMS = [
  '--single', '-O', '-j',
  '-c', 'search_path=public',
  '-c', 'exit_on_error=false',
  '-c', 'log_checkpoints=false',
  '-c', 'max_worker_processes=0',
  '-c', 'max_parallel_workers=0',
  '-c', 'max_parallel_workers_per_gather=0',
  '-c', 'io_method=sync',
  '-c', 'max_parallel_maintenance_workers=0',
  '-c', 'fsync=on',
  '-c', 'TimeZone=UTC',
];

const WRITE_RE = /^\s*(insert|update|delete|with|create|alter|drop|truncate|comment|grant|select\s+pg_notify)/i;

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      try {
        const r = await q.query<T>(sql, params as unknown[]);
        return r.rows;
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

/** The embedded adapter also copies itself whole: what test templates are made of. */
export interface PgliteDb extends Db {
  /** The whole cluster, checkpointed, as an uncompressed tarball that `openPglite`'s `from` takes back. */
  dump(): Promise<Blob>;
}

/**
 * Embedded PostgreSQL in a data folder (or in memory for tests: dataDir
 * undefined). Exactly one process may own a folder: a lock file guards it.
 * `from` starts it from a `dump()` instead of an empty cluster.
 */
export async function openPglite(dataDir: string | undefined, opts: { from?: Blob } = {}): Promise<PgliteDb> {
  let lock: DataDirLock | undefined;
  let syncer: WalSyncer | undefined;
  let pgDir: string | undefined;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
    pgDir = path.join(dataDir, 'pgdata');
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create({
      ...(pgDir ? { dataDir: pgDir } : {}),
      ...(opts.from ? { loadDataDir: opts.from } : {}),
      extensions: { btree_gist },
      startParams: START_PARAMS,
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const base = wrap(pg);
  if (pgDir) {
    syncer = new WalSyncer(path.join(pgDir, 'pg_wal'), async () => {
      const r = await pg.query<{ f: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS f');
      return r.rows[0]!.f;
    });
  }
  const durable = async () => {
    if (syncer) await syncer.sync();
  };
  const query = async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
    const rows = await base.query<T>(sql, params);
    if (WRITE_RE.test(sql)) await durable();
    return rows;
  };
  return {
    kind: 'pglite',
    query,
    // Written to the WAL and the OS at commit; only the extra fsync is skipped.
    relaxed: base,
    one: async <T>(sql: string, params?: readonly unknown[]) => (await query<T>(sql, params))[0],
    async tx<T>(fn: (t: Queryable) => Promise<T>): Promise<T> {
      let result: T;
      try {
        result = await pg.transaction((t) => fn(wrap(t)));
      } catch (err) {
        throw toAppError(err);
      }
      await durable();
      return result;
    },
    async listen(channel, onPayload) {
      return pg.listen(channel, onPayload);
    },
    async exec(sql: string): Promise<void> {
      try {
        await pg.exec(sql);
      } catch (err) {
        throw toAppError(err);
      }
      await durable();
    },
    async dump(): Promise<Blob> {
      // A checkpoint first, so a copy starts without replaying the write-ahead log.
      await pg.exec('CHECKPOINT');
      return pg.dumpDataDir('none');
    },
    async close(): Promise<void> {
      try {
        await pg.close();
      } finally {
        syncer?.close();
        lock?.release();
      }
    },
  };
}
