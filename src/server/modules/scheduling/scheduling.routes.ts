import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Appointment, AvailabilityQuery, AvailabilityResponse, BookingRequest, BookingResponse, CancelRequest, CodeQuery, IdParam, RescheduleRequest,
} from '../../../shared/contracts/booking.js';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { granted } from '../access/index.js';
import type { AuditContext } from '../audit/index.js';
import type { SchedulingService } from './scheduling.service.js';

const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200, { error: 'must be at most 200 characters' })
    .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' })
    .optional(),
});

/** Public appointment routes act for whoever holds the confirmation code. */
const codeHolder = (ctx: AuditContext): AuditContext => ({ ...ctx, actorRole: 'code_holder' });

export const schedulingRoutes =
  (scheduling: SchedulingService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/availability', {
      config: { policy: 'public' },
      schema: { tags: ['booking'], summary: 'Open slots for a visit type over local dates (at most 31 days)', querystring: AvailabilityQuery, response: { 200: AvailabilityResponse } },
    }, async (req) => scheduling.availability(req.query));

    app.post('/api/appointments', {
      config: { policy: 'public' },
      schema: {
        tags: ['booking'],
        summary: 'Book a visit (a retry with the same Idempotency-Key returns the first result)',
        headers: IdempotencyHeaders,
        body: BookingRequest,
        response: { 201: BookingResponse },
      },
    }, async (req, reply) => {
      const result = await scheduling.book(req.body, { idempotencyKey: req.headers['idempotency-key'], via: 'web', ctx: { ...req.audit, actorRole: 'public' } });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(result.body);
    });

    app.get('/api/appointments/:id', {
      config: { policy: 'public' },
      schema: { tags: ['booking'], summary: 'An appointment, given its confirmation code', params: IdParam, querystring: CodeQuery, response: { 200: Appointment } },
    }, async (req) => scheduling.get(req.params.id, req.query.code, codeHolder(req.audit)));

    app.get('/api/appointments/:id/calendar.ics', {
      config: { policy: 'public' },
      schema: { tags: ['booking'], summary: 'The appointment as an iCalendar event', params: IdParam, querystring: CodeQuery },
    }, async (req, reply) => {
      const ics = await scheduling.calendar(req.params.id, req.query.code, codeHolder(req.audit));
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="appointment.ics"')
        .send(ics);
    });

    app.post('/api/appointments/:id/cancel', {
      config: { policy: 'public' },
      schema: { tags: ['booking'], summary: 'Cancel, with a reason', params: IdParam, body: CancelRequest, response: { 200: Appointment } },
    }, async (req) => scheduling.cancel(req.params.id, { code: req.body.code }, req.body.reason, codeHolder(req.audit)));

    app.post('/api/appointments/:id/reschedule', {
      config: { policy: 'public' },
      schema: { tags: ['booking'], summary: 'Move to another open slot', params: IdParam, body: RescheduleRequest, response: { 200: Appointment } },
    }, async (req) => {
      const { code, ...move } = req.body;
      return scheduling.reschedule(req.params.id, { code }, move, codeHolder(req.audit));
    });

    // The patient portal's list of visits, for the patient, their caregivers and staff.
    app.get('/api/patients/:patientId/appointments', { config: { policy: 'appointment.read' }, schema: { tags: ['portal'], summary: "A patient's appointments", params: z.strictObject({ patientId: Uuid }) } }, async (req) => ({
      items: await scheduling.patientAppointments(granted(req), req.audit, req.params.patientId),
    }));
  };
