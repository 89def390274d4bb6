import type { Db, Queryable } from '../../db/db.js';
import { constraintOf } from '../../db/errors.js';
import type { Clock } from '../../platform/clock.js';
import { createGroupWriter } from '../../platform/group-writer.js';
import type { ModuleLog } from '../../platform/module.js';
import { randomUUID } from 'node:crypto';
import { generateConfirmationCode, hashMatches, sha256Hex } from '../../platform/codes.js';
import { AppError } from '../../../shared/errors.js';
import { isBirthDateInRange } from '../../../shared/birth-date.js';
import type { AvailabilityQuery, BookingResponse } from '../../../shared/contracts/booking.js';
import { localDateOf, toZonedIso } from '../../../shared/time.js';
import { assertGrant, type Grant } from '../access/index.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { NoticesService } from '../notices/index.js';
import type { BookingPatient, PatientsService } from '../patients/index.js';
import { appointmentNotices } from './appointment-notice.js';
import type { BookingInput, BookOptions } from './booking-input.js';
import * as desk from './desk.repo.js';
import { heldRange } from './engine/slots.js';
import { unfitVisits } from './fit-check.repo.js';
import { createManageService } from './manage.service.js';
import { createPatientSide } from './patient-side.service.js';
import * as repo from './scheduling.repo.js';
import { createCalendarFeed } from './calendar-feed.service.js';
import { createWaitlistOffers } from './waitlist-offers.service.js';
import { createWaitlistService } from './waitlist.service.js';
import * as waitlistRepo from './waitlist.repo.js';
import { createSelfService } from './self-service.service.js';
import { conflictMessage, createSlotSearch, type SearchGate } from './slot-search.js';

export { MAX_HORIZON_DAYS } from './slot-search.js';
export type { ManageAuth } from './manage.service.js';

const BOOK_SCOPE = 'POST /api/appointments';

export interface SchedulingDeps {
  db: Db;
  clock: Clock;
  organizationId: string;
  /** The clinic's name as it is now (an admin may rename it, issue 11). */
  clinicName: () => string;
  publicUrl: string;
  notices: NoticesService;
  patients: PatientsService;
  log?: Pick<ModuleLog, 'warn' | 'error'>;
  audit: AuditService;
}

export type { BookingInput, BookOptions } from './booking-input.js';

