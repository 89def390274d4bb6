import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Uuid } from '../../../shared/contracts/clinic.js';
import {
  AssigneeQuery, AssignRequest, InboxCounts, InboxQuery, Message, NewThreadFields, PatientInbox, PatientThread, ReplyFields, StaffInbox,
  StaffMessage, StaffNewThreadFields, StaffReplyFields, StaffRef, StaffThread, StaffThreadParams, StaffThreadSummary, ThreadParams,
} from '../../../shared/contracts/messages.js';
import type { LiveSocketSession } from '../../platform/module.js';
import { granted } from '../access/index.js';
import { attachmentDisposition } from './engine/inbox.js';
import { MESSAGES_TOPIC } from './messages-live.js';
import type { MessagesService } from './messages.service.js';
import { MULTIPART_LIMITS, readUpload } from './uploads.js';

const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200, { error: 'must be at most 200 characters' }).regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' }).optional(),
});
const PatientParam = z.strictObject({ patientId: Uuid });
const GrantParam = z.strictObject({ patientId: Uuid, id: Uuid });
const MULTIPART = 'multipart/form-data: form fields as named, each file a part named `files` (PDF, PNG or JPEG, at most 10 MB, 5 per message)';

export interface MessagesLive {
  add(socket: import('ws').WebSocket, session: LiveSocketSession, subscriptions: { topic: string; params?: unknown }[]): void;
}

