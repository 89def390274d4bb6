import type { Db, Queryable } from '../../db/db.js';
import { constraintOf } from '../../db/errors.js';
import type { Clock } from '../../platform/clock.js';
import { createGroupWriter } from '../../platform/group-writer.js';
import type { ModuleLog } from '../../platform/module.js';
import { randomUUID } from 'node:crypto';
import { generateConfirmationCode, hashMatches, sha256Hex } from '../../platform/codes.js';
import { AppError } from '../../../shared/errors.js';
import { isBirthDateInRange } from '../../../shared/birth-date.js';
import { MAX_SEARCH_DAYS } from '../../../shared/search-window.js';
import type { Appointment, AvailabilityQuery, AvailabilityResponse, BookingRequest, BookingResponse, PatientDetails, Slot } from '../../../shared/contracts/booking.js';
import { addDays, DAY_MS, daysBetween, localDateOf, toZonedIso } from '../../../shared/time.js';
import { assertGrant, type Grant } from '../access/index.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { NoticeRequest, NoticesService } from '../notices/index.js';
import type { BookingPatient, PatientsService } from '../patients/index.js';
import * as desk from './desk.repo.js';
import { buildIcs } from './engine/ics.js';
import { findOpenSlots, heldRange, type FoundSlot } from './engine/slots.js';
import * as repo from './scheduling.repo.js';

const BOOK_SCOPE = 'POST /api/appointments';

export interface SchedulingDeps {
  db: Db;
  clock: Clock;
  organizationId: string;
  clinicName: string;
  publicUrl: string;
  notices: NoticesService;
  patients: PatientsService;
  log?: Pick<ModuleLog, 'warn'>;
  audit: AuditService;
}

/**
 * No visit type books further ahead than this (the CHECK on visit_type.horizon_days).
 * A start past it is refused before any SQL runs: a year 9999 never reaches the
 * database's date arithmetic (issue 9, defect 4).
 */
export const MAX_HORIZON_DAYS = 730;

function beyondHorizon(field: 'from' | 'start', days: number): AppError {
  const message = `is beyond the booking horizon of ${days} days`;
  return new AppError('RULE', `${field}: ${message}`, { issues: [{ field, message }], reason: 'beyond_booking_horizon' });
}

/** The calendar file's words, in the patient's language. */
const ICS_WORDS = {
  en: { summary: 'appointment', manage: 'To change or cancel' },
  es: { summary: 'cita', manage: 'Para cambiar o cancelar' },
} as const;

/** A booking from the website (new patient details) or the desk (an existing patient, or new details). */
export type BookingInput = Omit<BookingRequest, 'patient'> & { patient?: PatientDetails | undefined; patientId?: string | undefined };

/** Who may manage an appointment: the holder of its confirmation code, or staff already authorised by route. */
export type ManageAuth = { code: string } | { staff: true };

