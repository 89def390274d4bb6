import type { Db, Queryable } from '../../db/db.js';
import { constraintOf } from '../../db/errors.js';
import type { Clock } from '../../platform/clock.js';
import { hashMatches } from '../../platform/codes.js';
import { AppError } from '../../../shared/errors.js';
import type { Appointment, AvailabilityResponse, ManagedAppointment } from '../../../shared/contracts/booking.js';
import { localDateOf, toZonedIso } from '../../../shared/time.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { NoticesService } from '../notices/index.js';
import { appointmentNotices, type AppointmentChange } from './appointment-notice.js';
import * as desk from './desk.repo.js';
import { buildIcs } from './engine/ics.js';
import { changeableUntil, isPastChangeCutoff, mayChangePractitionerOnline } from './engine/online-policy.js';
import { heldRange } from './engine/slots.js';
import * as repo from './scheduling.repo.js';
import { conflictMessage, type SlotSearch } from './slot-search.js';
import * as waitlist from './waitlist.repo.js';

/**
 * Who manages an appointment: the holder of its confirmation code, its
 * patient signed in (or their caregiver: access decided whose record it is),
 * or staff already authorised by route. The first two are online and bound
 * by the visit type's rules; the desk is not.
 */
export type ManageAuth = { code: string } | { patientId: string } | { staff: true };

/** The calendar file's words, in the patient's language. */
const ICS_WORDS = {
  en: { summary: 'appointment', manage: 'To change or cancel' },
  es: { summary: 'cita', manage: 'Para cambiar o cancelar' },
} as const;

export interface ManageDeps {
  db: Db;
  clock: Clock;
  organizationId: string;
  /** The clinic's name as it is now (an admin may rename it). */
  clinicName: () => string;
  publicUrl: string;
  notices: NoticesService;
  audit: AuditService;
  slots: SlotSearch;
  /** After a commit that released time (a cancellation, a move): the waitlist's offers job looks now (issue 12). */
  onTimeReleased?: () => void;
}

