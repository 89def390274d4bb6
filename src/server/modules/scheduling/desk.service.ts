import type { Db } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../../shared/errors.js';
import { closedDays, openWindow, type ClosedDays, type WeeklyHours } from './engine/hours.js';
import { MAX_DESK_DAYS } from '../../../shared/search-window.js';
import type { Appointment, AvailabilityQuery, ManagedAppointment } from '../../../shared/contracts/booking.js';
import type { DeskBookingResponse, ScheduleResponse } from '../../../shared/contracts/staff.js';
import { addDays, DAY_MS, daysBetween, localDateOf, localToInstant, toZonedIso } from '../../../shared/time.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import * as desk from './desk.repo.js';
import * as waitlist from './waitlist.repo.js';
import type { BookingInput, SchedulingService } from './scheduling.service.js';

const MAX_BLOCK_DAYS = 31;

/** Changes a desk may make to an appointment's status, from -> allowed targets. */
const TRANSITIONS: Record<string, readonly string[]> = {
  booked: ['checked_in', 'no_show'],
  checked_in: ['completed', 'booked'],
  no_show: ['booked'],
  completed: ['checked_in'],
  cancelled: [],
};

/** The staff schedule desk: every read of patient details is audited per patient. */
export function createDeskService(deps: { db: Db; clock: Clock; organizationId: string; scheduling: SchedulingService; audit: AuditService }) {
  const { db, clock, organizationId, scheduling, audit } = deps;

  async function schedule(ctx: AuditContext, q: { location: string; from: string; to: string }): Promise<ScheduleResponse> {
    const span = daysBetween(q.from, q.to);
    if (span < 0) throw AppError.invalid('to', 'must be on or after from', 'range_reversed');
    if (span >= MAX_DESK_DAYS) throw AppError.invalid('to', `the desk shows at most ${MAX_DESK_DAYS} days`, 'range_too_long');
    // One round trip: load a UTC window a day wider on each side than any zone's
    // local dates can reach, then keep what falls on the location's own dates.
    const wide = await desk.loadDeskSchedule(db, {
      organizationId, locationId: q.location, fromMs: Date.parse(`${q.from}T00:00:00Z`) - DAY_MS, toMs: Date.parse(`${addDays(q.to, 1)}T00:00:00Z`) + DAY_MS, fromDate: q.from, toDate: q.to,
    });
    const zone = wide.location?.timeZone;
    if (!zone) throw new AppError('NOT_FOUND', 'location: no such location', { issues: [{ field: 'location', message: 'no such location', reason: 'unknown_location' }], reason: 'not_found' });
    const fromMs = localToInstant(q.from, '00:00', zone);
    const toMs = localToInstant(addDays(q.to, 1), '00:00', zone);
    const inRange = (x: { start: number; end: number }) => x.start < toMs && x.end > fromMs;
    const data = { ...wide, appointments: wide.appointments.filter(inRange), blocks: wide.blocks.filter(inRange) };
    const patients = new Map(data.appointments.map((a) => [a.patient.id, a.id]));
    await audit.recordMany(ctx, { action: 'schedule.read', resourceType: 'appointment' }, [...patients].map(([patientId, id]) => ({ patientId, resourceId: id })), db.relaxed);
    return {
      locationId: q.location,
      timeZone: zone,
      from: q.from,
      to: q.to,
      practitioners: data.practitioners.map((p) => ({ id: p.id, name: p.name, credentials: p.credentials, hours: expandHours(p.hours, { from: q.from, days: span + 1, zone, locationId: q.location, closed: closedDays(wide.holidays) }) })),
      rooms: data.rooms,
      appointments: data.appointments.map((a) => ({ ...a, start: toZonedIso(a.start, zone), end: toZonedIso(a.end, zone) })),
      blocks: data.blocks.map((b) => ({ ...b, start: toZonedIso(b.start, zone), end: toZonedIso(b.end, zone) })),
    };
  }

  /**
   * Books for a caller on the phone. A patient without an email address gets
   * no notice: the answer then carries the confirmation code for the desk to
   * read out (issue 11).
   */
  async function book(ctx: AuditContext, req: BookingInput): Promise<DeskBookingResponse> {
    const result = await scheduling.book(req, { via: 'staff', ctx });
    const emailed = result.replayed || result.emailed;
    return { ...result.body.appointment, confirmationCode: emailed ? null : result.body.confirmationCode };
  }

  async function setStatus(ctx: AuditContext, id: string, status: 'booked' | 'checked_in' | 'completed' | 'no_show') {
    const row = await db.tx(async (t) => {
      const row = await scheduling.getRow(id, { staff: true }, true, t);
      if (row.status === status) return row;
      if (!TRANSITIONS[row.status]!.includes(status)) {
        throw new AppError('RULE', `An appointment that is ${row.status.replace('_', ' ')} cannot become ${status.replace('_', ' ')}.`, { issues: [{ field: 'status', message: `cannot change from ${row.status} to ${status}` }], reason: 'status_change_refused' });
      }
      if ((status === 'checked_in' || status === 'no_show') && localDateOf(clock.now(), row.timeZone) < localDateOf(row.start, row.timeZone)) {
        throw AppError.invalid('status', 'a patient can be checked in or marked no-show only on the day of the visit', 'not_visit_day');
      }
      await desk.setStatus(t, id, status);
      await audit.record(ctx, { action: 'appointment.status', resourceType: 'appointment', resourceId: id, patientId: row.patientId, reason: `${row.status} -> ${status}` }, t);
      await desk.notifyScheduleChanged(t, row.locationId, [localDateOf(row.start, row.timeZone)]);
      return { ...row, status };
    });
    return scheduling.toAppointment(row);
  }

  async function addBlock(ctx: AuditContext, b: { practitionerId: string; start: string; end: string; reason: string }) {
    const start = Date.parse(b.start);
    const end = Date.parse(b.end);
    if (end <= start) throw AppError.invalid('end', 'must be after start', 'range_reversed');
    if (end - start > MAX_BLOCK_DAYS * DAY_MS) throw AppError.invalid('end', `a block may last at most ${MAX_BLOCK_DAYS} days`, 'block_too_long');
    return db.tx(async (t) => {
      const locations = await desk.locationsOfPractitioner(t, b.practitionerId);
      if (locations.length === 0) throw AppError.invalid('practitionerId', 'no such practitioner with working hours', 'unknown_practitioner');
      const id = await desk.insertBlock(t, { organizationId, practitionerId: b.practitionerId, start, end, reason: b.reason });
      // Time off often comes after the bookings (a sick day): the block stands, and the desk is told whom to move.
      const inside = await desk.visitsDuring(t, { organizationId, practitionerId: b.practitionerId, start, end });
      const zone = locations[0]!.timeZone;
      await audit.record(ctx, { action: 'schedule.block', resourceType: 'time_off', resourceId: id, reason: b.reason }, t);
      for (const l of locations) await desk.notifyScheduleChanged(t, l.locationId, datesCovered(start, end, l.timeZone));
      return { id, practitionerId: b.practitionerId, start: b.start, end: b.end, reason: b.reason, bookedInside: inside.map((v) => ({ id: v.id, start: toZonedIso(v.start, zone) })) };
    });
  }

  async function removeBlock(ctx: AuditContext, id: string): Promise<void> {
    await db.tx(async (t) => {
      const gone = await desk.deleteBlock(t, organizationId, id);
      if (!gone) throw new AppError('NOT_FOUND', 'No such block.', { reason: 'not_found' });
      await audit.record(ctx, { action: 'schedule.unblock', resourceType: 'time_off', resourceId: id }, t);
      // Issue 12: the freed time may go to someone on the waitlist.
      await waitlist.insertOpening(t, { organizationId, locationId: null, practitionerId: gone.practitionerId, from: gone.start, to: gone.end, cause: 'unblock' });
      for (const l of await desk.locationsOfPractitioner(t, gone.practitionerId)) {
        await desk.notifyScheduleChanged(t, l.locationId, datesCovered(gone.start, gone.end, l.timeZone));
      }
    });
    scheduling.waitlistOffers.kick();
  }

  return {
    schedule, book, setStatus, addBlock, removeBlock,
    /** The desk's openings: every active visit type (procedures included), whether or not online booking is open. */
    availability: (q: AvailabilityQuery) => scheduling.availability(q),
    // The desk is bound by neither the online cutoff nor a staff-only visit's practitioner (issue 11).
    cancel: async (ctx: AuditContext, id: string, reason: string) => asAppointment(await scheduling.cancel(id, { staff: true }, reason, ctx)),
    reschedule: async (ctx: AuditContext, id: string, r: { start: string; practitionerId?: string | undefined; locationId?: string | undefined }) =>
      asAppointment(await scheduling.reschedule(id, { staff: true }, r, ctx)),
  };
}
export type DeskService = ReturnType<typeof createDeskService>;

