import type { WritePart } from '../../db/compose.js';
import type { Db, Queryable, ReadQuery } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { verifyChain, type ChainBreak } from './engine/verify-chain.js';
import { anchorLine, checkAnchors, type Anchor } from './engine/anchors.js';
import * as repo from './audit.repo.js';
import { createGroupWriter } from '../../platform/group-writer.js';
import { createWindowTally } from '../../platform/window-tally.js';

export type { AuditEventRow } from './audit.repo.js';

/** Who did it, from where: taken from the request by the HTTP layer. */
export interface AuditContext {
  actorUserId: string | null;
  actorRole: string;
  sourceIp: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  outcome?: 'success' | 'denied' | 'failure';
  reason?: string | null;
}

export function createAuditService(deps: { db: Db; clock: Clock; organizationId: string }) {
  const { db, clock, organizationId } = deps;

  const eventOf = (ctx: AuditContext, e: AuditEntry): repo.AuditEventInput => ({
    organizationId, occurredAt: clock.now(), ...ctx, action: e.action, resourceType: e.resourceType,
    resourceId: e.resourceId ?? null, patientId: e.patientId ?? null, outcome: e.outcome ?? 'success', reason: e.reason ?? null,
  });

  /** Appends an event; pass the transaction that reads or writes the data, so both commit or neither. */
  async function record(ctx: AuditContext, e: AuditEntry, q: Queryable = db): Promise<void> {
    await repo.insertEvent(q, eventOf(ctx, e));
  }

  /**
   * The event as a write for the caller's own statement (db/compose.ts): it
   * commits with the change it records, in the same round trip.
   */
  function recordPart(ctx: AuditContext, e: AuditEntry): WritePart {
    return repo.insertEventPart(eventOf(ctx, e));
  }

  // Reads' events are written by group insert, without waiting for the WAL flush (Db.relaxed).
  const reads = createGroupWriter<repo.AuditEventInput>((events) => repo.insertEventBatch(db.relaxed, events));

  /**
   * Records a read of health information that changed nothing. Resolves once
   * the event is written: callers answer only after it, so no answer ever
   * leaves without its event. Events of concurrent requests share one insert.
   */
  async function recordRead(ctx: AuditContext, e: AuditEntry): Promise<void> {
    await reads.append(eventOf(ctx, e));
  }

  /**
   * Runs a read of health information and records it in the same statement:
   * one round trip, and the event is written if and only if the read
   * succeeds, before any row is returned. `query` is a single SELECT; it runs
   * on the relaxed connection, so its event's commit does not wait for the
   * WAL flush (Db.relaxed), like every read's event.
   */
  async function readAudited<T>(ctx: AuditContext, e: AuditEntry, query: ReadQuery<T>): Promise<T[]> {
    return repo.selectRecording<T>(db.relaxed, query, eventOf(ctx, e));
  }

  /** One event per patient or resource touched by a single access (a schedule view, a search). */
  async function recordMany(
    ctx: AuditContext,
    e: { action: string; resourceType: string; outcome?: 'success' | 'denied' | 'failure'; reason?: string | null },
    items: { resourceId: string | null; patientId: string | null }[],
    q: Queryable = db,
  ): Promise<void> {
    await repo.insertEvents(q, { organizationId, occurredAt: clock.now(), ...ctx, action: e.action, resourceType: e.resourceType, outcome: e.outcome ?? 'success', reason: e.reason ?? null }, items);
  }

  /*
   * Refusals of requests without a valid session are traffic anyone can send as
   * fast as they like, and each row stays in the insert-only trail for good. So
   * they are tallied per address, route and reason in one-minute windows: the
   * first of a window is written at once, the rest are counted and written as
   * one summary row when the window ends (on the sealing tick, or at shutdown).
   * The tally is per process: with P processes a key writes at most 2P rows a
   * minute, and the trail still holds every refusal, as a row or in a count.
   * Past 1,000 open keys (many addresses at once) a new address is counted
   * with any address on that route and reason: routes and reasons are few, so
   * rows stay bounded however many addresses send. A process killed outright
   * (SIGKILL, power loss) loses the counts of its open windows: at most a
   * minute of such refusals beyond the first of each window.
   */
  const iso = (ms: number) => new Date(ms).toISOString();
  const refusals = createWindowTally<{ ctx: AuditContext; entry: AuditEntry; at: number }>({
    now: () => clock.now(),
    write: (r) => repo.insertEvent(db, { ...eventOf(r.ctx, r.entry), occurredAt: r.at }),
    summarize: ({ first, more, from, to, pooled }) => ({
      ctx: { ...first.ctx, ...(pooled ? { sourceIp: null } : {}), userAgent: null, requestId: null },
      entry: { ...first.entry, reason: `${first.entry.reason} (${more} more from ${pooled ? 'other addresses, too many to tally one by one,' : 'this address'} between ${iso(from)} and ${iso(to)})` },
      at: to,
    }),
  });

  /**
   * Records a refusal of a request without a valid session, tallied as above:
   * resolves once written if it is the first of its address, action, resource
   * and reason in the minute, at once if it is counted. `resourceId` must come
   * from a small set (a route pattern, never a path as sent).
   */
  function recordRefusalWithoutSession(ctx: AuditContext, e: AuditEntry): Promise<void> {
    const what = [e.action, e.resourceType, e.resourceId ?? null, e.reason ?? null];
    return refusals.add(JSON.stringify(['address', ctx.sourceIp, ...what]), JSON.stringify(['any', ...what]), { ctx, entry: { ...e, outcome: 'denied' }, at: clock.now() });
  }

  /**
   * Seals what is pending, then recomputes every block and every sealed
   * event's digest, and names each broken link. `head` is the newest block;
   * a copy kept outside the database (an anchor) shows a rewrite of the
   * newest blocks, which no chain held in the same database can, so with
   * anchors it also names each anchored block gone or changed.
   */
  async function verify(anchors: readonly Anchor[] = []): Promise<{ events: number; breaks: ChainBreak[]; head: { blockNo: number; hash: string } | null }> {
    await seal();
    const blocks = await repo.readBlocks(db, organizationId);
    const faults = await repo.findEventFaults(db, organizationId);
    const last = blocks.at(-1);
    const mine = anchors.filter((a) => a.organizationId === organizationId);
    return {
      events: blocks.reduce((n, b) => n + b.events, 0),
      breaks: [...verifyChain(blocks, faults), ...checkAnchors(blocks, mine)],
      head: last ? { blockNo: last.blockNo, hash: last.hash } : null,
    };
  }

  let anchored = 0;
  /**
   * Seals, then hands the newest block to `write` (an append to storage outside
   * the database) when it is newer than the last one anchored by this process.
   */
  async function anchor(write: (line: string) => Promise<void>): Promise<Anchor | null> {
    await seal();
    const head = await repo.newestBlock(db, organizationId);
    if (!head || head.blockNo <= anchored) return null;
    const a: Anchor = { at: new Date(clock.now()).toISOString(), organizationId, blockNo: head.blockNo, hash: head.hash };
    await write(anchorLine(a));
    anchored = head.blockNo;
    return a;
  }

  const seal = () => db.tx((t) => repo.seal(t, organizationId));
  let timer: NodeJS.Timeout | undefined;
  let sealing: Promise<unknown> | undefined;
  let report: (err: unknown) => void = () => undefined;

  return {
    record,
    recordPart,
    recordRead,
    readAudited,
    recordMany,
    recordRefusalWithoutSession,
    seal,
    /**
     * Seals every second, and writes the summaries of tallied refusals whose
     * minute is over; a failure is logged by the caller's hook and retried on the next tick.
     */
    startSealing(intervalMs = 1000, onError: (err: unknown) => void = () => undefined): void {
      report = onError;
      timer = setInterval(() => {
        refusals.flushDue().catch(onError);
        sealing ??= seal().catch(onError).finally(() => (sealing = undefined));
      }, intervalMs);
      timer.unref();
    },
    /** Writes every tallied refusal, waits for pending reads' events, and seals them. */
    async stopSealing(): Promise<void> {
      if (timer) clearInterval(timer);
      await refusals.flushAll().catch((err) => report(new Error(`${refusals.pending()} refusal(s) without a session, counted but not written to the audit trail: ${(err as Error).message}`, { cause: err })));
      await reads.idle();
      await sealing;
      await seal().catch(() => undefined);
    },
    verify,
    anchor,
    find: async (f: Omit<repo.AuditFilter, 'organizationId'>) => {
      await seal();
      return repo.findEvents(db, { organizationId, ...f });
    },
    /** The audit report: the events a filter finds, sealed first; reading the trail is itself audited. */
    async report(f: Omit<repo.AuditFilter, 'organizationId'>, ctx: AuditContext) {
      await seal();
      const rows = await repo.findEvents(db, { organizationId, ...f });
      await record(ctx, { action: 'audit.read', resourceType: 'audit_event', patientId: f.patientId ?? null, reason: `${rows.length} event${rows.length === 1 ? '' : 's'}` });
      return rows;
    },
    /** Accounting of disclosures (45 CFR 164.528): who accessed a patient's record, and how. */
    disclosuresOf: (patientId: string) => repo.findEvents(db, { organizationId, patientId, limit: 1000, asDisclosures: true }),
  };
}
export type AuditService = ReturnType<typeof createAuditService>;

