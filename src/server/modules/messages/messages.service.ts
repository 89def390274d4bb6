import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { checkFile, createDbFileStore, type CheckedFile, type FileStore } from '../../platform/files.js';
import {
  MESSAGE_FILE_MAX_BYTES, type InboxFilter, type LiveMessageEvent, type MessagePool, type MessageTopic,
} from '../../../shared/contracts/messages.js';
import { AppError } from '../../../shared/errors.js';
import type { Role } from '../../../shared/roles.js';
import { toZonedIso } from '../../../shared/time.js';
import { assertGrant, type Grant } from '../access/index.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { NoticesService } from '../notices/index.js';
import type { NextVisit } from '../scheduling/index.js';
import {
  decodeCursor, encodeCursor, mayBeAssigned, maySeeThread, poolOfTopic, poolsOf, rolesForPool, safeFileName, selectInbox,
} from './engine/inbox.js';
import * as repo from './messages.repo.js';
import type { UploadedFile } from './uploads.js';

export interface MessagesDeps {
  db: Db;
  clock: Clock;
  organizationId: string;
  audit: AuditService;
  notices: NoticesService;
  /** The patient's next visit (scheduling's, handed in by the descriptor: no SQL of another module here). */
  nextVisit(q: Queryable, patientId: string, now: number): Promise<NextVisit | null>;
  files?: FileStore;
}

/** A write that may be retried with an Idempotency-Key: the first answer comes back, never a second message. */
export interface Retry {
  idempotencyKey?: string | undefined;
}

const notFound = () => new AppError('NOT_FOUND', 'Not found.', { reason: 'not_found' });
const PAGE = 25;

