import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import { Appointment, AvailabilityQuery, AvailabilityResponse, IdParam } from '../../../shared/contracts/booking.js';
import { BlockRequest, BlockResponse, DeskBookingRequest, DeskBookingResponse, DeskCancel, DeskReschedule, ScheduleQuery, ScheduleResponse, StatusChange } from '../../../shared/contracts/staff.js';
import { DESK_SCHEDULE_TOPIC } from './desk-live.js';
import type { LiveSocketSession } from '../../platform/module.js';
import type { DeskService } from './desk.service.js';

/** The session a live socket carries (platform/module.ts). */
export type DeskLiveSession = LiveSocketSession;

export interface LiveHub {
  /** Keeps the socket for as long as its session lasts, with these topic subscriptions (more may come as frames). */
  add(socket: WebSocket, session: DeskLiveSession, subscriptions: { topic: string; params?: unknown }[]): void;
}

export const deskRoutes =
  (desk: DeskService, live: LiveHub): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/staff/schedule', { config: { policy: 'schedule.read' }, schema: { tags: ['desk'], summary: "A location's schedule over up to 7 days", querystring: ScheduleQuery, response: { 200: ScheduleResponse } } }, async (req) =>
      desk.schedule(req.audit, req.query),
    );

    app.get('/api/staff/availability', { config: { policy: 'schedule.read' }, schema: { tags: ['desk'], summary: 'Open slots for any active visit type (procedures included), whether or not online booking is open', querystring: AvailabilityQuery, response: { 200: AvailabilityResponse } } }, async (req) =>
      desk.availability(req.query),
    );

    app.post('/api/staff/appointments', { config: { policy: 'schedule.write' }, schema: { tags: ['desk'], summary: 'Book any visit type for a patient on the phone (one without an email address gets the confirmation code to read out)', body: DeskBookingRequest, response: { 201: DeskBookingResponse } } }, async (req, reply) =>
      reply.code(201).send(await desk.book(req.audit, req.body)),
    );

    app.post('/api/staff/appointments/:id/status', { config: { policy: 'schedule.write' }, schema: { tags: ['desk'], summary: 'Check in, no-show, completed', params: IdParam, body: StatusChange, response: { 200: Appointment } } }, async (req) =>
      desk.setStatus(req.audit, req.params.id, req.body.status),
    );

    app.post('/api/staff/appointments/:id/cancel', { config: { policy: 'schedule.write' }, schema: { tags: ['desk'], summary: 'Cancel with a reason', params: IdParam, body: DeskCancel, response: { 200: Appointment } } }, async (req) =>
      desk.cancel(req.audit, req.params.id, req.body.reason),
    );

    app.post('/api/staff/appointments/:id/reschedule', { config: { policy: 'schedule.write' }, schema: { tags: ['desk'], summary: 'Move to another open slot', params: IdParam, body: DeskReschedule, response: { 200: Appointment } } }, async (req) =>
      desk.reschedule(req.audit, req.params.id, req.body),
    );

    app.post('/api/staff/blocks', { config: { policy: 'schedule.write' }, schema: { tags: ['desk'], summary: 'Block time or record time off for a practitioner; lists the visits still booked inside it', body: BlockRequest, response: { 201: BlockResponse } } }, async (req, reply) =>
      reply.code(201).send(await desk.addBlock(req.audit, req.body)),
    );

    app.delete('/api/staff/blocks/:id', { config: { policy: 'schedule.write' }, schema: { tags: ['desk'], summary: 'Remove a block', params: IdParam } }, async (req, reply) => {
      await desk.removeBlock(req.audit, req.params.id);
      return reply.code(204).send();
    });

    app.get('/api/staff/live', { websocket: true, config: { policy: 'schedule.read' }, schema: { tags: ['desk'], summary: 'WebSocket: schedule.changed events for open desks (subscribed to the desk.schedule topic of every location); more topics by subscribe frames; closed with code 4001 when its session ends' } }, (socket, req) => {
      const s = req.session!;
      const session = { idHash: s.idHash, userId: s.user.id, expiresAt: s.expiresAt, idleExpiresAt: s.idleExpiresAt, role: s.user.role, mfaPassed: s.mfaPassed, audit: req.audit };
      live.add(socket, session, [{ topic: DESK_SCHEDULE_TOPIC }]);
    });
  };