export function createSchedulingService(deps: SchedulingDeps) {
  const { db, clock, organizationId } = deps;
  const deskNotices = createGroupWriter<{ locationId: string; dates: string[] }>((changes) => desk.notifyMany(db.relaxed, changes));

  async function search(
    q: Queryable,
    s: {
      visitTypeId: string; from: string; to: string; practitionerId?: string | undefined; locationId?: string | undefined;
      excludeAppointmentId?: string;
      idempotency?: repo.SearchScope['idempotency']; alongside?: repo.SearchScope['alongside'];
      /** The request field that named the visit type, when it is a body field (a 422, not a 404). */
      field?: string;
      /**
       * Only the busy time and time off overlapping a visit held from this
       * start matter (a booking checks one slot): slots at other starts may
       * then look open, so the caller must look at this start only.
       */
      heldAt?: number;
    },
  ) {
    const loadFrom = Date.parse(`${s.from}T00:00:00Z`) - 2 * DAY_MS;
    const loadTo = Date.parse(`${s.to}T00:00:00Z`) + 3 * DAY_MS;
    const data = await repo.loadSearchData(q, { organizationId, ...s, fromDate: s.from, toDate: s.to, loadFrom, loadTo });
    if (!data.visit) {
      const field = s.field ?? 'visitType';
      throw new AppError(s.field ? 'INVALID' : 'NOT_FOUND', `${field}: no such visit type`, { issues: [{ field, message: 'no such visit type', reason: 'unknown_visit_type' }], reason: s.field ? 'invalid' : 'not_found' });
    }
    const input = { ...data, visit: data.visit, from: s.from, to: s.to, now: clock.now() };
    return {
      visit: data.visit, slots: findOpenSlots(input), practitionerIds: data.practitionerIds, locations: data.locations,
      prior: data.prior, alongside: data.alongside,
      zones: new Map(data.locations.map((l) => [l.id, l.timeZone])),
      /** The same search as if nothing were booked: why a time is not open, from the data already loaded. */
      slotsIgnoringBookings: () => findOpenSlots({ ...input, practitionerBusy: [], roomBusy: [] }),
    };
  }

  const toSlot = (f: FoundSlot, zones: Map<string, string>): Slot => {
    const zone = zones.get(f.locationId)!;
    return { start: toZonedIso(f.start, zone), end: toZonedIso(f.end, zone), practitionerId: f.practitionerId, locationId: f.locationId, roomId: f.roomId };
  };

  async function availability(q: AvailabilityQuery): Promise<AvailabilityResponse> {
    const span = daysBetween(q.from, q.to);
    if (span < 0) throw AppError.invalid('to', 'must be on or after from', 'range_reversed');
    if (span >= MAX_SEARCH_DAYS) throw AppError.invalid('to', `the range may cover at most ${MAX_SEARCH_DAYS} days`, 'range_too_long');
    if (q.from > addDays(localDateOf(clock.now(), 'UTC'), MAX_HORIZON_DAYS + 1)) throw beyondHorizon('from', MAX_HORIZON_DAYS);
    const { slots, zones, visit } = await search(db, { visitTypeId: q.visitType, from: q.from, to: q.to, practitionerId: q.practitioner, locationId: q.location });
    const lastBookable = addDays(localDateOf(clock.now(), 'UTC'), visit.horizonDays + 1);
    if (q.from > lastBookable) throw beyondHorizon('from', visit.horizonDays);
    const out = slots.map((f) => toSlot(f, zones));
    return { visitTypeId: q.visitType, from: q.from, to: q.to, slots: out, firstAvailable: out[0] ?? null };
  }

  /** The requested start as an instant, if no visit type could book that far ahead; else a refusal naming `start`. */
  function withinHorizon(iso: string): number {
    const start = Date.parse(iso);
    if (start >= clock.now() + MAX_HORIZON_DAYS * DAY_MS) throw beyondHorizon('start', MAX_HORIZON_DAYS);
    return start;
  }

  /**
   * Why a requested start is not open: a 409 when only other bookings are in
   * the way, else a 422 naming `start`. `openIgnoringBookings` answers from the
   * search already made, so a refusal costs no second search.
   */
  function explainUnavailable(
    r: { start: number; locationId: string },
    visit: repo.VisitTypeRow,
    openIgnoringBookings: () => FoundSlot[],
  ): AppError {
    const now = clock.now();
    if (r.start <= now) return AppError.invalid('start', 'is in the past', 'start_in_past');
    if (r.start < now + visit.minNoticeMin * 60_000) {
      return new AppError('RULE', `start: must be at least ${visit.minNoticeMin} minutes from now`, { issues: [{ field: 'start', message: `must be at least ${visit.minNoticeMin} minutes from now` }], reason: 'too_soon' });
    }
    if (r.start >= now + visit.horizonDays * DAY_MS) return beyondHorizon('start', visit.horizonDays);
    if (openIgnoringBookings().some((s) => s.start === r.start && s.locationId === r.locationId)) {
      return new AppError('CONFLICT', 'That time was just taken. Please choose another.', { reason: 'slot_taken' });
    }
    const message = 'is not an open time for this practitioner and location (outside their hours, a holiday, time off, or off the booking grid)';
    return new AppError('RULE', `start: ${message}`, { issues: [{ field: 'start', message }], reason: 'slot_not_open' });
  }

  /**
   * Finds the open slot that a request names, or throws why it is not open.
   * A booking's search also reads its Idempotency-Key's stored answer and the
   * patient it names (`alongside`), in the same round trip.
   */
  async function resolveSlot(
    q: Queryable,
    r: {
      visitTypeId: string; practitionerId: string; locationId: string; start: number; excludeAppointmentId?: string;
      idempotency?: repo.SearchScope['idempotency']; alongside?: repo.SearchScope['alongside'];
    },
  ): Promise<
    | { prior: repo.IdempotencyRecord; alongside?: undefined }
    | { prior: null; slot: FoundSlot; visit: repo.VisitTypeRow; zone: string; location: repo.SearchLocation; alongside: unknown }
  > {
    // The UTC dates either side of the start cover its local date in any zone: one search, one round trip.
    // Only what overlaps the requested visit, buffers included, can block it: the search loads no more (heldAt).
    const from = localDateOf(r.start - DAY_MS, 'UTC');
    const to = localDateOf(r.start + DAY_MS, 'UTC');
    const found = await search(q, { ...r, from, to, field: 'visitTypeId', heldAt: r.start });
    // A retried request is answered from its first result, whatever has happened to the slot since.
    if (found.prior) return { prior: found.prior };
    const zone = found.zones.get(r.locationId);
    const location = found.locations.find((l) => l.id === r.locationId);
    if (!zone || !location) throw AppError.invalid('locationId', 'no such location', 'unknown_location');
    if (found.practitionerIds.length === 0) throw AppError.invalid('practitionerId', 'no such practitioner for this visit type', 'unknown_practitioner');
    const slot = found.slots.find((s) => s.start === r.start && s.locationId === r.locationId);
    if (!slot) throw explainUnavailable(r, found.visit, found.slotsIgnoringBookings);
    return { prior: null, slot, visit: found.visit, zone, location, alongside: found.alongside };
  }

  async function getRow(id: string, auth: ManageAuth, forUpdate = false, q: Queryable = db) {
    const row = await repo.findAppointment(q, organizationId, id, forUpdate);
    // Unknown id and wrong code answer alike: the code is what proves the caller booked it.
    if (!row || ('code' in auth && !hashMatches(auth.code, row.codeHash))) {
      throw new AppError('NOT_FOUND', 'code' in auth ? 'No appointment matches that id and confirmation code.' : 'No such appointment.', { reason: 'not_found' });
    }
    return row;
  }

  const toAppointment = (row: repo.AppointmentRow): Appointment => ({
    id: row.id,
    status: row.status,
    visitTypeId: row.visitTypeId,
    practitionerId: row.practitionerId,
    locationId: row.locationId,
    roomId: row.roomId,
    start: toZonedIso(row.start, row.timeZone),
    end: toZonedIso(row.end, row.timeZone),
    timeZone: row.timeZone,
    patientFirstName: row.patientFirstName,
    cancelReason: row.cancelReason,
  });

  const manageUrl = (id: string) => `${deps.publicUrl}/appointments/${id}`;

  /** An appointment notice, to the patient in their language (the notices module builds the link under PUBLIC_URL). */
  const appointmentNotice = (
    kind: 'booked' | 'rescheduled' | 'cancelled',
    a: { id: string; language: 'en' | 'es'; email: string; firstName: string; start: number; timeZone: string; locationName: string; locationAddress: string; locationPhone: string },
    code: string | null,
  ): NoticeRequest => ({
    template: `appointment.${kind}`, language: a.language, to: a.email, subject: { type: 'appointment', id: a.id },
    params: {
      firstName: a.firstName, start: a.start, timeZone: a.timeZone, locationName: a.locationName, locationAddress: a.locationAddress,
      locationPhone: a.locationPhone, appointmentId: a.id, confirmationCode: code,
    },
  });

  async function notify(t: Queryable, row: repo.AppointmentRow, kind: 'booked' | 'rescheduled' | 'cancelled', code: string | null) {
    await deps.notices.enqueue(t, appointmentNotice(kind, { ...row, language: row.patientLanguage, email: row.patientEmail, firstName: row.patientFirstName }, code));
  }

  /**
   * Books a visit in two round trips: the slot search, which also reads the
   * Idempotency-Key's stored answer and the patient the request names; then
   * one statement that writes the key with its answer, a new patient if need
   * be, the appointment, the notice and the audit event, and tells open desks
   * (repo.insertBooking). Nothing is changed after it is stored: the answer is
   * complete before the write. The exclusion constraints decide races; losing
   * one on the room alone, or to the same new patient or key written since the
   * search, tries again with fresh data.
   */
  async function book(
    req: BookingInput,
    opts: { idempotencyKey?: string | undefined; via: 'web' | 'staff'; ctx: AuditContext },
  ): Promise<{ replayed: boolean; body: BookingResponse }> {
    const start = withinHorizon(req.start);
    const requestHash = sha256Hex(JSON.stringify(req));
    const key = opts.idempotencyKey ? { scope: BOOK_SCOPE, key: opts.idempotencyKey } : undefined;
    const named = req.patientId ? { id: req.patientId } : req.patient ? { details: req.patient } : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        const found = await resolveSlot(db, {
          visitTypeId: req.visitTypeId, practitionerId: req.practitionerId, locationId: req.locationId, start,
          idempotency: key, alongside: named && deps.patients.bookingLookup(named),
        });
        if (found.prior) return replay(found.prior, requestHash);
        const { slot, visit, location } = found;
        if (opts.via === 'web' && !visit.bookableOnline) {
          throw new AppError('RULE', 'visitTypeId: this visit is booked by the clinic staff; please call the location', { issues: [{ field: 'visitTypeId', message: 'is booked by the clinic staff; please call the location' }], reason: 'staff_booking_only' });
        }
        if (!named) throw AppError.invalid('patient', 'is required', 'required');
        const dob = req.patient?.dateOfBirth;
        if (dob && !isBirthDateInRange(dob, localDateOf(clock.now(), location.timeZone))) {
          throw AppError.invalid('patient.dateOfBirth', 'cannot be in the future or before 1900', 'birth_date_out_of_range');
        }
        const known = found.alongside as BookingPatient | null;
        if (!known && 'id' in named) throw AppError.invalid('patientId', 'no such patient', 'unknown_patient');
        const details = 'details' in named ? named.details : null;
        const patient: BookingPatient = known ?? { id: randomUUID(), firstName: details!.firstName, email: details!.email, language: details!.preferredLanguage };
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
        await repo.insertBooking(db, {
          id, organizationId, patientId: patient.id, practitionerId: slot.practitionerId, locationId: slot.locationId, roomId: slot.roomId,
          visitTypeId: req.visitTypeId, start: slot.start, end: slot.end, heldStart: held.start, heldEnd: held.end,
          reason: req.reason, heardAbout: req.heardAbout ?? null, referringDoctor: req.referringDoctor ?? null,
          bookedVia: opts.via, codeHash: sha256Hex(code),
          idempotency: key ? { ...key, requestHash, now: clock.now(), response: body } : null,
        }, [
          ...(known ? [] : [deps.patients.newPatientPart(patient.id, details!)]),
          deps.notices.enqueuePart(appointmentNotice('booked', {
            id, language: patient.language, email: patient.email, firstName: patient.firstName, start: slot.start,
            timeZone: location.timeZone, locationName: location.name, locationAddress: location.address, locationPhone: location.phone,
          }, code)),
          deps.audit.recordPart(opts.ctx, { action: 'appointment.create', resourceType: 'appointment', resourceId: id, patientId: patient.id }),
        ]);
        deps.notices.kick();
        // Open desks hear of it after the commit, many bookings in one statement (desk.repo notifyMany).
        await deskNotices.append({ locationId: slot.locationId, dates: [localDateOf(slot.start, location.timeZone)] })
          .catch((err: unknown) => deps.log?.warn({ err }, 'open desks were not told of a booking; they see it at their next refresh'));
        return { replayed: false, body };
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

  async function get(id: string, code: string, ctx: AuditContext): Promise<Appointment> {
    try {
      const row = await getRow(id, { code });
      await deps.audit.recordRead(ctx, { action: 'appointment.read', resourceType: 'appointment', resourceId: id, patientId: row.patientId });
      return toAppointment(row);
    } catch (err) {
      await deps.audit.recordRead(ctx, { action: 'appointment.read', resourceType: 'appointment', resourceId: id, outcome: 'denied', reason: 'unknown id or wrong code' });
      throw err;
    }
  }

  async function cancel(id: string, auth: ManageAuth, reason: string, ctx: AuditContext): Promise<Appointment> {
    const row = await db.tx(async (t) => {
      const row = await getRow(id, auth, true, t);
      if (row.status === 'cancelled') return row;
      if (row.status !== 'booked') throw new AppError('RULE', `This appointment is ${row.status.replace('_', ' ')} and can no longer be cancelled.`, { reason: 'not_cancellable' });
      if (row.start <= clock.now()) throw new AppError('RULE', 'This appointment has already started; please call the clinic.', { reason: 'already_started' });
      await repo.cancelAppointment(t, id, reason);
      const updated = (await repo.findAppointment(t, organizationId, id))!;
      await notify(t, updated, 'cancelled', null);
      await deps.audit.record(ctx, { action: 'appointment.cancel', resourceType: 'appointment', resourceId: id, patientId: row.patientId, reason }, t);
      await desk.notifyScheduleChanged(t, row.locationId, [localDateOf(row.start, row.timeZone)]);
      return updated;
    });
    deps.notices.kick();
    return toAppointment(row);
  }

  async function reschedule(
    id: string,
    auth: ManageAuth,
    r: { start: string; practitionerId?: string | undefined; locationId?: string | undefined },
    ctx: AuditContext,
  ): Promise<Appointment> {
    const start = withinHorizon(r.start);
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await db.tx(async (t) => {
          const current = await getRow(id, auth, true, t);
          if (current.status !== 'booked') throw new AppError('RULE', `This appointment is ${current.status.replace('_', ' ')} and cannot be rescheduled.`, { reason: 'not_reschedulable' });
          if (current.start <= clock.now()) throw new AppError('RULE', 'This appointment has already started; please call the clinic.', { reason: 'already_started' });
          const found = await resolveSlot(t, {
            visitTypeId: current.visitTypeId, practitionerId: r.practitionerId ?? current.practitionerId,
            locationId: r.locationId ?? current.locationId, start, excludeAppointmentId: id,
          });
          // Only a search given an Idempotency-Key finds a stored answer; a reschedule passes none.
          if (found.prior) throw new Error('a reschedule found a stored booking answer');
          const { slot, visit } = found;
          const held = heldRange(slot.start, visit);
          await repo.moveAppointment(t, { id, practitionerId: slot.practitionerId, locationId: slot.locationId, roomId: slot.roomId, start: slot.start, end: slot.end, heldStart: held.start, heldEnd: held.end });
          const updated = (await repo.findAppointment(t, organizationId, id))!;
          await notify(t, updated, 'rescheduled', null);
          await deps.audit.record(ctx, { action: 'appointment.reschedule', resourceType: 'appointment', resourceId: id, patientId: current.patientId }, t);
          await desk.notifyScheduleChanged(t, current.locationId, [localDateOf(current.start, current.timeZone)]);
          await desk.notifyScheduleChanged(t, updated.locationId, [localDateOf(updated.start, updated.timeZone)]);
          return updated;
        });
        deps.notices.kick();
        return toAppointment(row);
      } catch (err) {
        const constraint = constraintOf(err);
        if (constraint === 'appointment_room_free' && attempt < 3) continue;
        throw conflictMessage(err, constraint);
      }
    }
  }

  async function calendar(id: string, code: string, ctx: AuditContext): Promise<string> {
    const row = await getRow(id, { code });
    await deps.audit.recordRead(ctx, { action: 'appointment.read', resourceType: 'appointment_calendar', resourceId: id, patientId: row.patientId });
    return buildIcs({
      uid: `${row.id}@relief`,
      start: row.start,
      end: row.end,
      stamp: clock.now(),
      // Calendars sync to third parties: no visit type or reason in the event.
      // In the patient's language, as the confirmation email is.
      summary: `${deps.clinicName}: ${ICS_WORDS[row.patientLanguage].summary}`,
      location: `${row.locationName}, ${row.locationAddress}`,
      description: `${deps.clinicName}, ${row.locationPhone}. ${ICS_WORDS[row.patientLanguage].manage}: ${manageUrl(row.id)}`,
      status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    });
  }

  /** One patient's appointments, for a request access has allowed: read and recorded in one statement. */
  async function patientAppointments(grant: Grant, ctx: AuditContext, patientId: string) {
    assertGrant(grant, 'appointment.read', patientId);
    const rows = await deps.audit.readAudited(ctx, { action: 'appointment.read', resourceType: 'patient_appointments', resourceId: patientId, patientId }, repo.appointmentsOfPatientQuery(organizationId, patientId));
    return rows.map((r) => ({ ...r, start: toZonedIso(r.start, r.timeZone), end: toZonedIso(r.end, r.timeZone) }));
  }

  return {
    availability, book, get, cancel, reschedule, calendar, getRow, toAppointment,
    patientAppointments,
    purgeIdempotencyKeys: () => repo.purgeIdempotencyKeys(db, organizationId, clock.now()),
    /** The patient an appointment's confirmation code proves, or undefined. */
    async patientByCode(id: string, code: string): Promise<{ id: string; email: string; firstName: string } | undefined> {
      const row = await repo.findAppointment(db, organizationId, id);
      if (!row || !hashMatches(code, row.codeHash)) return undefined;
      return { id: row.patientId, email: row.patientEmail, firstName: row.patientFirstName };
    },
  };
}

function conflictMessage(err: unknown, constraint: string | undefined): unknown {
  if (!(err instanceof AppError) || err.code !== 'CONFLICT' || !constraint) return err;
  if (constraint === 'appointment_patient_free') {
    return new AppError('CONFLICT', 'You already have an appointment at that time.', { reason: 'patient_busy' });
  }
  return new AppError('CONFLICT', 'That time was just taken. Please choose another.', { reason: 'slot_taken' });
}

export type SchedulingService = ReturnType<typeof createSchedulingService>;