/** Viewing, cancelling, moving and the calendar file of one appointment, online or at the desk. */
export function createManageService(deps: ManageDeps) {
  const { db, clock, organizationId, slots } = deps;
  const online = (auth: ManageAuth) => !('staff' in auth);

  async function getRow(id: string, auth: ManageAuth, forUpdate = false, q: Queryable = db) {
    const row = await repo.findAppointment(q, organizationId, id, forUpdate);
    // Unknown id, wrong code and another patient's appointment answer alike.
    if (!row || ('code' in auth && !hashMatches(auth.code, row.codeHash)) || ('patientId' in auth && row.patientId !== auth.patientId)) {
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

  const toManaged = (row: repo.AppointmentRow): ManagedAppointment => ({
    ...toAppointment(row),
    practitionerName: row.practitionerName,
    locationName: row.locationName,
    locationPhone: row.locationPhone,
    changeableUntil: toZonedIso(changeableUntil(row.start, row.cancelCutoffMin), row.timeZone),
    practitionerChangeAllowed: mayChangePractitionerOnline(row.visitTypeOnline),
  });

  /** Online, a change closes at the visit type's cutoff: the patient calls the location, whose phone the refusal carries. */
  function assertOnlineChangeOpen(row: repo.AppointmentRow, auth: ManageAuth): void {
    if (!online(auth) || !isPastChangeCutoff({ now: clock.now(), start: row.start, cancelCutoffMin: row.cancelCutoffMin })) return;
    throw new AppError('CONFLICT', `Online changes to this visit closed ${cutoffWords(row.cancelCutoffMin)} before it; please call ${row.locationName} at ${row.locationPhone}.`, {
      reason: 'change_cutoff_passed', phone: row.locationPhone,
    });
  }

  function assertMovable(row: repo.AppointmentRow, auth: ManageAuth): void {
    if (row.status !== 'booked') throw new AppError('RULE', `This appointment is ${row.status.replace('_', ' ')} and cannot be rescheduled.`, { reason: 'not_reschedulable' });
    if (row.start <= clock.now()) throw new AppError('RULE', 'This appointment has already started; please call the clinic.', { reason: 'already_started' });
    assertOnlineChangeOpen(row, auth);
  }

  /**
   * A staff-only visit (a procedure) keeps its practitioner online (issue 11);
   * the desk may move it to anyone. `wanted` null: whoever has the time.
   */
  function assertPractitionerKept(row: repo.AppointmentRow, auth: ManageAuth, wanted: string | null, field: string): void {
    if (!online(auth) || wanted === row.practitionerId || mayChangePractitionerOnline(row.visitTypeOnline)) return;
    const message = 'this visit stays with its practitioner; to see someone else, please call the location';
    throw new AppError('RULE', `${field}: ${message}`, { issues: [{ field, message }], reason: 'practitioner_change_not_allowed' });
  }

  /**
   * The change's notice by the patient's preferences; a cancelled or moved
   * visit's pending reminders are cancelled first, and a moved one gets new
   * ones (issue 12), all in the change's transaction.
   */
  async function notify(t: Queryable, row: repo.AppointmentRow, kind: AppointmentChange) {
    if (kind !== 'booked') await deps.notices.cancelReminders(t, row.id, kind === 'cancelled' ? 'cancelled' : 'moved');
    const notices = appointmentNotices(kind, {
      ...row, firstName: row.patientFirstName, practitionerName: kind === 'rescheduled' ? row.practitionerName : undefined,
    }, null, clock.now());
    for (const n of notices) await deps.notices.notifyPatient(t, n);
  }

  async function get(id: string, code: string, ctx: AuditContext): Promise<ManagedAppointment> {
    try {
      const row = await getRow(id, { code });
      await deps.audit.recordRead(ctx, { action: 'appointment.read', resourceType: 'appointment', resourceId: id, patientId: row.patientId });
      return toManaged(row);
    } catch (err) {
      await deps.audit.recordRead(ctx, { action: 'appointment.read', resourceType: 'appointment', resourceId: id, outcome: 'denied', reason: 'unknown id or wrong code' });
      throw err;
    }
  }

  async function cancel(id: string, auth: ManageAuth, reason: string, ctx: AuditContext): Promise<ManagedAppointment> {
    const row = await db.tx(async (t) => {
      const row = await getRow(id, auth, true, t);
      if (row.status === 'cancelled') return row;
      if (row.status !== 'booked') throw new AppError('RULE', `This appointment is ${row.status.replace('_', ' ')} and can no longer be cancelled.`, { reason: 'not_cancellable' });
      if (row.start <= clock.now()) throw new AppError('RULE', 'This appointment has already started; please call the clinic.', { reason: 'already_started' });
      assertOnlineChangeOpen(row, auth);
      await repo.cancelAppointment(t, id, reason);
      // Issue 12: a cancelled visit waits for nothing, and its time may go to someone on the waitlist.
      await waitlist.endEntry(t, organizationId, id, 'ended');
      await waitlist.insertOpening(t, { organizationId, locationId: row.locationId, practitionerId: row.practitionerId, from: row.start, to: row.end, cause: 'cancellation' });
      const updated = (await repo.findAppointment(t, organizationId, id))!;
      await notify(t, updated, 'cancelled');
      await deps.audit.record(ctx, { action: 'appointment.cancel', resourceType: 'appointment', resourceId: id, patientId: row.patientId, reason }, t);
      await desk.notifyScheduleChanged(t, row.locationId, [localDateOf(row.start, row.timeZone)]);
      return updated;
    });
    deps.notices.kick();
    deps.onTimeReleased?.();
    return toManaged(row);
  }

  /**
   * Moves a visit to another open slot. Left out, the practitioner and the
   * location stay as they are: another practitioner only when asked for.
   */
  async function reschedule(
    id: string,
    auth: ManageAuth,
    r: { start: string; practitionerId?: string | undefined; locationId?: string | undefined },
    ctx: AuditContext,
  ): Promise<ManagedAppointment> {
    const start = slots.withinHorizon(r.start);
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await db.tx(async (t) => {
          const current = await getRow(id, auth, true, t);
          assertMovable(current, auth);
          const practitionerId = r.practitionerId ?? current.practitionerId;
          assertPractitionerKept(current, auth, practitionerId, 'practitionerId');
          const found = await slots.resolveSlot(t, {
            visitTypeId: current.visitTypeId, practitionerId, locationId: r.locationId ?? current.locationId, start, excludeAppointmentId: id, gate: 'move',
          });
          // Only a search given an Idempotency-Key finds a stored answer; a reschedule passes none.
          if (found.prior) throw new Error('a reschedule found a stored booking answer');
          const { slot, visit } = found;
          const held = heldRange(slot.start, visit);
          await repo.moveAppointment(t, { id, practitionerId: slot.practitionerId, locationId: slot.locationId, roomId: slot.roomId, start: slot.start, end: slot.end, heldStart: held.start, heldEnd: held.end });
          await waitlist.insertOpening(t, { organizationId, locationId: current.locationId, practitionerId: current.practitionerId, from: current.start, to: current.end, cause: 'reschedule' });
          const updated = (await repo.findAppointment(t, organizationId, id))!;
          await notify(t, updated, 'rescheduled');
          await deps.audit.record(ctx, { action: 'appointment.reschedule', resourceType: 'appointment', resourceId: id, patientId: current.patientId }, t);
          await desk.notifyScheduleChanged(t, current.locationId, [localDateOf(current.start, current.timeZone)]);
          await desk.notifyScheduleChanged(t, updated.locationId, [localDateOf(updated.start, updated.timeZone)]);
          return updated;
        });
        deps.notices.kick();
        deps.onTimeReleased?.();
        return toManaged(row);
      } catch (err) {
        const constraint = constraintOf(err);
        if (constraint === 'appointment_room_free' && attempt < 3) continue;
        throw conflictMessage(err, constraint);
      }
    }
  }

  /**
   * The times a visit may move to, as its patient sees them: at its location,
   * with its practitioner unless they ask for anyone (never for a staff-only
   * visit), whatever the visit type's online policy: the clinic booked it.
   */
  async function rescheduleOptions(id: string, auth: ManageAuth, q: { from: string; to: string; anyPractitioner: 'true' | 'false' }): Promise<AvailabilityResponse> {
    const row = await getRow(id, auth);
    assertMovable(row, auth);
    const any = q.anyPractitioner === 'true';
    if (any) assertPractitionerKept(row, auth, null, 'anyPractitioner');
    // The visit does not block itself (it may move by less than its length), but its own time is no new time.
    const found = await slots.availability(db, {
      visitType: row.visitTypeId, from: q.from, to: q.to, location: row.locationId, practitioner: any ? undefined : row.practitionerId, gate: 'move', excludeAppointmentId: id,
    });
    const others = found.slots.filter((s) => Date.parse(s.start) !== row.start || s.practitionerId !== row.practitionerId);
    return { ...found, slots: others, firstAvailable: others[0] ?? null };
  }

  async function calendar(id: string, auth: ManageAuth, ctx: AuditContext): Promise<string> {
    const row = await getRow(id, auth);
    await deps.audit.recordRead(ctx, { action: 'appointment.read', resourceType: 'appointment_calendar', resourceId: id, patientId: row.patientId });
    const clinic = deps.clinicName();
    return buildIcs({
      uid: `${row.id}@relief`,
      start: row.start,
      end: row.end,
      stamp: clock.now(),
      // Calendars sync to third parties: no visit type or reason in the event.
      // In the patient's language, as the confirmation email is.
      summary: `${clinic}: ${ICS_WORDS[row.patientLanguage].summary}`,
      location: `${row.locationName}, ${row.locationAddress}`,
      description: `${clinic}, ${row.locationPhone}. ${ICS_WORDS[row.patientLanguage].manage}: ${deps.publicUrl}/appointments/${row.id}`,
      status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    });
  }

  return { getRow, toAppointment, toManaged, get, cancel, reschedule, rescheduleOptions, calendar };
}

export type ManageService = ReturnType<typeof createManageService>;

/** "24 hours", "90 minutes", "2 days": how long before a visit online changes close, for the API's English message. */
function cutoffWords(min: number): string {
  if (min % 1440 === 0 && min >= 2880) return `${min / 1440} days`;
  if (min % 60 === 0 && min >= 60) return min === 60 ? '1 hour' : `${min / 60} hours`;
  return `${min} minutes`;
}
