import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../db/db.js';
import { migrate } from '../../db/migrate.js';
import { systemClock } from '../../platform/clock.js';
import { openTestDb } from '../../testing/test-db.js';
import { createAuditService } from './audit.service.js';
import * as repo from './audit.repo.js';

// How sealing decides which events a block covers (migration 0008). The
// concurrent cases really run concurrently on PostgreSQL (DATABASE_URL, as in
// CI); on PGlite the one connection serialises them, and the plain sequence
// of the same steps must seal the same events.
const ctx = { actorUserId: null, actorRole: 'front_desk', sourceIp: '192.0.2.1', userAgent: 'test', requestId: 'r1' };

let db: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => db?.dispose());

async function clinic(slug: string) {
  const org = (await db.one<{ id: string }>('INSERT INTO organization (slug, name) VALUES ($1, $1) RETURNING id', [slug]))!.id;
  return { org, audit: createAuditService({ db, clock: systemClock, organizationId: org }) };
}

/** A transaction that writes one event and stays open until released. */
function openWriter(audit: ReturnType<typeof createAuditService>, action: string) {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let written!: () => void;
  const ready = new Promise<void>((r) => (written = r));
  const done = db.tx(async (t) => {
    await audit.record(ctx, { action, resourceType: 'x' }, t);
    written();
    await held;
  });
  return { ready, release, done };
}

const blocksOf = (org: string) => db.query<{ n: number }>('SELECT cardinality(seqs) AS n FROM audit_block WHERE organization_id = $1 ORDER BY block_no', [org]);

describe('audit sealing', () => {
  it('seals what has committed while a later-started transaction is still open', async () => {
    const { org, audit } = await clinic('seal-overlap');
    if (db.kind === 'postgres') {
      // A, B and C write in that order; A commits while B and C stay open, so C's id is above the snapshot's xmax.
      const a = openWriter(audit, 'a.read');
      await a.ready;
      const b = openWriter(audit, 'b.read');
      await b.ready;
      const c = openWriter(audit, 'c.read');
      await c.ready;
      a.release();
      await a.done;
      expect(await audit.seal()).toBe(1);
      b.release();
      c.release();
      await Promise.all([b.done, c.done]);
    } else {
      await audit.record(ctx, { action: 'a.read', resourceType: 'x' });
      expect(await audit.seal()).toBe(1);
      await audit.record(ctx, { action: 'b.read', resourceType: 'x' });
      await audit.record(ctx, { action: 'c.read', resourceType: 'x' });
    }
    expect(await audit.seal()).toBe(2);
    expect(await blocksOf(org)).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await audit.verify()).breaks).toEqual([]);
  });

  it('reads the running transactions afresh when one transaction seals twice', async () => {
    const { org, audit } = await clinic('seal-twice');
    await db.tx(async (t) => {
      expect(await repo.seal(t, org)).toBe(0);
      if (db.kind === 'postgres') {
        // Opened after the first seal read the list of running transactions; a later event commits meanwhile.
        const w = openWriter(audit, 'slow.read');
        await w.ready;
        await audit.record(ctx, { action: 'later.read', resourceType: 'x' });
        expect(await repo.seal(t, org)).toBe(0);
        w.release();
        await w.done;
      }
    });
    if (db.kind !== 'postgres') {
      await audit.record(ctx, { action: 'slow.read', resourceType: 'x' });
      await audit.record(ctx, { action: 'later.read', resourceType: 'x' });
    }
    expect(await audit.seal()).toBe(2);
    expect((await audit.verify()).breaks).toEqual([]);
  });

  it('refuses to seal outside READ COMMITTED, where its snapshot would predate the horizon', async () => {
    const { org } = await clinic('seal-isolation');
    await expect(db.tx(async (t) => {
      await t.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      return repo.seal(t, org);
    })).rejects.toThrow(/READ COMMITTED/);
  });

  it('splits a long backlog into blocks at transaction boundaries', async () => {
    const { org, audit } = await clinic('seal-backlog');
    const write = (n: number) => db.tx((t) => audit.recordMany(ctx, { action: 'x.read', resourceType: 'x' }, Array.from({ length: n }, (_, i) => ({ resourceId: String(i), patientId: null })), t));
    for (let i = 0; i < 3; i++) await write(8);
    await write(25);
    const sealed = await db.tx((t: Queryable) => repo.seal(t, org, 10));
    expect(sealed).toBe(49);
    // 8 + 8 would pass 10, so each transaction is a block; one of 25 cannot be split.
    expect(await blocksOf(org)).toEqual([{ n: 8 }, { n: 8 }, { n: 8 }, { n: 25 }]);
    expect((await audit.verify()).breaks).toEqual([]);
  });

  it('stops, loudly, when the transaction counter is behind the last block (a restore into another cluster)', async () => {
    const { org, audit } = await clinic('seal-restored');
    await audit.record(ctx, { action: 'x.read', resourceType: 'x' });
    // What a dump of a busier cluster leaves behind: a block whose range lies beyond this cluster's transaction ids.
    await db.query(
      `INSERT INTO audit_block (organization_id, block_no, xact_from, xact_to, seqs, digests, prev_hash, hash, sealed_at)
       VALUES ($1, 1, 0, 9000000000000, '{}', '{}', '\\x00', '\\x00', now())`, [org]);
    await expect(audit.seal()).rejects.toThrow(/restored into another PostgreSQL cluster/);
  });
});