export function createMessagesService(deps: MessagesDeps) {
  const { db, clock, organizationId, audit, notices } = deps;
  const files = deps.files ?? createDbFileStore();

  const authorKindOf = (grant: Grant): repo.AuthorKind => (grant.basis === 'caregiver' ? 'caregiver' : 'patient');
  const publish = (t: Queryable, e: Omit<LiveMessageEvent, 'type'>) => repo.notifyChange(t, JSON.stringify({ topic: 'messages', type: 'messages.changed', ...e }));

  /** Every file checked before any write: a refused one (named by its part) leaves nothing stored. */
  async function checkAll(uploads: readonly UploadedFile[]): Promise<{ upload: UploadedFile; file: CheckedFile; sha256: string }[]> {
    const checked = [];
    for (const u of uploads) {
      const file = await checkFile(u.bytes, { maxBytes: MESSAGE_FILE_MAX_BYTES, field: u.field, fileName: u.fileName });
      checked.push({ upload: u, file, sha256: file.sha256 });
    }
    return checked;
  }

  const requestHash = (what: unknown) => createHash('sha256').update(JSON.stringify(what)).digest('hex');

  /**
   * One write in one transaction, answered once: with an Idempotency-Key the
   * key is claimed first, and a retry gets the stored answer (a different
   * request under the same key is a 409).
   */
  async function once<T>(grant: Grant, retry: Retry, hash: string, write: (t: Queryable) => Promise<T>): Promise<{ body: T; replayed: boolean }> {
    return db.tx(async (t) => {
      const key = retry.idempotencyKey;
      if (key) {
        const claim = await repo.claimIdempotencyKey(t, { organizationId, userId: grant.userId, key, requestHash: hash, now: clock.now() });
        if (!claim.claimed) {
          if (claim.requestHash !== hash) throw new AppError('CONFLICT', 'This Idempotency-Key was used for another request.', { reason: 'idempotency_key_reused' });
          return { body: claim.response as T, replayed: true };
        }
      }
      const body = await write(t);
      if (key) await repo.storeIdempotentAnswer(t, { organizationId, userId: grant.userId, key, response: body });
      return { body, replayed: false };
    });
  }

  /** The message, its files (stored in `t` through the files platform) and the author's read marker. */
  async function writeMessage(
    t: Queryable,
    m: { threadId: string; authorUserId: string; authorKind: repo.AuthorKind; internal: boolean; body: string; files: Awaited<ReturnType<typeof checkAll>> },
  ): Promise<string> {
    const now = clock.now();
    const msg = await repo.insertMessage(t, { organizationId, threadId: m.threadId, authorUserId: m.authorUserId, authorKind: m.authorKind, internal: m.internal, body: m.body, now });
    const stored = [];
    for (const f of m.files) {
      const info = await files.putChecked(t, organizationId, f.file);
      stored.push({ fileId: info.id, fileName: safeFileName(f.upload.fileName, f.file.ext) });
    }
    await repo.insertAttachments(t, organizationId, msg.id, stored);
    await repo.markRead(t, { organizationId, threadId: m.threadId, userId: m.authorUserId, seq: msg.seq, now });
    return msg.id;
  }

  /**
   * "You have a new message": to the patient by the channels they chose for
   * messages, in their language, with no content (staff replies and new
   * threads, never notes). Delivery is kicked after the commit.
   */
  async function tellPatient(t: Queryable, patientId: string, threadId: string): Promise<void> {
    const p = await repo.patientContact(t, organizationId, patientId);
    if (!p) return;
    await notices.notifyPatient(t, { patientId, kind: 'message', template: 'message.new', params: { firstName: p.firstName, threadId }, subject: { type: 'message_thread', id: threadId } });
  }

  async function patientThreadIn(q: Queryable, patientId: string, threadId: string, readerUserId: string) {
    const query = repo.patientThreadQuery(organizationId, patientId, threadId, readerUserId);
    const [row] = await q.query<{ thread: repo.SummaryRow; messages: repo.MessageRow[] }>(query.sql, query.params);
    if (!row) throw notFound();
    return row;
  }

  // ---- The patient's side: the patient, or a caregiver with full access (access decided whose record the path names).

  async function patientInbox(grant: Grant, ctx: AuditContext, patientId: string) {
    assertGrant(grant, 'message.read', patientId);
    const [rows, replyBusinessDays] = await Promise.all([
      audit.readAudited(ctx, { action: 'message.read', resourceType: 'message_inbox', resourceId: patientId, patientId, reason: grant.basis }, repo.patientInboxQuery(organizationId, patientId, grant.userId)),
      repo.replyBusinessDays(db, organizationId),
    ]);
    const items = rows.map((r) => r.thread);
    return { items, unread: items.reduce((n, i) => n + i.unread, 0), replyBusinessDays };
  }

  async function patientThread(grant: Grant, ctx: AuditContext, patientId: string, threadId: string) {
    assertGrant(grant, 'message.read', patientId);
    if (!repo.isUuid(threadId)) throw notFound();
    const [row] = await audit.readAudited(ctx, { action: 'message.read', resourceType: 'message_thread', resourceId: threadId, patientId, reason: grant.basis }, repo.patientThreadQuery(organizationId, patientId, threadId, grant.userId));
    if (!row) throw notFound();
    return row;
  }

  async function patientStart(grant: Grant, ctx: AuditContext, patientId: string, fields: { topic: MessageTopic; subject: string; body: string }, uploads: UploadedFile[], retry: Retry) {
    assertGrant(grant, 'message.send', patientId);
    const checked = await checkAll(uploads);
    const hash = requestHash(['patient.start', patientId, fields, checked.map((c) => [c.sha256, c.upload.fileName])]);
    return once(grant, retry, hash, async (t) => {
      const pool = poolOfTopic(fields.topic);
      const authorKind = authorKindOf(grant);
      const threadId = await repo.insertThread(t, { organizationId, patientId, topic: fields.topic, pool, subject: fields.subject, createdBy: grant.userId, authorKind, now: clock.now() });
      const messageId = await writeMessage(t, { threadId, authorUserId: grant.userId, authorKind, internal: false, body: fields.body, files: checked });
      await audit.record(ctx, { action: 'message.send', resourceType: 'message', resourceId: messageId, patientId, reason: grant.basis }, t);
      await publish(t, { threadId, patientId, pool, assigneeUserId: null });
      return patientThreadIn(t, patientId, threadId, grant.userId);
    });
  }

  async function patientReply(grant: Grant, ctx: AuditContext, patientId: string, threadId: string, fields: { body: string }, uploads: UploadedFile[], retry: Retry) {
    assertGrant(grant, 'message.send', patientId);
    const checked = await checkAll(uploads);
    const hash = requestHash(['patient.reply', patientId, threadId, fields, checked.map((c) => [c.sha256, c.upload.fileName])]);
    return once(grant, retry, hash, async (t) => {
      const head = await repo.threadHead(t, organizationId, threadId, true);
      if (!head || head.patientId !== patientId) throw notFound();
      // A patient's message reopens a closed thread (in the same statement as the message).
      const messageId = await writeMessage(t, { threadId, authorUserId: grant.userId, authorKind: authorKindOf(grant), internal: false, body: fields.body, files: checked });
      await audit.record(ctx, { action: 'message.send', resourceType: 'message', resourceId: messageId, patientId, reason: grant.basis }, t);
      await publish(t, { threadId, patientId, pool: head.pool, assigneeUserId: head.assigneeUserId });
      const thread = await patientThreadIn(t, patientId, threadId, grant.userId);
      return thread.messages.find((m) => m.id === messageId)!;
    });
  }

  async function patientMarkRead(grant: Grant, patientId: string, threadId: string): Promise<void> {
    assertGrant(grant, 'message.read', patientId);
    await db.tx(async (t) => {
      const head = await repo.threadHead(t, organizationId, threadId);
      if (!head || head.patientId !== patientId) throw notFound();
      await repo.markRead(t, { organizationId, threadId, userId: grant.userId, seq: null, now: clock.now() });
      await publish(t, { threadId, patientId, pool: head.pool, assigneeUserId: head.assigneeUserId });
    });
  }

  async function download(ctx: AuditContext, place: repo.AttachmentPlace, reason: string) {
    const file = await files.get(db, organizationId, place.fileId);
    if (!file) throw notFound();
    await audit.recordRead(ctx, { action: 'message.download', resourceType: 'message_attachment', resourceId: place.id, patientId: place.patientId, reason });
    return { bytes: file.bytes, mediaType: file.mediaType, fileName: place.fileName };
  }

  async function patientDownload(grant: Grant, ctx: AuditContext, patientId: string, attachmentId: string) {
    assertGrant(grant, 'message.read', patientId);
    const place = await repo.attachmentPlace(db, organizationId, attachmentId);
    // Another patient's attachment, and a note's, are not there for this reader.
    if (!place || place.patientId !== patientId || place.internal) throw notFound();
    return download(ctx, place, grant.basis);
  }

  // ---- Staff: their pools, and what is assigned to them.

  const readerOf = (grant: Grant) => ({ userId: grant.userId, role: grant.role });

  /**
   * The thread's head if this staff member may see it; else the 404 an
   * unknown id gets, the attempt recorded. Asked before a write's transaction
   * (a refusal's event must not roll back with it); the write then locks the
   * head and asks again (`lockedHead`).
   */
  async function visibleHead(grant: Grant, ctx: AuditContext, threadId: string, action: string): Promise<repo.ThreadHead> {
    const head = await repo.threadHead(db, organizationId, threadId);
    if (head && maySeeThread(readerOf(grant), head)) return head;
    if (head) await audit.record(ctx, { action, resourceType: 'message_thread', resourceId: threadId, patientId: head.patientId, outcome: 'denied', reason: 'not in their pools or assigned to them' });
    throw notFound();
  }

  async function lockedHead(t: Queryable, grant: Grant, threadId: string): Promise<repo.ThreadHead> {
    const head = await repo.threadHead(t, organizationId, threadId, true);
    if (!head || !maySeeThread(readerOf(grant), head)) throw notFound();
    return head;
  }

  async function staffThreadIn(q: Queryable, grant: Grant, threadId: string, patientId: string) {
    const query = repo.staffThreadQuery(organizationId, threadId, grant.userId);
    const [[row], next] = await Promise.all([q.query<{ thread: repo.StaffSummaryRow; messages: repo.StaffMessageRow[] }>(query.sql, query.params), deps.nextVisit(q, patientId, clock.now())]);
    return { ...row!, nextVisit: visitOut(next) };
  }

  const visitOut = (v: NextVisit | null) => (v ? { id: v.id, start: toZonedIso(v.start, v.timeZone), timeZone: v.timeZone, visitTypeName: v.visitTypeName, locationName: v.locationName } : null);

  async function staffInbox(grant: Grant, ctx: AuditContext, q: { pool?: MessagePool | undefined; filter: InboxFilter; cursor?: string | undefined }) {
    assertGrant(grant, 'inbox.read');
    const cursor = q.cursor ? decodeCursor(q.cursor) : null;
    if (q.cursor && !cursor) throw new AppError('INVALID', 'cursor: is not one this server gave; start from the first page', { reason: 'invalid', issues: [{ field: 'cursor', message: 'is not one this server gave' }] });
    const rows = await repo.staffInbox(db, { organizationId, readerUserId: grant.userId, selection: selectInbox(readerOf(grant), q.filter, q.pool), cursor, limit: PAGE + 1 });
    const page = rows.slice(0, PAGE);
    // Each thread shown names a patient: one read event per thread.
    await audit.recordMany(ctx, { action: 'inbox.read', resourceType: 'message_thread' }, page.map((r) => ({ resourceId: r.thread.id, patientId: r.thread.patientId })));
    const last = page.at(-1);
    return { items: page.map((r) => r.thread), next: rows.length > PAGE && last ? encodeCursor({ at: last.cursorAt, id: last.thread.id }) : null };
  }

  async function staffThread(grant: Grant, ctx: AuditContext, threadId: string) {
    assertGrant(grant, 'inbox.read');
    const head = await visibleHead(grant, ctx, threadId, 'message.read');
    const query = repo.staffThreadQuery(organizationId, threadId, grant.userId);
    const [[row], next] = await Promise.all([
      audit.readAudited(ctx, { action: 'message.read', resourceType: 'message_thread', resourceId: threadId, patientId: head.patientId, reason: 'role' }, query),
      deps.nextVisit(db, head.patientId, clock.now()),
    ]);
    if (!row) throw notFound();
    return { ...row, nextVisit: visitOut(next) };
  }

  async function staffStart(grant: Grant, ctx: AuditContext, patientId: string, fields: { topic: MessageTopic; subject: string; body: string }, uploads: UploadedFile[], retry: Retry) {
    assertGrant(grant, 'inbox.write');
    const checked = await checkAll(uploads);
    const hash = requestHash(['staff.start', patientId, fields, checked.map((c) => [c.sha256, c.upload.fileName])]);
    const started = await once(grant, retry, hash, async (t) => {
      if (!(await repo.patientContact(t, organizationId, patientId))) throw notFound();
      const pool = poolOfTopic(fields.topic);
      // The one who starts a thread has it: it is theirs to follow, whichever pool it lands in.
      const threadId = await repo.insertThread(t, { organizationId, patientId, topic: fields.topic, pool, subject: fields.subject, createdBy: grant.userId, authorKind: 'staff', now: clock.now() });
      await repo.setAssignment(t, { organizationId, threadId, pool, assigneeUserId: grant.userId, now: clock.now() });
      const messageId = await writeMessage(t, { threadId, authorUserId: grant.userId, authorKind: 'staff', internal: false, body: fields.body, files: checked });
      await audit.record(ctx, { action: 'message.send', resourceType: 'message', resourceId: messageId, patientId, reason: 'started a thread' }, t);
      await tellPatient(t, patientId, threadId);
      await publish(t, { threadId, patientId, pool, assigneeUserId: grant.userId });
      return staffThreadIn(t, grant, threadId, patientId);
    });
    notices.kick();
    return started;
  }

  async function staffPost(grant: Grant, ctx: AuditContext, threadId: string, fields: { body: string; internal: 'true' | 'false' }, uploads: UploadedFile[], retry: Retry) {
    assertGrant(grant, 'inbox.write');
    const internal = fields.internal === 'true';
    const checked = await checkAll(uploads);
    const hash = requestHash(['staff.post', threadId, fields, checked.map((c) => [c.sha256, c.upload.fileName])]);
    await visibleHead(grant, ctx, threadId, internal ? 'message.note' : 'message.send');
    const sent = await once(grant, retry, hash, async (t) => {
      const head = await lockedHead(t, grant, threadId);
      const messageId = await writeMessage(t, { threadId, authorUserId: grant.userId, authorKind: 'staff', internal, body: fields.body, files: checked });
      await audit.record(ctx, { action: internal ? 'message.note' : 'message.send', resourceType: 'message', resourceId: messageId, patientId: head.patientId, reason: 'role' }, t);
      if (!internal) await tellPatient(t, head.patientId, threadId);
      await publish(t, { threadId, patientId: head.patientId, pool: head.pool, assigneeUserId: head.assigneeUserId });
      const row = await staffThreadIn(t, grant, threadId, head.patientId);
      return row.messages.find((m) => m.id === messageId)!;
    });
    if (!internal) notices.kick();
    return sent;
  }

  /** Claim, assign, close: one locked head, one change, its event and its live frame, in one transaction. */
  async function change(grant: Grant, ctx: AuditContext, threadId: string, action: 'message.claim' | 'message.assign' | 'message.close', apply: (t: Queryable, head: repo.ThreadHead) => Promise<{ pool: MessagePool; assigneeUserId: string | null; reason?: string }>) {
    assertGrant(grant, 'inbox.write');
    await visibleHead(grant, ctx, threadId, action);
    return db.tx(async (t) => {
      const head = await lockedHead(t, grant, threadId);
      const after = await apply(t, head);
      await audit.record(ctx, { action, resourceType: 'message_thread', resourceId: threadId, patientId: head.patientId, reason: after.reason ?? null }, t);
      await publish(t, { threadId, patientId: head.patientId, pool: after.pool, assigneeUserId: after.assigneeUserId });
      return (await repo.staffSummary(t, organizationId, threadId, grant.userId))!;
    });
  }

  const claim = (grant: Grant, ctx: AuditContext, threadId: string) =>
    change(grant, ctx, threadId, 'message.claim', async (t, head) => {
      await repo.setAssignment(t, { organizationId, threadId, pool: head.pool, assigneeUserId: grant.userId, now: clock.now() });
      return { pool: head.pool, assigneeUserId: grant.userId };
    });

  const assign = (grant: Grant, ctx: AuditContext, threadId: string, to: { userId: string } | { pool: MessagePool }) =>
    change(grant, ctx, threadId, 'message.assign', async (t, head) => {
      if ('pool' in to) {
        await repo.setAssignment(t, { organizationId, threadId, pool: to.pool, assigneeUserId: null, now: clock.now() });
        return { pool: to.pool, assigneeUserId: null, reason: `to the ${to.pool} pool` };
      }
      const user = await repo.activeUser(t, organizationId, to.userId);
      if (!user || !mayBeAssigned(user.role as Role, head.pool)) {
        throw new AppError('INVALID', 'userId: does not work in this inbox; choose someone from the list', { reason: 'assignee_not_allowed', issues: [{ field: 'userId', message: 'does not work in this inbox' }] });
      }
      await repo.setAssignment(t, { organizationId, threadId, pool: head.pool, assigneeUserId: to.userId, now: clock.now() });
      return { pool: head.pool, assigneeUserId: to.userId, reason: 'to a person' };
    });

  const close = (grant: Grant, ctx: AuditContext, threadId: string) =>
    change(grant, ctx, threadId, 'message.close', async (t, head) => {
      await repo.closeThread(t, organizationId, threadId, clock.now());
      return { pool: head.pool, assigneeUserId: head.assigneeUserId };
    });

  async function staffMarkRead(grant: Grant, ctx: AuditContext, threadId: string): Promise<void> {
    assertGrant(grant, 'inbox.read');
    await visibleHead(grant, ctx, threadId, 'inbox.read');
    await db.tx(async (t) => {
      const head = await lockedHead(t, grant, threadId);
      await repo.markRead(t, { organizationId, threadId, userId: grant.userId, seq: null, now: clock.now() });
      await publish(t, { threadId, patientId: head.patientId, pool: head.pool, assigneeUserId: head.assigneeUserId });
    });
  }

  async function staffDownload(grant: Grant, ctx: AuditContext, attachmentId: string) {
    assertGrant(grant, 'inbox.read');
    const place = await repo.attachmentPlace(db, organizationId, attachmentId);
    if (!place || !maySeeThread(readerOf(grant), place)) throw notFound();
    return download(ctx, place, 'role');
  }

  async function counts(grant: Grant) {
    assertGrant(grant, 'inbox.read');
    return repo.staffCounts(db, organizationId, grant.userId, poolsOf(grant.role));
  }

  async function assignees(grant: Grant, pool?: MessagePool) {
    assertGrant(grant, 'inbox.read');
    const roles = pool ? rolesForPool(pool) : ['nurse', 'front_desk', 'billing', 'clinician'];
    return repo.staffOfRoles(db, organizationId, roles);
  }

  return {
    patientInbox, patientThread, patientStart, patientReply, patientMarkRead, patientDownload,
    staffInbox, staffThread, staffStart, staffPost, claim, assign, close, staffMarkRead, staffDownload, counts, assignees,
    /** Whether a person may follow this patient's threads live (their own record, or a full caregiver grant). */
    mayFollowPatient: (userId: string, patientId: string) => repo.mayFollowPatient(db, organizationId, userId, patientId),
    purgeIdempotencyKeys: () => repo.purgeIdempotencyKeys(db, clock.now() - 7 * 24 * 3_600_000),
  };
}
export type MessagesService = ReturnType<typeof createMessagesService>;
