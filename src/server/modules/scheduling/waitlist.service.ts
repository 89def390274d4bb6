import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/db.js';
import { constraintOf } from '../../db/errors.js';
import { generateConfirmationCode, sha256Hex } from '../../platform/codes.js';
import { tokenHash } from '../../platform/tokens.js';
import { AppError } from '../../../shared/errors.js';
import type { AcceptedOffer, WaitlistEntry, WaitlistRequest } from '../../../shared/contracts/waitlist.js';
import type { z } from 'zod';
import { localDateOf, toZonedIso } from '../../../shared/time.js';
import type { AuditContext } from '../audit/index.js';
import { appointmentNotices } from './appointment-notice.js';
import * as desk from './desk.repo.js';
import { heldRange } from './engine/slots.js';
import type { ManageService } from './manage.service.js';
import * as scheduling from './scheduling.repo.js';
import type { WaitlistBaseDeps, WaitlistOffers } from './waitlist-offers.service.js';
import * as repo from './waitlist.repo.js';

export interface WaitlistDeps extends WaitlistBaseDeps {
  manage: ManageService;
  offers: WaitlistOffers;
}

const taken = () => new AppError('CONFLICT', 'That earlier time was just taken by someone else on the waitlist. Your appointment stays as it was.', { reason: 'waitlist_offer_taken' });
const expired = () => new AppError('CONFLICT', 'This offer has expired. Your appointment stays as it was.', { reason: 'waitlist_offer_expired' });
const withdrawn = () => new AppError('CONFLICT', 'This offer no longer applies: you left the waitlist or the appointment changed.', { reason: 'waitlist_offer_withdrawn' });
const noOffer = () => new AppError('NOT_FOUND', 'No such offer.', { reason: 'not_found' });

const iso = (ms: number, zone: string) => toZonedIso(ms, zone);
const offerView = (o: repo.OfferView) => ({ ...o, start: iso(o.start, o.timeZone), end: iso(o.end, o.timeZone), expiresAt: iso(o.expiresAt, o.timeZone) });

/**
 * The earlier-visit waitlist (issue 12): a patient with a booked visit asks
 * for an earlier one; offers go out as time opens (waitlist-offers.service);
 * accepting books the offered time through the same slot search and exclusion
 * constraints as any booking and releases the old visit in the same
 * transaction, which is an opening in its turn.
 */
