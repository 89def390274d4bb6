import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { migrate } from '../../db/migrate.js';
import { openPglite } from '../../db/pglite.js';
import { appendDurably } from '../../platform/anchor-file.js';
import { systemClock } from '../../platform/clock.js';
import { bookingBody, startTestApp } from '../../testing/test-app.js';
import { openTestDb } from '../../testing/test-db.js';
import { createAuditService } from './audit.service.js';
import { parseAnchors } from './engine/anchors.js';

const run = promisify(execFile);
const ctx = { actorUserId: null, actorRole: 'front_desk', sourceIp: '192.0.2.1', userAgent: 'test', requestId: 'r1' };

/** A database holding a sealed chain of ten events, on PGlite in a folder or on PostgreSQL. */
async function chainDb(): Promise<{ db: Db; env: Record<string, string>; dispose(): Promise<void>; reopen(): Promise<Db> }> {
  if (process.env.DATABASE_URL) {
    const db = await openTestDb();
    return { db, env: { DATABASE_URL: db.url! }, dispose: () => db.dispose(), reopen: async () => db };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relief-audit-'));
  const db = await openPglite(dir);
  await migrate(db);
  return {
    db,
    env: { DATABASE_URL: '', RELIEF_DATA_DIR: dir },
    reopen: () => openPglite(dir),
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function seedChain(db: Db) {
  const org = (await db.one<{ id: string }>("INSERT INTO organization (slug, name) VALUES ('audit-test', 'Audit Test Clinic') RETURNING id"))!.id;
  const audit = createAuditService({ db, clock: systemClock, organizationId: org });
  for (let i = 0; i < 10; i++) await audit.record(ctx, { action: 'appointment.read', resourceType: 'appointment', resourceId: `a${i}` });
  expect(await audit.seal()).toBe(10);
  return { org, audit };
}

async function verifyCli(env: Record<string, string>) {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/server/modules/audit/audit-verify-cli.ts'], { env: { ...process.env, RELIEF_SEED: 'none', ...env } });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

async function tamper(db: Db, statements: [string, unknown[]][]) {
  // What a database superuser could do: switch the guard off, change history, switch it back on.
  await db.tx(async (t) => {
    await t.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    for (const [sql, params] of statements) await t.query(sql, params);
    await t.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
  });
}

describe('audit trail', () => {
  let h: Awaited<ReturnType<typeof chainDb>>;
  let db: Db;
  beforeAll(async () => {
    h = await chainDb();
    db = h.db;
  });
  afterAll(async () => h?.dispose());

  it('is append-only: no event or block is ever updated, deleted or truncated, not even to seal it', async () => {
    const { audit } = await seedChain(db);
    await expect(db.query("UPDATE audit_event SET reason = 'edited'")).rejects.toThrow(/audit_event is append-only/);
    await expect(db.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    await expect(db.query("UPDATE audit_block SET sealed_at = now()")).rejects.toThrow(/audit_block is append-only/);
    await expect(db.query('DELETE FROM audit_block')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_block')).rejects.toThrow(/append-only/);
    await audit.record(ctx, { action: 'x.read', resourceType: 'x' });
    expect(await audit.seal()).toBe(1);
    expect(await audit.seal()).toBe(0);
    const blocks = await db.query<{ n: number }>('SELECT cardinality(seqs) AS n FROM audit_block ORDER BY block_no');
    expect(blocks.map((b) => b.n)).toEqual([10, 1]);
    expect((await audit.verify()).breaks).toEqual([]);
  });

  it('holds sealing back while a transaction that wrote an event is open, so no event falls behind a sealed range', async () => {
    const org = (await db.one<{ id: string }>("INSERT INTO organization (slug, name) VALUES ('audit-late', 'Audit Late Clinic') RETURNING id"))!.id;
    const audit = createAuditService({ db, clock: systemClock, organizationId: org });
    await audit.record(ctx, { action: 'first.read', resourceType: 'x' });
    expect(await audit.seal()).toBe(1);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const inserted = new Promise<void>((r) => (written = r));
    // A transaction writes an event (the lower seq) and stays open while a later event is written.
    const slow = db.tx(async (t) => {
      await audit.record(ctx, { action: 'slow.read', resourceType: 'x' }, t);
      written();
      await held;
    });
    await inserted;
    // On PGlite the one connection serialises this; on PostgreSQL (CI) it really runs meanwhile.
    if (db.kind === 'postgres') {
      await audit.record(ctx, { action: 'later.read', resourceType: 'x' });
      expect(await audit.seal()).toBe(0);
    }
    release();
    await slow;
    expect(await audit.seal()).toBe(db.kind === 'postgres' ? 2 : 1);
    const rows = await db.query<{ action: string; block: number }>(
      `SELECT e.action, b.block_no::int AS block FROM audit_event e JOIN audit_block b ON e.seq = ANY (b.seqs) AND b.organization_id = e.organization_id
       WHERE e.organization_id = $1 ORDER BY e.seq`, [org]);
    const expected = [{ action: 'first.read', block: 1 }, { action: 'slow.read', block: 2 }];
    expect(rows).toEqual(db.kind === 'postgres' ? [...expected, { action: 'later.read', block: 2 }] : expected);
    expect((await audit.verify()).breaks).toEqual([]);
  });

  it('npm run audit:verify passes an intact chain and names an altered, a removed, a reordered and an added event', async () => {
    const { org } = await db.one<{ org: string }>("SELECT id AS org FROM organization WHERE slug = 'audit-test'").then((r) => ({ org: r!.org }));
    const events = await db.query<{ id: string; seq: string }>('SELECT id, seq FROM audit_event WHERE organization_id = $1 ORDER BY seq', [org]);
    if (!process.env.DATABASE_URL) await db.close();
    const intact = await verifyCli(h.env);
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/Audit Test Clinic: 11 audit events, chain intact\. Newest block #2: [0-9a-f]{64}/);
    db = await h.reopen();

    const no = (i: number) => events[i]!.seq;
    await tamper(db, [["UPDATE audit_event SET reason = 'nothing to see' WHERE id = $1", [events[3]!.id]]]);
    await tamper(db, [['DELETE FROM audit_event WHERE id = $1', [events[6]!.id]]]);
    // Swap what events #9 and #10 say happened.
    await tamper(db, [
      ["UPDATE audit_event SET resource_id = 'swap' WHERE id = $1", [events[8]!.id]],
      ["UPDATE audit_event SET resource_id = 'a8' WHERE id = $1", [events[9]!.id]],
      ["UPDATE audit_event SET resource_id = 'a9' WHERE id = $1", [events[8]!.id]],
    ]);
    // An event slipped into the sealed past.
    await db.query(
      `INSERT INTO audit_event (organization_id, occurred_at, actor_role, action, resource_type, outcome, xact)
       VALUES ($1, now(), 'admin', 'forged.read', 'x', 'success', 0)`, [org]);
    if (!process.env.DATABASE_URL) await db.close();
    const broken = await verifyCli(h.env);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`event #${no(3)} (${events[3]!.id}) was altered`);
    expect(broken.out).toContain(`event #${no(6)}, sealed in block #1, is missing`);
    expect(broken.out).toContain(`event #${no(8)} (${events[8]!.id}) was altered`);
    expect(broken.out).toContain(`event #${no(9)} (${events[9]!.id}) was altered`);
    expect(broken.out).toMatch(/event #\d+ \([0-9a-f-]+\) was added after sealing/);
    expect(broken.out).toMatch(/Audit Test Clinic: 11 audit events, 5 broken link\(s\)/);
    db = await h.reopen();
  }, 60_000);

  it('npm run audit:verify names a block that was altered or taken out of the chain', async () => {
    const org = (await db.one<{ id: string }>("INSERT INTO organization (slug, name) VALUES ('audit-blocks', 'Audit Blocks Clinic') RETURNING id"))!.id;
    const audit = createAuditService({ db, clock: systemClock, organizationId: org });
    for (let i = 0; i < 4; i++) {
      await audit.record(ctx, { action: 'appointment.read', resourceType: 'appointment', resourceId: `b${i}` });
      expect(await audit.seal()).toBe(1);
    }
    const tamperBlocks = (sql: string) => db.tx(async (t) => {
      await t.query('ALTER TABLE audit_block DISABLE TRIGGER audit_block_append_only');
      await t.query(sql, [org]);
      await t.query('ALTER TABLE audit_block ENABLE TRIGGER audit_block_append_only');
    });
    await tamperBlocks('UPDATE audit_block SET sealed_at = sealed_at - interval \'1 day\' WHERE organization_id = $1 AND block_no = 2');
    await tamperBlocks('DELETE FROM audit_block WHERE organization_id = $1 AND block_no = 3');
    const { breaks } = await audit.verify();
    expect(breaks.map((b) => b.message)).toEqual([
      'event #' + (await db.one<{ seq: string }>("SELECT seq FROM audit_event WHERE resource_id = 'b2' AND organization_id = $1", [org]))!.seq +
        ' (' + (await db.one<{ id: string }>("SELECT id FROM audit_event WHERE resource_id = 'b2' AND organization_id = $1", [org]))!.id + ') was added after sealing: it lies in a sealed range but no block lists it',
      'block #2 was altered: its content no longer matches its hash',
      'blocks #3 to #3 are missing before block #4',
      'the link into block #4 is broken: it does not follow the block before it',
    ]);
  });

  it('stores grouped read events exactly as given, whatever characters they hold', async () => {
    const org = (await db.one<{ id: string }>("INSERT INTO organization (slug, name) VALUES ('audit-text', 'Audit Text Clinic') RETURNING id"))!.id;
    const audit = createAuditService({ db, clock: systemClock, organizationId: org });
    const odd = ['Mozilla/5.0 "quoted" \\ back\\slash', 'niño – 東京 – 🙂', "'; DROP TABLE audit_event; --", 'x'.repeat(500), 'lone \ud800 surrogate'];
    await Promise.all(odd.map((userAgent, i) => audit.recordRead({ ...ctx, userAgent, requestId: `odd-${i}` }, { action: 'odd.read', resourceType: 'x', resourceId: String(i), reason: i === 0 ? null : userAgent })));
    const rows = await db.query<{ user_agent: string; reason: string | null; request_id: string }>(
      'SELECT user_agent, reason, request_id FROM audit_event WHERE organization_id = $1 ORDER BY resource_id', [org]);
    // A lone surrogate is stored as U+FFFD, as a plain parameter would be, instead of failing the group.
    const stored = (text: string) => text.replace('\ud800', '\ufffd');
    expect(rows).toEqual(odd.map((ua, i) => ({ user_agent: stored(ua.slice(0, 400)), reason: i === 0 ? null : stored(ua), request_id: `odd-${i}` })));
  });

  it('answers an audited read only once its event is written, and not at all when the event cannot be', async () => {
    const org = (await db.one<{ id: string }>("INSERT INTO organization (slug, name) VALUES ('audit-read', 'Audit Read Clinic') RETURNING id"))!.id;
    const query = { sql: "SELECT 'a secret' AS value", params: [] as const };
    const count = async () => (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM audit_event WHERE organization_id = $1', [org]))!.n;

    const audit = createAuditService({ db, clock: systemClock, organizationId: org });
    // Concurrent reads share inserts; each answer comes back with its own event already in the table.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      audit.readAudited({ ...ctx, requestId: `read-${i}` }, { action: 'secret.read', resourceType: 'secret', resourceId: String(i) }, query).then(async (rows) => ({
        rows, own: await db.one('SELECT 1 AS yes FROM audit_event WHERE organization_id = $1 AND resource_id = $2', [org, String(i)]),
      }))));
    for (const a of answers) expect(a).toEqual({ rows: [{ value: 'a secret' }], own: { yes: 1 } });
    expect(await count()).toBe(20);
    const ids = await db.query<{ resource_id: string }>('SELECT resource_id FROM audit_event WHERE organization_id = $1 ORDER BY resource_id::int', [org]);
    expect(ids.map((r) => r.resource_id)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));

    // A database that takes the read but refuses the event: the caller gets the error, never the rows.
    const refusing: Db = Object.assign(Object.create(db) as Db, {
      relaxed: {
        query: async (sql: string, params?: readonly unknown[]) => {
          if (/INSERT INTO audit_event/.test(sql)) throw new Error('audit storage unavailable');
          return db.relaxed.query(sql, params);
        },
        one: db.relaxed.one.bind(db.relaxed),
      },
    });
    const failing = createAuditService({ db: refusing, clock: systemClock, organizationId: org });
    await expect(failing.readAudited(ctx, { action: 'secret.read', resourceType: 'secret' }, query)).rejects.toThrow(/audit storage unavailable/);
    await expect(failing.recordRead(ctx, { action: 'secret.read', resourceType: 'secret' })).rejects.toThrow(/audit storage unavailable/);
    expect(await count()).toBe(20);
    await audit.stopSealing();
    expect((await audit.verify()).breaks).toEqual([]);
  });
});

describe('audit anchors (the newest block hash kept outside the database)', () => {
  it('npm run audit:verify names the newest blocks cut off, which the chain alone cannot show', async () => {
    const h = await chainDb();
    let db = h.db;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relief-anchors-'));
    const file = path.join(dir, 'anchors.jsonl');
    try {
      const org = (await db.one<{ id: string }>("INSERT INTO organization (slug, name) VALUES ('anchored', 'Anchored Clinic') RETURNING id"))!.id;
      const audit = createAuditService({ db, clock: systemClock, organizationId: org });
      const write = (line: string) => appendDurably(file, line);
      expect(await audit.anchor(write)).toBeNull(); // nothing sealed yet: nothing to anchor
      for (let i = 0; i < 3; i++) {
        await audit.record(ctx, { action: 'appointment.read', resourceType: 'appointment', resourceId: `c${i}` });
        expect(await audit.anchor(write)).toMatchObject({ organizationId: org, blockNo: i + 1 });
      }
      expect(await audit.anchor(write)).toBeNull(); // no new block: no new line
      expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);

      // A superuser removes the newest block and its event: every remaining link still holds.
      const last = (await db.one<{ seqs: string[] }>('SELECT seqs::text[] AS seqs FROM audit_block WHERE organization_id = $1 AND block_no = 3', [org]))!.seqs;
      await db.tx(async (t) => {
        await t.query('ALTER TABLE audit_block DISABLE TRIGGER audit_block_append_only');
        await t.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
        await t.query('DELETE FROM audit_block WHERE organization_id = $1 AND block_no = 3', [org]);
        await t.query('DELETE FROM audit_event WHERE organization_id = $1 AND seq = ANY($2::bigint[])', [org, last]);
        await t.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
        await t.query('ALTER TABLE audit_block ENABLE TRIGGER audit_block_append_only');
      });
      if (!process.env.DATABASE_URL) await db.close();
      const chainOnly = await verifyCli(h.env);
      expect(chainOnly.out).toMatch(/Anchored Clinic: 2 audit events, chain intact\. Newest block #2/);
      const anchored = await verifyCli({ ...h.env, AUDIT_ANCHOR_FILE: file });
      expect(anchored.code).toBe(1);
      expect(anchored.out).toContain('Checking 3 anchor(s)');
      expect(anchored.out).toMatch(/Anchored Clinic: 2 audit events, 1 broken link\(s\)/);
      expect(anchored.out).toMatch(/block #3, anchored at \S+, is gone: the trail was cut back or replaced/);
      db = await h.reopen();
    } finally {
      if (!process.env.DATABASE_URL) await db.close();
      await h.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('the server anchors the newest block when it stops, so the last events before a shutdown are covered', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relief-anchors-'));
    const file = path.join(dir, 'anchors.jsonl');
    try {
      const t = await startTestApp({ auditAnchorFile: file });
      const consult = (await t.app.inject('/api/visit-types')).json().items.find((v: { code: string }) => v.code === 'new-patient-consult').id;
      const { slots } = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-02', to: '2026-12-02' } })).json();
      expect((await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slots[0], consult) })).statusCode).toBe(201);
      await t.app.close();
      const { anchors, errors } = parseAnchors(fs.readFileSync(file, 'utf8'));
      expect(errors).toEqual([]);
      const newest = await t.db.one<{ blockNo: number; hash: string }>(
        `SELECT block_no::float8 AS "blockNo", encode(hash, 'hex') AS hash FROM audit_block WHERE organization_id = $1 ORDER BY block_no DESC LIMIT 1`, [t.organizationId]);
      expect(anchors.at(-1)).toMatchObject({ organizationId: t.organizationId, ...newest });
      await t.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