function sendFile(reply: FastifyReply, f: { bytes: Buffer; mediaType: string; fileName: string }) {
  return reply
    .type(f.mediaType)
    .header('content-disposition', attachmentDisposition(f.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(f.bytes);
}

/** A download is the reader's alone: no shared cache keeps it (set after the house's headers, which say only no-store). */
const privateNoStore = async (_req: unknown, reply: FastifyReply, payload: unknown) => {
  reply.header('cache-control', 'private, no-store');
  return payload;
};

/** Secure messages' HTTP adapters (issue 12): the patient's side under /api/patients/:patientId, the staff's under /api/staff. */
export const messagesRoutes =
  (messages: MessagesService, live: MessagesLive): FastifyPluginAsyncZod =>
  async (app) => {
    // Only these routes take multipart bodies; the access guard runs before any part is read.
    await app.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });

    app.get('/api/patients/:patientId/threads', {
      config: { policy: 'message.read' },
      schema: { tags: ['messages'], summary: "The patient's message threads, unread counts and the clinic's reply time", params: PatientParam, response: { 200: PatientInbox } },
    }, async (req) => messages.patientInbox(granted(req), req.audit, req.params.patientId));

    app.post('/api/patients/:patientId/threads', {
      config: { policy: 'message.send' },
      schema: { tags: ['messages'], summary: `Start a thread (topic, subject, body). ${MULTIPART}`, params: PatientParam, headers: IdempotencyHeaders, response: { 201: PatientThread } },
    }, async (req, reply) => {
      const up = await readUpload(req, NewThreadFields);
      const r = await messages.patientStart(granted(req), req.audit, req.params.patientId, up.fields, up.files, { idempotencyKey: req.headers['idempotency-key'] });
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(r.body);
    });

    app.get('/api/patients/:patientId/threads/:id', {
      config: { policy: 'message.read' },
      schema: { tags: ['messages'], summary: 'One thread and its messages', params: ThreadParams, response: { 200: PatientThread } },
    }, async (req) => messages.patientThread(granted(req), req.audit, req.params.patientId, req.params.id));

    app.post('/api/patients/:patientId/threads/:id/messages', {
      config: { policy: 'message.send' },
      schema: { tags: ['messages'], summary: `Write in a thread (body); reopens a closed one. ${MULTIPART}`, params: ThreadParams, headers: IdempotencyHeaders, response: { 201: Message } },
    }, async (req, reply) => {
      const up = await readUpload(req, ReplyFields);
      const r = await messages.patientReply(granted(req), req.audit, req.params.patientId, req.params.id, up.fields, up.files, { idempotencyKey: req.headers['idempotency-key'] });
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(r.body);
    });

    app.post('/api/patients/:patientId/threads/:id/read', {
      config: { policy: 'message.read' },
      schema: { tags: ['messages'], summary: 'Mark the thread read up to its newest message', params: ThreadParams },
    }, async (req, reply) => {
      await messages.patientMarkRead(granted(req), req.params.patientId, req.params.id);
      return reply.code(204).send();
    });

    app.get('/api/patients/:patientId/attachments/:id', {
      config: { policy: 'message.read' }, onSend: privateNoStore,
      schema: { tags: ['messages'], summary: 'Download an attachment (Content-Disposition: attachment, the type read from its bytes)', params: GrantParam },
    }, async (req, reply) => sendFile(reply, await messages.patientDownload(granted(req), req.audit, req.params.patientId, req.params.id)));

    app.get('/api/staff/inbox', {
      config: { policy: 'inbox.read' },
      schema: { tags: ['messages'], summary: "A page of the reader's inbox: their pools and what is assigned to them, by filter", querystring: InboxQuery, response: { 200: StaffInbox } },
    }, async (req) => messages.staffInbox(granted(req), req.audit, req.query));

    app.get('/api/staff/inbox/counts', {
      config: { policy: 'inbox.read' },
      schema: { tags: ['messages'], summary: "Counts for the console's navigation", response: { 200: InboxCounts } },
    }, async (req) => messages.counts(granted(req)));

    app.get('/api/staff/inbox/assignees', {
      config: { policy: 'inbox.read' },
      schema: { tags: ['messages'], summary: 'Staff a thread of the pool may be handed to', querystring: AssigneeQuery, response: { 200: z.object({ items: z.array(StaffRef) }) } },
    }, async (req) => ({ items: await messages.assignees(granted(req), req.query.pool) }));

    app.post('/api/staff/patients/:patientId/threads', {
      config: { policy: 'inbox.write' },
      schema: { tags: ['messages'], summary: `Start a thread with a patient (topic, subject, body); it is assigned to its starter. ${MULTIPART}`, params: PatientParam, headers: IdempotencyHeaders, response: { 201: StaffThread } },
    }, async (req, reply) => {
      const up = await readUpload(req, StaffNewThreadFields);
      const r = await messages.staffStart(granted(req), req.audit, req.params.patientId, up.fields, up.files, { idempotencyKey: req.headers['idempotency-key'] });
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(r.body);
    });

    app.get('/api/staff/threads/:id', {
      config: { policy: 'inbox.read' },
      schema: { tags: ['messages'], summary: "A thread with its internal notes, beside the patient's next visit", params: StaffThreadParams, response: { 200: StaffThread } },
    }, async (req) => messages.staffThread(granted(req), req.audit, req.params.id));

    app.post('/api/staff/threads/:id/messages', {
      config: { policy: 'inbox.write' },
      schema: { tags: ['messages'], summary: `Reply (the patient is emailed that a message waits) or write an internal note (internal=true). ${MULTIPART}`, params: StaffThreadParams, headers: IdempotencyHeaders, response: { 201: StaffMessage } },
    }, async (req, reply) => {
      const up = await readUpload(req, StaffReplyFields);
      const r = await messages.staffPost(granted(req), req.audit, req.params.id, up.fields, up.files, { idempotencyKey: req.headers['idempotency-key'] });
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(r.body);
    });

    app.post('/api/staff/threads/:id/claim', {
      config: { policy: 'inbox.write' },
      schema: { tags: ['messages'], summary: 'Take the thread', params: StaffThreadParams, response: { 200: StaffThreadSummary } },
    }, async (req) => messages.claim(granted(req), req.audit, req.params.id));

    app.post('/api/staff/threads/:id/assign', {
      config: { policy: 'inbox.write' },
      schema: { tags: ['messages'], summary: 'Hand the thread to a person of its pool (or a clinician), or to a pool', params: StaffThreadParams, body: AssignRequest, response: { 200: StaffThreadSummary } },
    }, async (req) => messages.assign(granted(req), req.audit, req.params.id, req.body));

    app.post('/api/staff/threads/:id/close', {
      config: { policy: 'inbox.write' },
      schema: { tags: ['messages'], summary: 'Close the thread (a message from the patient reopens it)', params: StaffThreadParams, response: { 200: StaffThreadSummary } },
    }, async (req) => messages.close(granted(req), req.audit, req.params.id));

    app.post('/api/staff/threads/:id/read', {
      config: { policy: 'inbox.read' },
      schema: { tags: ['messages'], summary: 'Mark the thread read for the reader', params: StaffThreadParams },
    }, async (req, reply) => {
      await messages.staffMarkRead(granted(req), req.audit, req.params.id);
      return reply.code(204).send();
    });

    app.get('/api/staff/attachments/:id', {
      config: { policy: 'inbox.read' }, onSend: privateNoStore,
      schema: { tags: ['messages'], summary: 'Download an attachment of a thread the reader sees', params: StaffThreadParams },
    }, async (req, reply) => sendFile(reply, await messages.staffDownload(granted(req), req.audit, req.params.id)));

    app.get('/api/messages/live', {
      websocket: true, config: { policy: 'session.self' },
      schema: { tags: ['messages'], summary: `WebSocket: messages.changed frames (ids only) of the "${MESSAGES_TOPIC}" topic, by subscribe frames with params {patientId} (the patient or a full caregiver), {pool} or {assigneeUserId} (staff); closed with 4001 when the session ends` },
    }, (socket, req) => {
      const s = req.session!;
      live.add(socket, { idHash: s.idHash, userId: s.user.id, expiresAt: s.expiresAt, idleExpiresAt: s.idleExpiresAt, role: s.user.role, mfaPassed: s.mfaPassed, audit: req.audit }, []);
    });
  };
