import type { Queryable } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../../shared/errors.js';
import { MAX_SEARCH_DAYS } from '../../../shared/search-window.js';
import type { AvailabilityQuery, AvailabilityResponse, Slot } from '../../../shared/contracts/booking.js';
import { addDays, DAY_MS, daysBetween, localDateOf, toZonedIso } from '../../../shared/time.js';
import { isBookableByAnyone, portalOffer } from './engine/online-policy.js';
import { findOpenSlots, type FoundSlot } from './engine/slots.js';
import * as repo from './scheduling.repo.js';

/**
 * No visit type books further ahead than this (the CHECK on visit_type.horizon_days).
 * A start past it is refused before any SQL runs: a year 9999 never reaches the
 * database's date arithmetic (issue 9, defect 4).
 */
export const MAX_HORIZON_DAYS = 730;

export function beyondHorizon(field: 'from' | 'start', days: number): AppError {
  const message = `is beyond the booking horizon of ${days} days`;
  return new AppError('RULE', `${field}: ${message}`, { issues: [{ field, message }], reason: 'beyond_booking_horizon' });
}

/** An unknown (or retired) visit type: a 422 when a body field named it, else a 404. */
function unknownVisitType(field: string | undefined): AppError {
  const f = field ?? 'visitType';
  return new AppError(field ? 'INVALID' : 'NOT_FOUND', `${f}: no such visit type`, { issues: [{ field: f, message: 'no such visit type', reason: 'unknown_visit_type' }], reason: field ? 'invalid' : 'not_found' });
}

/**
 * Who is searching decides what they may search, checked from the search's
 * own data before the engine runs (one round trip either way). The website
 * asks for open online booking and a visit type anyone may book; a signed-in
 * patient (issue 12) also books 'established' visit types once they have
 * been seen ('portal_established'), and is told to ask for 'request_only'
 * ones; the desk books any active visit type; moving a booked visit takes its
 * visit type as it is, retired or not.
 */
export type SearchGate = 'website' | 'portal' | 'portal_established' | 'desk' | 'move';

function passGate(gate: SearchGate, d: { visit: repo.VisitTypeRow; onlineBooking: boolean }, field: string | undefined): void {
  if (gate === 'move') return;
  if (!d.visit.active) throw unknownVisitType(field);
  if (gate === 'desk') return;
  if (!d.onlineBooking) throw new AppError('CONFLICT', 'Online booking is not open yet; please call the location to book.', { reason: 'online_booking_closed' });
  const offer = gate === 'website' ? (isBookableByAnyone(d.visit.online) ? 'book' : null) : portalOffer(d.visit.online, gate === 'portal_established');
  if (offer === 'book') return;
  const f = field ?? 'visitType';
  if (offer === 'request') {
    const message = 'is booked by the clinic on request: send a request with the days and times that suit you';
    throw new AppError('RULE', `${f}: ${message}`, { issues: [{ field: f, message }], reason: 'visit_type_request_only' });
  }
  const message = 'is booked with the clinic by phone; please call the location';
  throw new AppError('RULE', `${f}: ${message}`, { issues: [{ field: f, message }], reason: 'visit_type_not_bookable_online' });
}

export interface SearchRequest {
  visitTypeId: string; from: string; to: string; practitionerId?: string | undefined; locationId?: string | undefined;
  gate: SearchGate;
  excludeAppointmentId?: string | undefined;
  idempotency?: repo.SearchScope['idempotency']; alongside?: repo.SearchScope['alongside'];
  /** The request field that named the visit type, when it is a body field (a 422, not a 404). */
  field?: string;
  /**
   * Only the busy time and time off overlapping a visit held from this
   * start matter (a booking checks one slot): slots at other starts may
   * then look open, so the caller must look at this start only.
   */
  heldAt?: number;
}

/** The slot search every booking, move and availability answer shares. */
export function createSlotSearch(deps: { clock: Clock; organizationId: string }) {
  const { clock, organizationId } = deps;

  async function search(q: Queryable, s: SearchRequest) {
    const loadFrom = Date.parse(`${s.from}T00:00:00Z`) - 2 * DAY_MS;
    const loadTo = Date.parse(`${s.to}T00:00:00Z`) + 3 * DAY_MS;
    const data = await repo.loadSearchData(q, { organizationId, ...s, fromDate: s.from, toDate: s.to, loadFrom, loadTo });
    if (!data.visit) throw unknownVisitType(s.field);
    // A retried request is answered as the first time, whatever has changed since.
    if (!data.prior) passGate(s.gate, { visit: data.visit, onlineBooking: data.onlineBooking }, s.field);
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

  /** Open slots over local dates, for who is asking (`gate`); an appointment being moved does not block itself. */
  async function availability(q: Queryable, a: AvailabilityQuery & { gate: SearchGate; excludeAppointmentId?: string }): Promise<AvailabilityResponse> {
    const span = daysBetween(a.from, a.to);
    if (span < 0) throw AppError.invalid('to', 'must be on or after from', 'range_reversed');
    if (span >= MAX_SEARCH_DAYS) throw AppError.invalid('to', `the range may cover at most ${MAX_SEARCH_DAYS} days`, 'range_too_long');
    if (a.from > addDays(localDateOf(clock.now(), 'UTC'), MAX_HORIZON_DAYS + 1)) throw beyondHorizon('from', MAX_HORIZON_DAYS);
    const { slots, zones, visit } = await search(q, {
      visitTypeId: a.visitType, from: a.from, to: a.to, practitionerId: a.practitioner, locationId: a.location, gate: a.gate, excludeAppointmentId: a.excludeAppointmentId,
    });
    const lastBookable = addDays(localDateOf(clock.now(), 'UTC'), visit.horizonDays + 1);
    if (a.from > lastBookable) throw beyondHorizon('from', visit.horizonDays);
    const out = slots.map((f) => toSlot(f, zones));
    return { visitTypeId: a.visitType, from: a.from, to: a.to, slots: out, firstAvailable: out[0] ?? null };
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
  function explainUnavailable(r: { start: number; locationId: string }, visit: repo.VisitTypeRow, openIgnoringBookings: () => FoundSlot[]): AppError {
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
      visitTypeId: string; practitionerId: string; locationId: string; start: number; gate: SearchGate; excludeAppointmentId?: string;
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
    if (found.prior) return { prior: found.prior };
    const zone = found.zones.get(r.locationId);
    const location = found.locations.find((l) => l.id === r.locationId);
    if (!zone || !location) throw AppError.invalid('locationId', 'no such location', 'unknown_location');
    if (found.practitionerIds.length === 0) throw AppError.invalid('practitionerId', 'no such practitioner for this visit type', 'unknown_practitioner');
    const slot = found.slots.find((s) => s.start === r.start && s.locationId === r.locationId);
    if (!slot) throw explainUnavailable(r, found.visit, found.slotsIgnoringBookings);
    return { prior: null, slot, visit: found.visit, zone, location, alongside: found.alongside };
  }

  return { availability, resolveSlot, withinHorizon };
}

export type SlotSearch = ReturnType<typeof createSlotSearch>;

/** A booking race lost, in words for the person who lost it. */
export function conflictMessage(err: unknown, constraint: string | undefined): unknown {
  if (!(err instanceof AppError) || err.code !== 'CONFLICT' || !constraint) return err;
  if (constraint === 'appointment_patient_free') {
    return new AppError('CONFLICT', 'You already have an appointment at that time.', { reason: 'patient_busy' });
  }
  return new AppError('CONFLICT', 'That time was just taken. Please choose another.', { reason: 'slot_taken' });
}
