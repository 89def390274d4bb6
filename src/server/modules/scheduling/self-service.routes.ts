import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AvailabilityResponse, BookingResponse, IdParam } from '../../../shared/contracts/booking.js';
import { Uuid } from '../../../shared/contracts/clinic.js';
import {
  AppointmentRequest, AppointmentRequestInput, BookFromRequest, DeclineRequest, PatientAvailabilityQuery, PatientBookingRequest, PatientHome,
  SelfServiceOffers, StaffAppointmentRequest,
} from '../../../shared/contracts/self-service.js';
import { DeskBookingResponse } from '../../../shared/contracts/staff.js';
import { granted } from '../access/index.js';
import type { SchedulingService } from './scheduling.service.js';
import { IdempotencyHeaders } from './scheduling.routes.js';

const PatientParam = z.strictObject({ patientId: Uuid });

/**
 * The patient's self-service (issue 12): home, offers, their own booking and
 * requests; the desk's list of requests, booked or declined from there.
 */
export const selfServiceRoutes =
  (scheduling: SchedulingService): FastifyPluginAsyncZod =>
  async (app) => {
    const self = scheduling.selfService;
    // Staff are refused before the body is read, and the refusal recorded, as on the patient's other routes.
    const patientSideOnly = async (req: FastifyRequest) => scheduling.patientSide.assertPatientSide(granted(req), req.audit, '');

    app.get('/api/patients/:patientId/home', {
      config: { policy: 'appointment.read' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: "The patient's home: next visits with their instructions, and what needs doing", params: PatientParam, response: { 200: PatientHome } },
    }, async (req) => self.home(granted(req), req.params.patientId, req.audit));

    app.get('/api/patients/:patientId/visit-types', {
      config: { policy: 'appointment.read' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: 'The visit types this patient may book or request online', params: PatientParam, response: { 200: SelfServiceOffers } },
    }, async (req) => self.offers(granted(req), req.params.patientId, req.audit));

    app.get('/api/patients/:patientId/availability', {
      config: { policy: 'appointment.read' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: 'Open slots for a visit type this patient may book online', params: PatientParam, querystring: PatientAvailabilityQuery, response: { 200: AvailabilityResponse } },
    }, async (req) => self.availability(granted(req), req.params.patientId, req.query));

    app.post('/api/patients/:patientId/appointments', {
      config: { policy: 'appointment.write' }, preValidation: patientSideOnly,
      schema: {
        tags: ['portal'], summary: 'The patient books a visit type offered to them (a retry with the same Idempotency-Key returns the first result)',
        params: PatientParam, headers: IdempotencyHeaders, body: PatientBookingRequest, response: { 201: BookingResponse },
      },
    }, async (req, reply) => {
      const result = await self.book(granted(req), req.params.patientId, req.body, req.headers['idempotency-key'], req.audit);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(result.body);
    });

    app.get('/api/patients/:patientId/appointment-requests', {
      config: { policy: 'appointment.read' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: "The patient's requests for visits the desk books, with their status", params: PatientParam, response: { 200: z.object({ items: z.array(AppointmentRequest) }) } },
    }, async (req) => ({ items: await self.requests(granted(req), req.params.patientId, req.audit) }));

    app.post('/api/patients/:patientId/appointment-requests', {
      config: { policy: 'appointment.write' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: 'Ask for a visit the desk books (request-only visit types): preferred days and times, a note', params: PatientParam, body: AppointmentRequestInput, response: { 201: AppointmentRequest } },
    }, async (req, reply) => reply.code(201).send(await self.request(granted(req), req.params.patientId, req.body, req.audit)));

    app.get('/api/staff/appointment-requests', {
      config: { policy: 'schedule.read' },
      schema: { tags: ['staff'], summary: 'Open appointment requests, oldest first', response: { 200: z.object({ items: z.array(StaffAppointmentRequest) }) } },
    }, async (req) => ({ items: await self.openForDesk(granted(req), req.audit) }));

    app.post('/api/staff/appointment-requests/:id/decline', {
      config: { policy: 'schedule.write' },
      schema: { tags: ['staff'], summary: 'Decline an open request, with a reason the patient reads', params: IdParam, body: DeclineRequest, response: { 200: AppointmentRequest } },
    }, async (req) => self.decline(granted(req), req.params.id, req.body.reason, req.audit));

    app.post('/api/staff/appointment-requests/:id/book', {
      config: { policy: 'schedule.write' },
      schema: { tags: ['staff'], summary: "Book an open request's visit at a slot the desk chose", params: IdParam, body: BookFromRequest, response: { 201: DeskBookingResponse } },
    }, async (req, reply) => reply.code(201).send(await self.bookFromRequest(granted(req), req.params.id, req.body, req.audit)));
  };