describe('migration 0008 on a trail sealed under the per-event chain', () => {
  let old: Db & { dispose(): Promise<void> };
  beforeAll(async () => {
    old = await openTestDb({ migrations: 7 });
  });
  afterAll(async () => old?.dispose());

  it('keeps the evidence of changes made before it, and seals the rest intact', async () => {
    const org = (await old.one<{ id: string }>("INSERT INTO organization (slug, name) VALUES ('legacy', 'Legacy') RETURNING id"))!.id;
    const legacy = createAuditService({ db: old, clock: systemClock, organizationId: org });
    for (let i = 0; i < 6; i++) await legacy.record(ctx, { action: 'appointment.read', resourceType: 'appointment', resourceId: `l${i}` });
    await old.query('SELECT audit_seal($1)', [org]);
    await legacy.record(ctx, { action: 'appointment.read', resourceType: 'appointment', resourceId: 'unsealed' });
    const seqs = (await old.query<{ seq: string; id: string }>('SELECT seq, id FROM audit_event ORDER BY seq')).map((r) => ({ seq: Number(r.seq), id: r.id }));
    await old.tx(async (t) => {
      await t.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      // #2 changed as is; #4 changed and its hash recomputed, so only the link into #5 shows it.
      await t.query("UPDATE audit_event SET reason = 'edited' WHERE seq = $1", [seqs[1]!.seq]);
      await t.query("UPDATE audit_event SET reason = 'edited' WHERE seq = $1", [seqs[3]!.seq]);
      await t.query('UPDATE audit_event e SET hash = audit_hash(e) WHERE seq = $1', [seqs[3]!.seq]);
      await t.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    });

    expect(await migrate(old)).toContain('0008_audit_blocks.sql');
    const audit = createAuditService({ db: old, clock: systemClock, organizationId: org });
    await audit.record(ctx, { action: 'appointment.read', resourceType: 'appointment', resourceId: 'after' });
    const { events, breaks } = await audit.verify();
    expect(events).toBe(8);
    expect(breaks.map((b) => b.message)).toEqual([
      `event #${seqs[1]!.seq} (${seqs[1]!.id}) was altered: its content no longer matches its digest in block #1`,
      `event #${seqs[4]!.seq} (${seqs[4]!.id}) no longer follows the event before it in the chain it was sealed in before blocks (removed, reordered or rewritten)`,
    ]);
  });
});