export function createWaitlistService(deps: WaitlistDeps) {
  const { db, clock, organizationId, manage } = deps;

  async function entry(patientId: string, appointmentId: string, ctx: AuditContext): Promise<WaitlistEntry | null> {
    await manage.getRow(appointmentId, { patientId });
    const rows = await deps.audit.readAudited(ctx, { action: 'waitlist.read', resourceType: 'appointment', resourceId: appointmentId, patientId }, repo.entriesOfPatientQuery(organizationId, patientId));
    const mine = rows.filter((r) => r.appointmentId === appointmentId);
    const e = mine.find((r) => r.status === 'waiting') ?? mine[0];
    return e ? toEntry(e) : null;
  }

  function toEntry(e: repo.EntryRow & { offers: repo.OfferView[] }): WaitlistEntry {
    const zone = e.offers[0]?.timeZone ?? 'UTC';
    return { ...e, createdAt: iso(e.createdAt, zone), offers: e.offers.map(offerView) };
  }

  async function entries(patientId: string, ctx: AuditContext): Promise<WaitlistEntry[]> {
    const rows = await deps.audit.readAudited(ctx, { action: 'waitlist.read', resourceType: 'patient_waitlist', resourceId: patientId, patientId }, repo.entriesOfPatientQuery(organizationId, patientId));
    return rows.map(toEntry);
  }

  /** Joins (201) or changes what the entry asks for (200); only a booked visit still to come may wait for an earlier time. */
  async function join(patientId: string, appointmentId: string, r: z.output<typeof WaitlistRequest>, ctx: AuditContext) {
    const created = await db.tx(async (t) => {
      const row = await manage.getRow(appointmentId, { patientId }, true, t);
      if (row.status !== 'booked' || row.start <= clock.now()) {
        throw new AppError('RULE', 'Only a booked appointment still to come can wait for an earlier time.', { reason: 'waitlist_not_open' });
      }
      const e = await repo.upsertEntry(t, { organizationId, patientId, appointmentId, weekdays: [...new Set(r.weekdays)].sort(), parts: [...new Set(r.parts)], windows: r.windows, channel: r.channel });
      await deps.audit.record(ctx, { action: e.created ? 'waitlist.join' : 'waitlist.update', resourceType: 'waitlist_entry', resourceId: e.id, patientId }, t);
      // Times already open are the patient's to book themselves (reschedule); the list waits for time that opens later.
      return e.created;
    });
    return { created, entry: (await entry(patientId, appointmentId, ctx))! };
  }

  /** Leaves the list; leaving twice (or never having joined) is no error. Undecided offers are withdrawn. */
  async function leave(patientId: string, appointmentId: string, ctx: AuditContext): Promise<void> {
    await db.tx(async (t) => {
      await manage.getRow(appointmentId, { patientId }, false, t);
      const id = await repo.endEntry(t, organizationId, appointmentId, 'left');
      if (id) await deps.audit.record(ctx, { action: 'waitlist.leave', resourceType: 'waitlist_entry', resourceId: id, patientId }, t);
    });
  }

  /** The public offer page: when and where, in the patient's language; an unknown token is a plain 404. */
  async function publicOffer(token: string, ctx: AuditContext) {
    const o = await repo.findOffer(db, organizationId, { tokenHash: tokenHash(token) });
    if (!o) throw noOffer();
    await deps.audit.recordRead(ctx, { action: 'waitlist.offer_read', resourceType: 'waitlist_offer', resourceId: o.id, patientId: o.patientId });
    const status = o.status === 'sent' && o.expiresAt <= clock.now() ? 'expired' : o.status;
    return {
      status, start: iso(o.start, o.timeZone), end: iso(o.end, o.timeZone), timeZone: o.timeZone, locationName: o.locationName,
      locationAddress: o.locationAddress, locationPhone: o.locationPhone, expiresAt: iso(o.expiresAt, o.timeZone), language: o.language,
    };
  }

  /**
   * Accepts an offer: the slot's offers are locked together (one acceptance
   * at a time per slot; the second sees the first's decision), the old visit
   * is cancelled, the offered time is found by the same slot search and
   * written under the same exclusion constraints as any booking, the other
   * offers of the slot become 'taken', and the old visit's time is an opening
   * in its turn: all in one transaction.
   */
  async function accept(by: { token: string } | { offerId: string; patientId: string }, ctx: AuditContext): Promise<z.output<typeof AcceptedOffer>> {
    const offer = await repo.findOffer(db, organizationId, 'token' in by ? { tokenHash: tokenHash(by.token) } : { id: by.offerId });
    if (!offer || ('patientId' in by && offer.patientId !== by.patientId)) throw noOffer();
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await db.tx((t) => acceptIn(t, offer, ctx));
        deps.notices.kick();
        deps.offers.kick();
        return result;
      } catch (err) {
        const constraint = constraintOf(err);
        if (constraint === 'appointment_room_free' && attempt < 3) continue;
        if (constraint === 'appointment_patient_free') throw new AppError('CONFLICT', 'You already have an appointment at that time.', { reason: 'patient_busy' });
        const lost = constraint === 'appointment_practitioner_free' || constraint === 'appointment_room_free'
          || (err instanceof AppError && (err.details.reason === 'slot_taken' || err.details.reason === 'slot_not_open'));
        if (!lost) throw err;
        // Someone outside the waitlist took the time (the desk, the website): this offer is over.
        await repo.markTaken(db, offer.id);
        await deps.audit.record(ctx, { action: 'waitlist.accept', resourceType: 'waitlist_offer', resourceId: offer.id, patientId: offer.patientId, outcome: 'failure', reason: 'taken' });
        throw taken();
      }
    }
  }

  async function acceptIn(t: Queryable, offer: repo.OfferRow, ctx: AuditContext) {
    const locked = await repo.lockSlotOffers(t, { organizationId, practitionerId: offer.practitionerId, start: offer.start });
    const status = locked.find((o) => o.id === offer.id)?.status;
    if (status === 'accepted' || status === 'taken') throw taken();
    if (status === 'withdrawn') throw withdrawn();
    if (status === 'expired' || offer.expiresAt <= clock.now()) throw expired();
    const old = await scheduling.findAppointment(t, organizationId, offer.appointmentId, true);
    if (!old || old.status !== 'booked' || old.start <= offer.start) throw withdrawn();
    await scheduling.cancelAppointment(t, old.id, 'Moved to an earlier time from the waitlist');
    const found = await deps.slots.resolveSlot(t, { visitTypeId: offer.visitTypeId, practitionerId: offer.practitionerId, locationId: offer.locationId, start: offer.start, gate: 'move' });
    if (found.prior) throw new Error('an offer acceptance found a stored booking answer');
    const { slot, visit } = found;
    const held = heldRange(slot.start, visit);
    const id = randomUUID();
    const code = generateConfirmationCode();
    await repo.insertMovedCopy(t, { fromId: old.id, id, practitionerId: slot.practitionerId, locationId: slot.locationId, roomId: slot.roomId, start: slot.start, end: slot.end, heldStart: held.start, heldEnd: held.end, codeHash: sha256Hex(code) });
    await repo.recordAcceptance(t, { organizationId, offerId: offer.id, entryId: offer.entryId, practitionerId: offer.practitionerId, start: offer.start, newAppointmentId: id });
    // The released time is an opening: the next in line may be offered it.
    await repo.insertOpening(t, { organizationId, locationId: old.locationId, practitionerId: old.practitionerId, from: old.start, to: old.end, cause: 'cancellation' });
    // The released visit's reminders end with it; the new one's are written by the patient's preferences.
    await deps.notices.cancelReminders(t, old.id, 'cancelled');
    const notices = appointmentNotices('booked', {
      id, patientId: offer.patientId, firstName: old.patientFirstName, start: slot.start, timeZone: old.timeZone,
      locationName: offer.locationName, locationAddress: offer.locationAddress, locationPhone: offer.locationPhone,
    }, code, clock.now());
    for (const n of notices) await deps.notices.notifyPatient(t, n);
    await deps.audit.record(ctx, { action: 'waitlist.accept', resourceType: 'waitlist_offer', resourceId: offer.id, patientId: offer.patientId }, t);
    await deps.audit.record(ctx, { action: 'appointment.create', resourceType: 'appointment', resourceId: id, patientId: offer.patientId }, t);
    await deps.audit.record(ctx, { action: 'appointment.cancel', resourceType: 'appointment', resourceId: old.id, patientId: offer.patientId, reason: 'moved earlier from the waitlist' }, t);
    await desk.notifyScheduleChanged(t, old.locationId, [localDateOf(old.start, old.timeZone)]);
    await desk.notifyScheduleChanged(t, slot.locationId, [localDateOf(slot.start, old.timeZone)]);
    return { appointmentId: id, start: iso(slot.start, old.timeZone), end: iso(slot.end, old.timeZone), timeZone: old.timeZone, locationName: offer.locationName, releasedAppointmentId: old.id };
  }

  /** The front desk's page of offers; each patient named is a read of their record, audited. */
  async function staffOffers(q: { status?: string | undefined; location?: string | undefined; from?: string | undefined; to?: string | undefined }, ctx: AuditContext) {
    const rows = await repo.staffOffers(db, organizationId, { ...q, locationId: q.location });
    const patients = new Map(rows.map((r) => [r.patient.id, r.id]));
    await deps.audit.recordMany(ctx, { action: 'waitlist.read', resourceType: 'waitlist_offer' }, [...patients].map(([patientId, id]) => ({ patientId, resourceId: id })), db.relaxed);
    return rows.map((r) => ({
      ...r, start: iso(r.start, r.timeZone), bookedStart: iso(r.bookedStart, r.timeZone), sentAt: iso(r.sentAt, r.timeZone),
      expiresAt: iso(r.expiresAt, r.timeZone), decidedAt: r.decidedAt === null ? null : iso(r.decidedAt, r.timeZone),
    }));
  }

  return { entry, entries, join, leave, publicOffer, accept, staffOffers };
}

export type WaitlistService = ReturnType<typeof createWaitlistService>;
