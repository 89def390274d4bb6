import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AvailabilityQuery, AvailabilityResponse, BookingRequest, BookingResponse, CancelRequest, CodeQuery, IdParam, ManagedAppointment, OnlineBookingStatus,
  PatientAppointmentParams, PatientCancelRequest, PatientRescheduleOptionsQuery, PatientRescheduleRequest, RescheduleOptionsQuery, RescheduleRequest,
} from '../../../shared/contracts/booking.js';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { granted } from '../access/index.js';
import type { AuditContext } from '../audit/index.js';
import type { SchedulingService } from './scheduling.service.js';

export const IdempotencyHeaders = z.object({
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
    app.get('/api/online-booking', {
      config: { policy: 'public' },
      schema: { tags: ['booking'], summary: 'Whether the clinic takes bookings on its website now', response: { 200: OnlineBookingStatus } },
    }, async () => scheduling.onlineBookingStatus());

    app.get('/api/availability', {
      config: { policy: 'public' },
      schema: { tags: ['booking'], summary: 'Open slots over local dates (at most 31 days) for a visit type anyone may book online, while online booking is open', querystring: AvailabilityQuery, response: { 200: AvailabilityResponse } },
    }, async (req) => scheduling.publicAvailability(req.query));

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
      schema: { tags: ['booking'], summary: 'An appointment, given its confirmation code', params: IdParam, querystring: CodeQuery, response: { 200: ManagedAppointment } },
    }, async (req) => scheduling.get(req.params.id, req.query.code, codeHolder(req.audit)));

    app.get('/api/appointments/:id/calendar.ics', {
      config: { policy: 'public' },
      schema: { tags: ['booking'], summary: 'The appointment as an iCalendar event', params: IdParam, querystring: CodeQuery },
    }, async (req, reply) => {
      return sendIcs(reply, await scheduling.calendar(req.params.id, req.query.code, codeHolder(req.audit)));
    });

    app.get('/api/appointments/:id/availability', {
      config: { policy: 'public' },
      schema: { tags: ['booking'], summary: 'Times the appointment may move to: its location, its practitioner unless any is asked for', params: IdParam, querystring: RescheduleOptionsQuery, response: { 200: AvailabilityResponse } },
    }, async (req) => {
      const { code, ...q } = req.query;
      return scheduling.rescheduleOptions(req.params.id, { code }, q);
    });

    app.post('/api/appointments/:id/cancel', {
      config: { policy: 'public' },
      schema: { tags: ['booking'], summary: "Cancel, with a reason (online until the visit type's cutoff)", params: IdParam, body: CancelRequest, response: { 200: ManagedAppointment } },
    }, async (req) => scheduling.cancel(req.params.id, { code: req.body.code }, req.body.reason, codeHolder(req.audit)));

    app.post('/api/appointments/:id/reschedule', {
      config: { policy: 'public' },
      schema: { tags: ['booking'], summary: "Move to another open slot, with the same practitioner unless another is named (online until the visit type's cutoff)", params: IdParam, body: RescheduleRequest, response: { 200: ManagedAppointment } },
    }, async (req) => {
      const { code, ...move } = req.body;
      return scheduling.reschedule(req.params.id, { code }, move, codeHolder(req.audit));
    });

    // The patient portal's list of visits, for the patient, their caregivers and staff.
    app.get('/api/patients/:patientId/appointments', { config: { policy: 'appointment.read' }, schema: { tags: ['portal'], summary: "A patient's appointments", params: z.strictObject({ patientId: Uuid }) } }, async (req) => ({
      items: await scheduling.patientAppointments(granted(req), req.audit, req.params.patientId),
    }));

    // A signed-in patient (or their caregiver) manages their own visits without the code (issue 11).
    const side = scheduling.patientSide;
    const patientSideOnly = async (req: FastifyRequest<{ Params: unknown }>) => side.assertPatientSide(granted(req), req.audit, (req.params as { id?: string }).id ?? '');
    app.post('/api/patients/:patientId/appointments/:id/cancel', {
      config: { policy: 'appointment.write' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: "Cancel one of the patient's appointments, with a reason (until the visit type's cutoff)", params: PatientAppointmentParams, body: PatientCancelRequest, response: { 200: ManagedAppointment } },
    }, async (req) => side.cancel(granted(req), req.params.patientId, req.params.id, req.body.reason, req.audit));

    app.post('/api/patients/:patientId/appointments/:id/reschedule', {
      config: { policy: 'appointment.write' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: "Move one of the patient's appointments, with the same practitioner unless another is named (until the visit type's cutoff)", params: PatientAppointmentParams, body: PatientRescheduleRequest, response: { 200: ManagedAppointment } },
    }, async (req) => side.reschedule(granted(req), req.params.patientId, req.params.id, req.body, req.audit));

    app.get('/api/patients/:patientId/appointments/:id/availability', {
      config: { policy: 'appointment.read' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: "Times one of the patient's appointments may move to", params: PatientAppointmentParams, querystring: PatientRescheduleOptionsQuery, response: { 200: AvailabilityResponse } },
    }, async (req) => side.rescheduleOptions(granted(req), req.params.patientId, req.params.id, req.query));

    app.get('/api/patients/:patientId/appointments/:id/calendar.ics', {
      config: { policy: 'appointment.read' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: "One of the patient's appointments as an iCalendar event", params: PatientAppointmentParams },
    }, async (req, reply) => sendIcs(reply, await side.calendar(granted(req), req.params.patientId, req.params.id, req.audit)));
  };

function sendIcs(reply: FastifyReply, ics: string) {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', 'attachment; filename="appointment.ics"')
    .send(ics);
}
