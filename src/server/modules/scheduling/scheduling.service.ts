import type { Db, Queryable } from '../../db/db.js';
import { constraintOf } from '../../db/errors.js';
import type { Clock } from '../../platform/clock.js';
import { randomUUID } from 'node:crypto';
import { generateConfirmationCode, hashMatches, sha256Hex } from '../../platform/codes.js';
import { isBirthDateInRange } from '../../../shared/birth-date.js';
import { AppError } from '../../../shared/errors.js';
import { MAX_SEARCH_DAYS } from '../../../shared/search-window.js';
import type { Appointment, AvailabilityQuery, AvailabilityResponse, BookingRequest, BookingResponse, PatientDetails, Slot } from '../../../shared/contracts/booking.js';
import { addDays, DAY_MS, daysBetween, localDateOf, toZonedIso } from '../../../shared/time.js';
import type { AuditContext, AuditService } from '../audit/audit.service.js';
import type { NoticesService } from '../notices/notices.service.js';
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

  async function search(
    q: Queryable,
    s: {
      visitTypeId: string; from: string; to: string; practitionerId?: string | undefined; locationId?: string | undefined;
      excludeAppointmentId?: string; ignoreBusy?: boolean; claim?: repo.SearchScope['claim'];
      /** The request field that named the visit type, when it is a body field (a 422, not a 404). */
      field?: string;
      /**
       * Only the busy time and time off overlapping these instants matter (a
       * booking checks one slot): slots elsewhere in the range may then look
       * open, so the caller must look only at slots inside it.
       */
      busyWithin?: { from: number; to: number };
    },
  ) {
    const loadFrom = s.busyWithin?.from ?? Date.parse(`${s.from}T00:00:00Z`) - 2 * DAY_MS;
    const loadTo = s.busyWithin?.to ?? Date.parse(`${s.to}T00:00:00Z`) + 3 * DAY_MS;
    const data = await repo.loadSearchData(q, { organizationId, ...s, fromDate: s.from, toDate: s.to, loadFrom, loadTo });
    if (!data.visit) {
      const field = s.field ?? 'visitType';
      throw new AppError(s.field ? 'INVALID' : 'NOT_FOUND', `${field}: no such visit type`, { issues: [{ field, message: 'no such visit type', reason: 'unknown_visit_type' }], reason: s.field ? 'invalid' : 'not_found' });
    }
    const slots = findOpenSlots({
      ...data,
      ...(s.ignoreBusy ? { practitionerBusy: [], roomBusy: [] } : {}),
      visit: data.visit,
      from: s.from,
      to: s.to,
      now: clock.now(),
    });
    return {
      visit: data.visit, slots, practitionerIds: data.practitionerIds, locations: data.locations, claimed: data.claimed,
      zones: new Map(data.locations.map((l) => [l.id, l.timeZone])),
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

  /** Why a requested start is not open: a 409 when only other bookings are in the way, else a 422 naming `start`. */
  async function explainUnavailable(
    q: Queryable,
    r: { visitTypeId: string; practitionerId: string; locationId: string; start: number; date: string; excludeAppointmentId?: string },
    visit: repo.VisitTypeRow,
  ): Promise<AppError> {
    const now = clock.now();
    if (r.start <= now) return AppError.invalid('start', 'is in the past', 'start_in_past');
    if (r.start < now + visit.minNoticeMin * 60_000) {
      return new AppError('RULE', `start: must be at least ${visit.minNoticeMin} minutes from now`, { issues: [{ field: 'start', message: `must be at least ${visit.minNoticeMin} minutes from now` }], reason: 'too_soon' });
    }
    if (r.start >= now + visit.horizonDays * DAY_MS) return beyondHorizon('start', visit.horizonDays);
    const free = await search(q, { ...r, from: r.date, to: r.date, ignoreBusy: true });
    if (free.slots.some((s) => s.start === r.start && s.locationId === r.locationId)) {
      return new AppError('CONFLICT', 'That time was just taken. Please choose another.', { reason: 'slot_taken' });
    }
    const message = 'is not an open time for this practitioner and location (outside their hours, a holiday, time off, or off the booking grid)';
    return new AppError('RULE', `start: ${message}`, { issues: [{ field: 'start', message }], reason: 'slot_not_open' });
  }

  /** Finds the open slot that a request names, or throws why it is not open. */
  async function resolveSlot(
    q: Queryable,
    r: { visitTypeId: string; practitionerId: string; locationId: string; start: number; excludeAppointmentId?: string; claim?: repo.SearchScope['claim'] },
  ): Promise<{ slot: FoundSlot; visit: repo.VisitTypeRow; zone: string; location: repo.SearchLocation; claimed: boolean }> {
    // The UTC dates either side of the start cover its local date in any zone: one search, one round trip.
    // Only what overlaps the requested visit (a day either side covers any visit and buffers) can block it.
    const from = localDateOf(r.start - DAY_MS, 'UTC');
    const to = localDateOf(r.start + DAY_MS, 'UTC');
    const busyWithin = { from: r.start - DAY_MS, to: r.start + DAY_MS };
    const { slots, visit, zones, practitionerIds, locations, claimed } = await search(q, { ...r, from, to, field: 'visitTypeId', busyWithin });
    // A retried request is answered from its first result, whatever has happened to the slot since.
    if (r.claim && !claimed) return { claimed, visit, zone: '', location: locations[0]!, slot: slots[0]! };
    const zone = zones.get(r.locationId);
    const location = locations.find((l) => l.id === r.locationId);
    if (!zone || !location) throw AppError.invalid('locationId', 'no such location', 'unknown_location');
    if (practitionerIds.length === 0) throw AppError.invalid('practitionerId', 'no such practitioner for this visit type', 'unknown_practitioner');
    const slot = slots.find((s) => s.start === r.start && s.locationId === r.locationId);
    if (!slot) throw await explainUnavailable(q, { ...r, date: localDateOf(r.start, zone) }, visit);
    return { slot, visit, zone, location, claimed };
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

  async function notify(t: Queryable, row: repo.AppointmentRow, kind: 'booked' | 'rescheduled' | 'cancelled', code: string | null) {
    await deps.notices.enqueueAppointmentNotice(t, {
      kind, language: row.patientLanguage, clinicName: deps.clinicName, firstName: row.patientFirstName, start: row.start,
      timeZone: row.timeZone, locationName: row.locationName, locationAddress: row.locationAddress, locationPhone: row.locationPhone,
      manageUrl: manageUrl(row.id), confirmationCode: code, recipient: row.patientEmail, appointmentId: row.id,
    });
  }

  /**
   * Books a visit in six round trips: begin; claim the idempotency key with the
   * slot search; patient, appointment, stored answer and desk notification in
   * one statement; the outbox notice; the audit event; commit. The exclusion
   * constraints decide races; losing one on the room alone retries with fresh
   * data (another capable room may be free).
   */
  async function book(
    req: BookingInput,
    opts: { idempotencyKey?: string | undefined; via: 'web' | 'staff'; ctx: AuditContext },
  ): Promise<{ replayed: boolean; body: BookingResponse }> {
    const start = withinHorizon(req.start);
    const requestHash = sha256Hex(JSON.stringify(req));
    const claim = opts.idempotencyKey ? { scope: BOOK_SCOPE, key: opts.idempotencyKey, requestHash, now: clock.now() } : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await db.tx(async (t) => {
          const found = await resolveSlot(t, { visitTypeId: req.visitTypeId, practitionerId: req.practitionerId, locationId: req.locationId, start, claim });
          if (claim && !found.claimed) return replay(t, claim);
          const { slot, visit, location } = found;
          if (opts.via === 'web' && !visit.bookableOnline) {
            throw new AppError('RULE', 'visitTypeId: this visit is booked by the clinic staff; please call the location', { issues: [{ field: 'visitTypeId', message: 'is booked by the clinic staff; please call the location' }], reason: 'staff_booking_only' });
          }
          if (!req.patientId && !req.patient) throw AppError.invalid('patient', 'is required', 'required');
          const dob = req.patient?.dateOfBirth;
          if (dob && !isBirthDateInRange(dob, localDateOf(clock.now(), location.timeZone))) {
            throw AppError.invalid('patient.dateOfBirth', 'cannot be in the future or before 1900', 'birth_date_out_of_range');
          }
          const id = randomUUID();
          const code = generateConfirmationCode();
          const held = heldRange(slot.start, visit);
          const appointment: Appointment = {
            id, status: 'booked', visitTypeId: req.visitTypeId, practitionerId: slot.practitionerId, locationId: slot.locationId,
            roomId: slot.roomId, start: toZonedIso(slot.start, location.timeZone), end: toZonedIso(slot.end, location.timeZone),
            timeZone: location.timeZone, patientFirstName: req.patient?.firstName ?? '', cancelReason: null,
          };
          const body: BookingResponse = { appointment, confirmationCode: code };
          const patient = await repo.insertBooking(t, {
            id, organizationId, practitionerId: slot.practitionerId, locationId: slot.locationId, roomId: slot.roomId,
            visitTypeId: req.visitTypeId, start: slot.start, end: slot.end, heldStart: held.start, heldEnd: held.end,
            reason: req.reason, heardAbout: req.heardAbout ?? null, referringDoctor: req.referringDoctor ?? null,
            bookedVia: opts.via, codeHash: sha256Hex(code),
            patient: req.patientId ? { id: req.patientId } : { details: { organizationId, ...req.patient! } },
            idempotency: claim ? { scope: claim.scope, key: claim.key, response: body } : null,
            notifyPayload: JSON.stringify({ type: 'schedule.changed', locationId: slot.locationId, dates: [localDateOf(slot.start, location.timeZone)] }),
          });
          if (!patient) throw AppError.invalid('patientId', 'no such patient', 'unknown_patient');
          appointment.patientFirstName = patient.firstName;
          await deps.notices.enqueueAppointmentNotice(t, {
            kind: 'booked', language: patient.language, clinicName: deps.clinicName, firstName: patient.firstName, start: slot.start,
            timeZone: location.timeZone, locationName: location.name, locationAddress: location.address, locationPhone: location.phone,
            manageUrl: manageUrl(id), confirmationCode: code, recipient: patient.email, appointmentId: id,
          });
          await deps.audit.record(opts.ctx, { action: 'appointment.create', resourceType: 'appointment', resourceId: id, patientId: patient.patientId }, t);
          return { replayed: false, body };
        });
        if (!result.replayed) deps.notices.kick();
        return result;
      } catch (err) {
        const constraint = constraintOf(err);
        const retriable = constraint === 'appointment_room_free' || constraint === 'idempotency_key_pkey';
        if (retriable && attempt < 3) continue;
        throw conflictMessage(err, constraint);
      }
    }
  }

  /** The first answer to a retried Idempotency-Key, or a refusal if the key was used for another request. */
  async function replay(t: Queryable, claim: { scope: string; key: string; requestHash: string; now: number }): Promise<{ replayed: true; body: BookingResponse }> {
    const prior = await repo.findIdempotencyRecord(t, { organizationId, scope: claim.scope, key: claim.key });
    if (!prior || prior.requestHash !== claim.requestHash) {
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
          const { slot, visit } = await resolveSlot(t, {
            visitTypeId: current.visitTypeId, practitionerId: r.practitionerId ?? current.practitionerId,
            locationId: r.locationId ?? current.locationId, start, excludeAppointmentId: id,
          });
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

  return {
    availability, book, get, cancel, reschedule, calendar, getRow, toAppointment,
    appointmentsOfPatientQuery: (patientId: string) => repo.appointmentsOfPatientQuery(organizationId, patientId),
    patientExists: (patientId: string) => repo.patientExists(db, organizationId, patientId),
    /** Names only, for whoever may already see these patients (the caller checks and records the access). */
    patientNames: (ids: readonly string[]) => repo.patientNames(db, organizationId, ids),
    purgeIdempotencyKeys: () => repo.purgeIdempotencyKeys(db, organizationId, clock.now()),
    matchPatients: (m: { firstName: string; lastName: string; dateOfBirth: string }) => repo.matchPatients(db, organizationId, m),
    /** The patient an appointment's confirmation code proves, or undefined. */
    async patientByCode(id: string, code: string): Promise<{ id: string; email: string; firstName: string } | undefined> {
      const row = await repo.findAppointment(db, organizationId, id);
      if (!row || !hashMatches(code, row.codeHash)) return undefined;
      return { id: row.patientId, email: row.patientEmail, firstName: row.patientFirstName };
    },
    hasCareRelationship: (practitionerId: string, patientId: string) => repo.hasCareRelationship(db, organizationId, practitionerId, patientId),
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
