import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/db.js';
import { constraintOf } from '../../db/errors.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../../shared/errors.js';
import type { AvailabilityQuery, AvailabilityResponse, BookingResponse } from '../../../shared/contracts/booking.js';
import type {
  AppointmentRequest, AppointmentRequestInput, PatientBookingRequest, PatientHome, SelfServiceOffers, StaffAppointmentRequest, TodoItem,
} from '../../../shared/contracts/self-service.js';
import type { DeskBookingResponse } from '../../../shared/contracts/staff.js';
import { toZonedIso } from '../../../shared/time.js';
import { assertGrant, type Grant, type Permission } from '../access/index.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { NoticesService } from '../notices/index.js';
import { changeableUntil, isEstablishedPatient, portalOffer } from './engine/online-policy.js';
import { buildPatientHome } from './engine/patient-home.js';
import type { BookOptions, BookingInput } from './booking-input.js';
import * as repo from './self-service.repo.js';
import type { SlotSearch } from './slot-search.js';

export interface SelfServiceDeps {
  db: Db;
  clock: Clock;
  organizationId: string;
  audit: AuditService;
  notices: NoticesService;
  slots: SlotSearch;
  book: (req: BookingInput, opts: BookOptions) => Promise<{ replayed: boolean; body: BookingResponse; emailed?: boolean }>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The patient's self-service (issue 12): their portal home, the visit types
 * they may book or request, their own bookings through the same slot search,
 * rules, constraints and 409 as public booking (scheduling's `book`, gated by
 * what this patient may book), and requests the desk books or declines.
 * Patient routes serve the patient and their caregivers (a limited-scope one
 * too: it is all appointments); staff use the desk.
 */
export function createSelfService(deps: SelfServiceDeps) {
  const { db, clock, organizationId, audit } = deps;

  const notHere = () => new AppError('FORBIDDEN', "These are the patient's own pages; staff book at the schedule desk.", { reason: 'role' });
  function patientSide(grant: Grant, permission: Permission, patientId: string): void {
    assertGrant(grant, permission, patientId);
    if (grant.basis !== 'own' && grant.basis !== 'caregiver') throw notHere();
  }

  async function facts(patientId: string) {
    const f = await repo.loadSelfServiceFacts(db, organizationId, patientId);
    const established = isEstablishedPatient(f.visits, clock.now());
    const offers = f.visitTypes.flatMap((v) => {
      const offer = portalOffer(v.online, established);
      return offer ? [{ visitTypeId: v.id, offer }] : [];
    });
    return { established, offers, patient: f.patient };
  }

  async function offers(grant: Grant, patientId: string, ctx: AuditContext): Promise<SelfServiceOffers> {
    patientSide(grant, 'appointment.read', patientId);
    const f = await facts(patientId);
    // Whether the patient has been seen is read from their visits: a read of their record.
    await audit.recordRead(ctx, { action: 'appointment.read', resourceType: 'self_service_offers', resourceId: patientId, patientId });
    return { established: f.established, items: f.offers };
  }

  async function availability(grant: Grant, patientId: string, q: AvailabilityQuery): Promise<AvailabilityResponse> {
    patientSide(grant, 'appointment.read', patientId);
    const { established } = await facts(patientId);
    return deps.slots.availability(db, { ...q, gate: established ? 'portal_established' : 'portal' });
  }

  /** The patient books for themselves: the booking's own notice and audit event, named to the patient. */
  async function book(grant: Grant, patientId: string, body: PatientBookingRequest, idempotencyKey: string | undefined, ctx: AuditContext) {
    patientSide(grant, 'appointment.write', patientId);
    const { established } = await facts(patientId);
    return deps.book(
      { ...body, reason: body.reason ?? '', patientId },
      { via: 'portal', established, idempotencyKey, scope: `POST /api/patients/${patientId}/appointments`, ctx },
    );
  }

  async function requests(grant: Grant, patientId: string, ctx: AuditContext): Promise<AppointmentRequest[]> {
    patientSide(grant, 'appointment.read', patientId);
    const rows = await audit.readAudited(ctx, { action: 'appointment_request.read', resourceType: 'appointment_requests', resourceId: patientId, patientId }, repo.requestsOfPatientQuery(organizationId, patientId));
    return repo.mapRequests(rows).map(toRequest);
  }

  /** A request for a 'request_only' visit type: a desk task, never a booking. The patient is emailed that it arrived. */
  async function request(grant: Grant, patientId: string, input: AppointmentRequestInput, ctx: AuditContext): Promise<AppointmentRequest> {
    patientSide(grant, 'appointment.write', patientId);
    const f = await facts(patientId);
    const offer = f.offers.find((o) => o.visitTypeId === input.visitTypeId)?.offer;
    if (offer !== 'request') {
      const message = offer === 'book' ? 'can be booked online: choose a time instead' : 'is not one you can ask for online; please call the location';
      throw new AppError('RULE', `visitTypeId: ${message}`, { issues: [{ field: 'visitTypeId', message }], reason: offer === 'book' ? 'invalid' : 'visit_type_not_bookable_online' });
    }
    const id = randomUUID();
    const now = clock.now();
    const parts = [audit.recordPart(ctx, { action: 'appointment_request.create', resourceType: 'appointment_request', resourceId: id, patientId })];
    if (f.patient?.email) {
      parts.push(deps.notices.enqueuePart({
        template: 'appointment_request.received', language: f.patient.language, to: f.patient.email, params: { firstName: f.patient.firstName },
        subject: { type: 'appointment_request', id },
      }));
    }
    try {
      const row = await repo.insertRequest(db, {
        id, organizationId, patientId, visitTypeId: input.visitTypeId, locationId: input.locationId ?? null,
        preferredDays: [...new Set(input.preferredDays)].sort((a, b) => a - b), preferredTimes: [...new Set(input.preferredTimes)], note: input.note,
        requestedBy: grant.userId, now,
      }, parts);
      deps.notices.kick();
      return toRequest(row);
    } catch (err) {
      if (constraintOf(err) === 'appointment_request_one_open') {
        throw new AppError('CONFLICT', 'You already asked for this kind of visit; the clinic will contact you.', { reason: 'request_already_open' });
      }
      throw err;
    }
  }

  /** The home: the next visits with their instructions, and what needs doing. Read and recorded in one statement. */
  async function home(grant: Grant, patientId: string, ctx: AuditContext): Promise<PatientHome> {
    patientSide(grant, 'appointment.read', patientId);
    const now = clock.now();
    const visits = await audit.readAudited(ctx, { action: 'appointment.read', resourceType: 'patient_home', resourceId: patientId, patientId }, repo.homeVisitsQuery(organizationId, patientId, now));
    const requestRows = await repo.requestsOfPatient(db, organizationId, patientId);
    const built = buildPatientHome({
      now,
      visits: visits.map((v) => ({ ...v, hasInstructions: v.instructionsEn.trim() !== '' || v.instructionsEs.trim() !== '' })),
      requests: repo.mapRequests(requestRows),
    });
    const zoned = (ms: number, zone: string) => toZonedIso(ms, zone);
    return {
      nextVisits: built.nextVisits.map((v) => ({
        id: v.id, status: v.status, start: zoned(v.start, v.timeZone), end: zoned(v.end, v.timeZone), timeZone: v.timeZone,
        visitTypeId: v.visitTypeId, practitionerId: v.practitionerId, locationId: v.locationId, locationName: v.locationName, locationPhone: v.locationPhone,
        practitionerName: v.practitionerName, visitTypeName: { en: v.visitTypeNameEn, es: v.visitTypeNameEs },
        instructions: { en: v.instructionsEn, es: v.instructionsEs }, changeableUntil: zoned(changeableUntil(v.start, v.cancelCutoffMin), v.timeZone),
      })),
      todo: built.todo.map((t): TodoItem => {
        switch (t.kind) {
          case 'visit_today':
          case 'visit_prepare':
            return { kind: t.kind, appointmentId: t.visit.id, start: zoned(t.visit.start, t.visit.timeZone), timeZone: t.visit.timeZone };
          case 'request_pending':
            return { kind: t.kind, requestId: t.request.id, visitTypeId: t.request.visitTypeId, createdAt: iso(t.request.createdAt) };
          case 'request_declined':
            return { kind: t.kind, requestId: t.request.id, visitTypeId: t.request.visitTypeId, reason: t.request.declineReason ?? '' };
        }
      }),
    };
  }

  // The desk's side.

  async function openForDesk(grant: Grant, ctx: AuditContext): Promise<StaffAppointmentRequest[]> {
    assertGrant(grant, 'schedule.read');
    const rows = await repo.openRequests(db, organizationId);
    await audit.recordMany(ctx, { action: 'appointment_request.read', resourceType: 'appointment_request' }, rows.map((r) => ({ resourceId: r.id, patientId: r.patientId })));
    return rows.map((r) => ({ ...toRequest(r), patientName: r.patientName, patientFirstName: r.patientFirstName, patientLastName: r.patientLastName, patientDateOfBirth: r.patientDateOfBirth, patientPhone: r.patientPhone, patientLanguage: r.patientLanguage }));
  }

  const unknownRequest = () => new AppError('NOT_FOUND', 'No such appointment request.', { reason: 'not_found' });
  const notOpen = (status: string) => new AppError('CONFLICT', `This request was already ${status}.`, { reason: 'request_not_open' });

  async function decline(grant: Grant, id: string, reason: string, ctx: AuditContext): Promise<AppointmentRequest> {
    assertGrant(grant, 'schedule.write');
    return db.tx(async (t) => {
      const row = await repo.findRequest(t, organizationId, id, true);
      if (!row) throw unknownRequest();
      if (row.status !== 'open') throw notOpen(row.status);
      const now = clock.now();
      await repo.declineRequest(t, { id, reason, by: grant.userId, now });
      await audit.record(ctx, { action: 'appointment_request.decline', resourceType: 'appointment_request', resourceId: id, patientId: row.patientId, reason }, t);
      return toRequest({ ...row, status: 'declined', declineReason: reason, decidedAt: now });
    });
  }

  /**
   * The desk books from a request: the request's patient and visit type, the
   * slot the desk chose, through the desk's booking. The request is marked
   * booked in the booking's own statement; its Idempotency-Key (one per
   * request) replays the first booking to a second desk that books it too.
   */
  async function bookFromRequest(grant: Grant, id: string, body: { practitionerId: string; locationId: string; start: string; reason?: string | undefined }, ctx: AuditContext): Promise<DeskBookingResponse> {
    assertGrant(grant, 'schedule.write');
    const row = await repo.findRequest(db, organizationId, id);
    if (!row) throw unknownRequest();
    if (row.status !== 'open') throw notOpen(row.status);
    const result = await deps.book(
      { visitTypeId: row.visitTypeId, practitionerId: body.practitionerId, locationId: body.locationId, start: body.start, patientId: row.patientId, reason: body.reason ?? row.note },
      {
        via: 'staff', idempotencyKey: `request:${id}`, scope: 'POST /api/staff/appointment-requests/:id/book', ctx,
        withParts: (appointmentId) => [
          repo.requestBookedPart({ id, appointmentId, by: grant.userId, now: clock.now() }),
          audit.recordPart(ctx, { action: 'appointment_request.book', resourceType: 'appointment_request', resourceId: id, patientId: row.patientId }),
        ],
      },
    );
    const emailed = result.replayed || result.emailed === true;
    return { ...result.body.appointment, confirmationCode: emailed ? null : result.body.confirmationCode };
  }

  return { offers, availability, book, requests, request, home, openForDesk, decline, bookFromRequest };
}

export type SelfService = ReturnType<typeof createSelfService>;

function toRequest(r: repo.RequestRow): AppointmentRequest {
  return {
    id: r.id, patientId: r.patientId, visitTypeId: r.visitTypeId, locationId: r.locationId, preferredDays: r.preferredDays, preferredTimes: r.preferredTimes,
    note: r.note, status: r.status, createdAt: iso(r.createdAt), decidedAt: r.decidedAt === null ? null : iso(r.decidedAt), declineReason: r.declineReason,
    appointmentId: r.appointmentId,
  };
}