/** Weekly wall-clock hours as concrete instants for each local date shown, holidays closed (engine/hours.ts, as the slot search reads them). */
function expandHours(rules: WeeklyHours[] | null, o: { from: string; days: number; zone: string; locationId: string; closed: ClosedDays }) {
  const out: { start: string; end: string }[] = [];
  for (let d = 0; d < o.days; d++) {
    const date = addDays(o.from, d);
    for (const r of rules ?? []) {
      const open = openWindow(r, date, o.zone, o.locationId, o.closed);
      if (open) out.push({ start: toZonedIso(open.start, o.zone), end: toZonedIso(open.end, o.zone) });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

/** The appointment as the desk's routes answer it, without what only the patient's pages show. */
function asAppointment(m: ManagedAppointment): Appointment {
  const { practitionerName: _p, locationName: _l, locationPhone: _ph, changeableUntil: _c, practitionerChangeAllowed: _a, ...appointment } = m;
  return appointment;
}

function datesCovered(start: number, end: number, zone: string): string[] {
  const first = localDateOf(start, zone);
  const last = localDateOf(end - 1, zone);
  const n = Math.min(daysBetween(first, last), MAX_BLOCK_DAYS);
  return Array.from({ length: n + 1 }, (_, i) => addDays(first, i));
}
