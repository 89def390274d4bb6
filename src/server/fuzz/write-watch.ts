import type { Db } from '../db/db.js';

/**
 * Bookkeeping that is meant to be written by a refused request, each with why.
 * Every other table (found in the catalog, so a new one is watched without
 * editing this file) must be exactly as it was after a 4xx.
 */
export const REFUSAL_BOOKKEEPING: readonly { table: string; column?: string; why: string }[] = [
  { table: 'audit_event', why: 'every refusal of a protected route, failed sign-in and denied read is recorded (45 CFR 164.312(b)); README "Audit trail"' },
  { table: 'audit_block', why: 'written by the background sealer every second, not by any request' },
  { table: 'auth_failure', why: 'failed sign-ins and second factors are counted for throttling (OWASP ASVS 2.2.1): a refused sign-in must write here' },
  { table: 'user_session', column: 'last_seen_at', why: 'the sliding idle window is touched by any signed-in request, refused or not (at most every 30 s)' },
  { table: 'user_session', column: 'revoked_at', why: 'thirty refused second-factor attempts end the half-signed-in session they came from (issue 9, defect 1)' },
  { table: 'rate_limit_hit', why: 'every request to a public endpoint counts against its address, refused or not (README "Rate limits")' },
];

export interface WriteCheck {
  /** Tables whose rows changed, with the change in row count: `outbox (+1 rows)`. */
  changed: string[];
}

/**
 * Tells whether a request wrote anything outside the bookkeeping above. A
 * cheap gate first: no transaction id was handed out during the request, so
 * nothing was written at all. Otherwise each watched table's row count and
 * the sum of its rows' hashes, before and after, name what changed. The
 * "before" is kept while the gate says nothing was written since.
 */
export async function createWriteWatch(db: Db) {
  const tables = await db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const columns = await db.query<{ table: string; column: string }>(
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY table_name, ordinal_position`,
  );
  const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
  const watched = tables.filter((t) => !REFUSAL_BOOKKEEPING.some((b) => b.table === t.name && !b.column));
  const parts = watched.map((t) => {
    const skip = REFUSAL_BOOKKEEPING.filter((b) => b.table === t.name && b.column).map((b) => b.column);
    const cols = columns.filter((c) => c.table === t.name && !skip.includes(c.column)).map((c) => `r.${q(c.column)}`);
    const row = skip.length > 0 ? `row(${cols.join(', ')})` : 'r';
    return `SELECT '${t.name.replace(/'/g, "''")}' AS t, count(*)::text AS n, coalesce(sum(hashtextextended((${row})::text, 0)::numeric), 0)::text AS h FROM ${q(t.schema)}.${q(t.name)} r`;
  });
  const snapshotSql = parts.join(' UNION ALL ');

  const xid = async () => (await db.one<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x'))!.x;
  const snapshot = async () => new Map((await db.query<{ t: string; n: string; h: string }>(snapshotSql)).map((r) => [r.t, { n: Number(r.n), h: r.h }]));
  let kept: { xid: string; tables: Awaited<ReturnType<typeof snapshot>> } | null = null;
  let snapshots = 0;

  return {
    watchedTables: watched.map((t) => t.name),
    get snapshots() {
      return snapshots;
    },
    /** Call just before a request: returns a token for `after`. */
    async before(): Promise<string> {
      const x = await xid();
      if (kept?.xid !== x) {
        snapshots++;
        kept = { xid: x, tables: await snapshot() };
      }
      return x;
    },
    /** Call just after it: what it wrote (only worked out when `check` is set and something was written). */
    async after(token: string, check: boolean): Promise<{ wroteSomething: boolean; check: WriteCheck | null }> {
      const x = await xid();
      if (x === token) return { wroteSomething: false, check: check ? { changed: [] } : null };
      if (!check || !kept) return { wroteSomething: true, check: null };
      const was = kept.tables;
      snapshots++;
      const now = await snapshot();
      kept = { xid: x, tables: now };
      const changed: string[] = [];
      for (const [t, v] of now) {
        const old = was.get(t);
        if (!old || old.n !== v.n || old.h !== v.h) {
          const delta = v.n - (old?.n ?? 0);
          changed.push(`${t} (${delta === 0 ? 'rows changed' : `${delta > 0 ? '+' : ''}${delta} rows`})`);
        }
      }
      return { wroteSomething: true, check: { changed } };
    },
  };
}
export type WriteWatch = Awaited<ReturnType<typeof createWriteWatch>>;
