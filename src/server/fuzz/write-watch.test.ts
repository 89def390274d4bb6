import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoClinic } from '../modules/clinic/index.js';
import { openTestDb } from '../testing/test-db.js';
import { createWriteWatch, type WriteWatch } from './write-watch.js';

/** The fuzzer's "nothing written by a 4xx" is only as good as this detector: it must see every kind of write, and only those. */
let db: Awaited<ReturnType<typeof openTestDb>>;
let watch: WriteWatch;
let organizationId: string;

beforeAll(async () => {
  db = await openTestDb();
  ({ organizationId } = await seedDemoClinic(db));
  watch = await createWriteWatch(db);
});
afterAll(async () => db?.dispose());

async function changedBy(work: () => Promise<unknown>): Promise<string[]> {
  const token = await watch.before();
  await work();
  return (await watch.after(token, true)).check!.changed;
}

describe('the write detector of the API fuzzer', () => {
  it('sees an insert, an update that keeps the row count, and a delete, and names the table', async () => {
    expect(await changedBy(() => db.query(`INSERT INTO holiday (organization_id, day, name) VALUES ($1, '2031-01-01', 'New Year')`, [organizationId]))).toEqual(['holiday (+1 rows)']);
    expect(await changedBy(() => db.query(`UPDATE holiday SET name = 'Año Nuevo' WHERE day = '2031-01-01'`))).toEqual(['holiday (rows changed)']);
    expect(await changedBy(() => db.query(`DELETE FROM holiday WHERE day = '2031-01-01'`))).toEqual(['holiday (-1 rows)']);
  });

  it('sees nothing when nothing was written, and keeps its snapshot while the database stands still', async () => {
    await watch.before();
    const before = watch.snapshots;
    expect(await changedBy(() => db.query('SELECT count(*) FROM patient'))).toEqual([]);
    expect(watch.snapshots).toBe(before);
  });

  it('leaves out the bookkeeping a refusal is meant to write, and nothing else', async () => {
    expect(await changedBy(() => db.query(`INSERT INTO auth_failure (organization_id, subject, at) VALUES ($1, 'ip:203.0.113.1', now())`, [organizationId]))).toEqual([]);
    expect(await changedBy(() => db.query(`INSERT INTO audit_event (organization_id, occurred_at, actor_role, action, resource_type, outcome) VALUES ($1, now(), 'anonymous', 'x', 'route', 'denied')`, [organizationId]))).toEqual([]);
    const user = await db.one<{ id: string }>(`INSERT INTO app_user (organization_id, email, display_name, role, status) VALUES ($1, 'w@relief.test', 'W', 'front_desk', 'active') RETURNING id`, [organizationId]);
    await db.query(`INSERT INTO user_session (id_hash, organization_id, user_id, created_at, last_seen_at, expires_at, idle_timeout_sec, mfa_passed, csrf_token) VALUES ('h', $1, $2, now(), now(), now() + interval '1 hour', 900, true, 'c')`, [organizationId, user!.id]);
    expect(await changedBy(() => db.query(`UPDATE user_session SET last_seen_at = last_seen_at + interval '1 minute'`))).toEqual([]);
    // Thirty refused second factors end the session (issue 9, defect 1): that is bookkeeping too; anything else is not.
    expect(await changedBy(() => db.query(`UPDATE user_session SET revoked_at = now()`))).toEqual([]);
    expect(await changedBy(() => db.query(`UPDATE user_session SET mfa_passed = false`))).toEqual(['user_session (rows changed)']);
    expect(watch.watchedTables).not.toContain('audit_event');
    expect(watch.watchedTables).toContain('outbox');
  });
});