export function createSchedulingService(deps: SchedulingDeps) {
  const { db, clock, organizationId } = deps;
  const deskNotices = createGroupWriter<{ locationId: string; dates: string[] }>((changes) => desk.notifyMany(db.relaxed, changes));
  const slots = createSlotSearch({ clock, organizationId });
  const offers = createWaitlistOffers({ db, clock, organizationId, notices: deps.notices, audit: deps.audit, slots, log: deps.log });
  const manage = createManageService({ db, clock, organizationId, clinicName: deps.clinicName, publicUrl: deps.publicUrl, notices: deps.notices, audit: deps.audit, slots, onTimeReleased: offers.kick });
  const waitlist = createWaitlistService({ db, clock, organizationId, notices: deps.notices, audit: deps.audit, slots, manage, offers });
  const calendarFeed = createCalendarFeed({ db, clock, organizationId, publicUrl: deps.publicUrl, clinicName: deps.clinicName, audit: deps.audit });

  /**
   * Books a visit in two round trips: the slot search, which also reads the
   * Idempotency-Key's stored answer and the patient the request names; then
   * one statement that writes the key with its answer, a new patient if need
   * be, the appointment, the notice and the audit event, and tells open desks
   * (repo.insertBooking). Nothing is changed after it is stored: the answer is
   * complete before the write. The exclusion constraints decide races; losing
   * one on the room alone, or to the same new patient or key written since the
   * search, tries again with fresh data. The website books only what anyone
   * may book online, while online booking is open; the desk books any active
   * visit type. A patient without an email address gets no notice.
   */
  async function book(
    req: BookingInput,
    opts: BookOptions,
  ): Promise<{ replayed: true; body: BookingResponse } | { replayed: false; body: BookingResponse; emailed: boolean }> {
    const start = slots.withinHorizon(req.start);
    const requestHash = sha256Hex(JSON.stringify(req));
    const key = opts.idempotencyKey ? { scope: opts.scope ?? BOOK_SCOPE, key: opts.idempotencyKey } : undefined;
    const gate: SearchGate = opts.via === 'staff' ? 'desk' : opts.via === 'web' ? 'website' : opts.established ? 'portal_established' : 'portal';
    // A caller the desk books may have no email address (issue 11): '' matches and stores none.
    const named = req.patientId ? { id: req.patientId } : req.patient ? { details: { ...req.patient, email: req.patient.email ?? '' } } : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        const found = await slots.resolveSlot(db, {
          visitTypeId: req.visitTypeId, practitionerId: req.practitionerId, locationId: req.locationId, start,
          gate, idempotency: key, alongside: named && deps.patients.bookingLookup(named),
        });
        if (found.prior) return replay(found.prior, requestHash);
        const { slot, visit, location } = found;
        if (!named) throw AppError.invalid('patient', 'is required', 'required');
        const dob = req.patient?.dateOfBirth;
        if (dob && !isBirthDateInRange(dob, localDateOf(clock.now(), location.timeZone))) {
          throw AppError.invalid('patient.dateOfBirth', 'cannot be in the future or before 1900', 'birth_date_out_of_range');
        }
        const known = found.alongside as BookingPatient | null;
        if (!known && 'id' in named) throw AppError.invalid('patientId', 'no such patient', 'unknown_patient');
        const details = 'details' in named ? named.details : null;
        const patient: BookingPatient = known ?? { id: randomUUID(), firstName: details!.firstName, email: details!.email, phone: details!.phone, language: details!.preferredLanguage };
        const id = randomUUID();
        const code = generateConfirmationCode();
        const held = heldRange(slot.start, visit);
        const body: BookingResponse = {
          appointment: {
            id, status: 'booked', visitTypeId: req.visitTypeId, practitionerId: slot.practitionerId, locationId: slot.locationId,
            roomId: slot.roomId, start: toZonedIso(slot.start, location.timeZone), end: toZonedIso(slot.end, location.timeZone),
            timeZone: location.timeZone, patientFirstName: patient.firstName, cancelReason: null,
          },
          confirmationCode: code,
        };
        // The confirmation and the reminders, by the patient's preferences (each part reads them in the statement).
        const noticeParts = appointmentNotices('booked', {
          id, patientId: patient.id, firstName: patient.firstName, start: slot.start,
          timeZone: location.timeZone, locationName: location.name, locationAddress: location.address, locationPhone: location.phone,
        }, code, clock.now()).flatMap((n) => deps.notices.notifyPatientParts(n, { email: patient.email, phone: patient.phone, language: patient.language }));
        await repo.insertBooking(db, {
          id, organizationId, patientId: patient.id, practitionerId: slot.practitionerId, locationId: slot.locationId, roomId: slot.roomId,
          visitTypeId: req.visitTypeId, start: slot.start, end: slot.end, heldStart: held.start, heldEnd: held.end,
          reason: req.reason, heardAbout: req.heardAbout ?? null, referringDoctor: req.referringDoctor ?? null,
          bookedVia: opts.via === 'staff' ? 'staff' : 'web', codeHash: sha256Hex(code),
          idempotency: key ? { ...key, requestHash, now: clock.now(), response: body } : null,
        }, [
          ...(known ? [] : [deps.patients.newPatientPart(patient.id, details!)]),
          ...noticeParts,
          deps.audit.recordPart(opts.ctx, { action: 'appointment.create', resourceType: 'appointment', resourceId: id, patientId: patient.id }),
          ...(opts.withParts?.(id) ?? []),
        ]);
        if (noticeParts.length > 0) deps.notices.kick();
        // Open desks hear of it after the commit, many bookings in one statement (desk.repo notifyMany).
        await deskNotices.append({ locationId: slot.locationId, dates: [localDateOf(slot.start, location.timeZone)] })
          .catch((err: unknown) => deps.log?.warn({ err }, 'open desks were not told of a booking; they see it at their next refresh'));
        return { replayed: false, body, emailed: patient.email !== '' };
      } catch (err) {
        const constraint = constraintOf(err);
        const retriable = constraint === 'appointment_room_free' || constraint === 'idempotency_key_pkey' || constraint === 'patient_match'
          // A retry of this very request may have taken the slot: its stored answer is then the answer (a second search reads it).
          || (key !== undefined && constraint !== undefined && attempt === 1);
        if (retriable && attempt < 3) continue;
        throw conflictMessage(err, constraint);
      }
    }
  }

  /** The first answer to a retried Idempotency-Key, or a refusal if the key was used for another request. */
  function replay(prior: repo.IdempotencyRecord, requestHash: string): { replayed: true; body: BookingResponse } {
    if (prior.requestHash !== requestHash) {
      throw new AppError('INVALID', 'Idempotency-Key: was already used for a different request', { issues: [{ field: 'Idempotency-Key', message: 'was already used for a different request' }], reason: 'idempotency_key_reused' });
    }
    return { replayed: true, body: prior.response as BookingResponse };
  }

  /** One patient's appointments, for a request access has allowed: read and recorded in one statement. */
  async function patientAppointments(grant: Grant, ctx: AuditContext, patientId: string) {
    assertGrant(grant, 'appointment.read', patientId);
    const rows = await deps.audit.readAudited(ctx, { action: 'appointment.read', resourceType: 'patient_appointments', resourceId: patientId, patientId }, repo.appointmentsOfPatientQuery(organizationId, patientId));
    return rows.map((r) => ({ ...r, start: toZonedIso(r.start, r.timeZone), end: toZonedIso(r.end, r.timeZone) }));
  }


  /**
   * The visits still to come that the clinic's settings no longer allow, each
   * with why (issue 11): the clinic module asks after each settings change,
   * in its transaction, and lists them for the desk. Nothing is moved or cancelled.
   */
  async function visitFitCheck(q: Queryable, org: string) {
    const rows = await unfitVisits(q, org, clock.now());
    // New hours, rooms or practitioners may open time: the waitlist's job looks within a minute (issue 12).
    await waitlistRepo.insertOpening(q, { organizationId: org, locationId: null, practitionerId: null, from: null, to: null, cause: 'settings' });
    return rows.map(({ start, ...r }) => ({ ...r, start: toZonedIso(start, r.timeZone) }));
  }

  return {
    /** Open slots for the desk and for tests: any active visit type, whether or not online booking is open. */
    availability: (q: AvailabilityQuery) => slots.availability(db, { ...q, gate: 'desk' }),
    /** Open slots on the website: only while online booking is open, for a visit type anyone may book (issue 11). */
    publicAvailability: (q: AvailabilityQuery) => slots.availability(db, { ...q, gate: 'website' }),
    onlineBookingStatus: async () => ({ open: await repo.isOnlineBookingOpen(db, organizationId) }),
    book,
    get: manage.get, cancel: manage.cancel, reschedule: manage.reschedule, rescheduleOptions: manage.rescheduleOptions,
    calendar: (id: string, code: string, ctx: AuditContext) => manage.calendar(id, { code }, ctx),
    getRow: manage.getRow, toAppointment: manage.toAppointment,
    patientAppointments,
    patientSide: createPatientSide({ manage, audit: deps.audit }),
    /** The earlier-visit waitlist and its offers job, and the patient's calendar feed (issue 12). */
    waitlist, waitlistOffers: offers, calendarFeed,
    selfService: createSelfService({ db, clock, organizationId, audit: deps.audit, notices: deps.notices, slots, book }),
    visitFitCheck,
    purgeIdempotencyKeys: () => repo.purgeIdempotencyKeys(db, organizationId, clock.now()),
    /** The patient an appointment's confirmation code proves, or undefined. */
    async patientByCode(id: string, code: string): Promise<{ id: string; email: string; firstName: string } | undefined> {
      const row = await repo.findAppointment(db, organizationId, id);
      if (!row || !hashMatches(code, row.codeHash)) return undefined;
      return { id: row.patientId, email: row.patientEmail, firstName: row.patientFirstName };
    },
  };
}

export type SchedulingService = ReturnType<typeof createSchedulingService>;
