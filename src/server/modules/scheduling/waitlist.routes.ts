import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PatientAppointmentParams } from '../../../shared/contracts/booking.js';
import { Uuid } from '../../../shared/contracts/clinic.js';
import {
  AcceptedOffer, AcceptOfferRequest, CalendarFeedCreated, CalendarFeedStatus, OfferTokenParam, PublicWaitlistOffer, StaffWaitlistOffer, StaffWaitlistQuery,
  WaitlistEntry, WaitlistEntryAnswer, WaitlistRequest,
} from '../../../shared/contracts/waitlist.js';
import { assertGrant, granted } from '../access/index.js';
import type { AuditContext } from '../audit/index.js';
import type { SchedulingService } from './scheduling.service.js';

const PatientParam = z.strictObject({ patientId: Uuid });
/** The feed's path: the token and '.ics' in one segment, as calendar apps expect a file name. */
const FeedParam = z.strictObject({ file: z.string().max(120) });
/** Public offer links act for whoever holds the token. */
const tokenHolder = (ctx: AuditContext): AuditContext => ({ ...ctx, actorRole: 'token_holder' });

/** Issue 12: the patient's calendar feed, the earlier-visit waitlist, its public offer links and the desk's list of offers. */
export const waitlistRoutes =
  (scheduling: SchedulingService): FastifyPluginAsyncZod =>
  async (app) => {
    const { waitlist, calendarFeed, patientSide: side } = scheduling;
    const patientSideOnly = async (req: FastifyRequest<{ Params: unknown }>) => side.assertPatientSide(granted(req), req.audit, (req.params as { id?: string }).id ?? '');
    const own = (req: FastifyRequest, permission: 'appointment.read' | 'appointment.write' | 'calendar_feed.manage', patientId: string) => {
      const grant = granted(req);
      assertGrant(grant, permission, patientId);
      return patientId;
    };

    // The calendar feed: the patient (or a full caregiver) makes, renews and revokes it; a calendar app reads it by its URL.
    app.get('/api/patients/:patientId/calendar-feed', {
      config: { policy: 'calendar_feed.manage' },
      schema: { tags: ['portal'], summary: 'Whether the patient has a calendar feed (its URL is shown only when made)', params: PatientParam, response: { 200: CalendarFeedStatus } },
    }, async (req) => calendarFeed.status(own(req, 'calendar_feed.manage', req.params.patientId)));

    app.post('/api/patients/:patientId/calendar-feed', {
      config: { policy: 'calendar_feed.manage' },
      schema: { tags: ['portal'], summary: 'Make the calendar feed URL, or renew it (the old URL stops working); the URL is in this answer only', params: PatientParam, response: { 201: CalendarFeedCreated } },
    }, async (req, reply) => reply.code(201).send(await calendarFeed.issue(own(req, 'calendar_feed.manage', req.params.patientId), req.audit)));

    app.delete('/api/patients/:patientId/calendar-feed', {
      config: { policy: 'calendar_feed.manage' },
      schema: { tags: ['portal'], summary: 'Revoke the calendar feed: its URL stops working', params: PatientParam },
    }, async (req, reply) => {
      await calendarFeed.revoke(own(req, 'calendar_feed.manage', req.params.patientId), req.audit);
      return reply.code(204).send();
    });

    app.get('/api/calendar/:file', {
      config: { policy: 'public' },
      schema: { tags: ['portal'], summary: "A patient's calendar feed (iCalendar, no health details) by its private URL '<token>.ics'", params: FeedParam },
    }, async (req, reply) => {
      const token = req.params.file.endsWith('.ics') ? req.params.file.slice(0, -4) : '';
      const ics = await calendarFeed.read(token, req.audit);
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, no-store').send(ics);
    });

    // The waitlist, from the patient's appointment.
    app.get('/api/patients/:patientId/waitlist', {
      config: { policy: 'appointment.read' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: "The patient's waitlist entries with their offers", params: PatientParam, response: { 200: z.object({ items: z.array(WaitlistEntry) }) } },
    }, async (req) => ({ items: await waitlist.entries(own(req, 'appointment.read', req.params.patientId), req.audit) }));

    app.get('/api/patients/:patientId/appointments/:id/waitlist', {
      config: { policy: 'appointment.read' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: 'Whether this appointment waits for an earlier time, and its offers', params: PatientAppointmentParams, response: { 200: WaitlistEntryAnswer } },
    }, async (req) => ({ entry: await waitlist.entry(own(req, 'appointment.read', req.params.patientId), req.params.id, req.audit) }));

    app.post('/api/patients/:patientId/appointments/:id/waitlist', {
      config: { policy: 'appointment.write' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: 'Ask for an earlier time (which days and times suit, and how to be told), or change what is asked', params: PatientAppointmentParams, body: WaitlistRequest, response: { 200: WaitlistEntryAnswer, 201: WaitlistEntryAnswer } },
    }, async (req, reply) => {
      const { created, entry } = await waitlist.join(own(req, 'appointment.write', req.params.patientId), req.params.id, req.body, req.audit);
      return reply.code(created ? 201 : 200).send({ entry });
    });

    app.delete('/api/patients/:patientId/appointments/:id/waitlist', {
      config: { policy: 'appointment.write' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: 'Leave the waitlist: no more offers for this appointment', params: PatientAppointmentParams },
    }, async (req, reply) => {
      await waitlist.leave(own(req, 'appointment.write', req.params.patientId), req.params.id, req.audit);
      return reply.code(204).send();
    });

    app.post('/api/patients/:patientId/appointments/:id/waitlist/accept', {
      config: { policy: 'appointment.write' }, preValidation: patientSideOnly,
      schema: { tags: ['portal'], summary: 'Accept an offer of an earlier time from the patient pages (the old visit is released)', params: PatientAppointmentParams, body: AcceptOfferRequest, response: { 200: AcceptedOffer } },
    }, async (req) => waitlist.accept({ offerId: req.body.offerId, patientId: own(req, 'appointment.write', req.params.patientId) }, req.audit));

    // The offer link of the notice: public, by its token.
    app.get('/api/waitlist/offers/:token', {
      config: { policy: 'public' },
      schema: { tags: ['portal'], summary: 'An offer of an earlier time, by its link (when and where only)', params: OfferTokenParam, response: { 200: PublicWaitlistOffer } },
    }, async (req) => waitlist.publicOffer(req.params.token, tokenHolder(req.audit)));

    app.post('/api/waitlist/offers/:token/accept', {
      config: { policy: 'public' },
      schema: { tags: ['portal'], summary: 'Accept an offer by its link: the first acceptance gets the time, a late one hears it was just taken', params: OfferTokenParam, response: { 200: AcceptedOffer } },
    }, async (req) => waitlist.accept({ token: req.params.token }, tokenHolder(req.audit)));

    // The front desk's view of offers sent, accepted and expired.
    app.get('/api/staff/waitlist', {
      config: { policy: 'schedule.read' },
      schema: { tags: ['desk'], summary: 'Waitlist offers, newest first (at most 200), by status, location and the dates they were sent', querystring: StaffWaitlistQuery, response: { 200: z.object({ items: z.array(StaffWaitlistOffer) }) } },
    }, async (req) => ({ items: await waitlist.staffOffers(req.query, req.audit) }));
  };
