import { addDays, daysBetween, MINUTE_MS, type LocalDate } from '../../../../shared/time.js';
import { closedDays, openWindow } from './hours.js';
import { normalizeBy, overlapsAny, type Interval } from './intervals.js';

export interface VisitRules {
  durationMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  roomCapability: string;
  slotStepMin: number;
  minNoticeMin: number;
  horizonDays: number;
}

export interface WorkingHoursRule {
  practitionerId: string;
  locationId: string;
  weekday: number; // 0 = Sunday
  startMin: number; // minutes since local midnight
  endMin: number;
  validFrom?: LocalDate | null;
  validTo?: LocalDate | null;
}

export interface SlotSearchInput {
  visit: VisitRules;
  /** Candidate locations with their zones; rules at other locations are ignored. */
  locations: readonly { id: string; timeZone: string }[];
  rooms: readonly { id: string; locationId: string; capabilities: readonly string[] }[];
  /** Candidate practitioners (already filtered to those who do this visit type). */
  practitionerIds: readonly string[];
  workingHours: readonly WorkingHoursRule[];
  timeOff: readonly ({ practitionerId: string } & Interval)[];
  /**
   * Each location's opening hours (minutes since local midnight, by weekday):
   * a slot lies inside one of them, so a visit is never offered while the
   * location is closed (issue 11: the fit check calls that location_closed).
   * Absent: not checked. A location given no hours is closed.
   */
  locationHours?: readonly { locationId: string; weekday: number; startMin: number; endMin: number }[];
  /** Local calendar dates on which a location (or, with locationId null, every location) is closed. */
  holidays: readonly { locationId: string | null; date: LocalDate }[];
  /** Held ranges (visit plus buffers) of existing appointments and blocks. */
  practitionerBusy: readonly ({ practitionerId: string } & Interval)[];
  roomBusy: readonly ({ roomId: string } & Interval)[];
  /** Inclusive range of local dates (in each location's own zone). */
  from: LocalDate;
  to: LocalDate;
  now: number;
}

export interface FoundSlot {
  start: number;
  end: number;
  practitionerId: string;
  locationId: string;
  roomId: string;
}

const EMPTY: Interval[] = [];

/**
 * Open slots for one visit type. A slot starts on the step grid counted from
 * the start of a working-hours window, lies inside that window, respects the
 * minimum notice and the booking horizon, avoids holidays and time off, and its
 * held range (visit plus buffers) overlaps neither the practitioner's nor a
 * capable room's held ranges: the same test the database's exclusion
 * constraints apply. The first free capable room (by id order) is offered.
 * Output is sorted by start, then practitioner, then location.
 */
export function findOpenSlots(input: SlotSearchInput): FoundSlot[] {
  const { visit, now } = input;
  const dayCount = daysBetween(input.from, input.to) + 1;
  if (dayCount <= 0) return [];
  if (!(visit.slotStepMin > 0) || !(visit.durationMin > 0)) throw new RangeError('slotStepMin and durationMin must be positive');
  const durationMs = visit.durationMin * MINUTE_MS;
  const beforeMs = visit.bufferBeforeMin * MINUTE_MS;
  const afterMs = visit.bufferAfterMin * MINUTE_MS;
  const stepMs = visit.slotStepMin * MINUTE_MS;
  const earliest = now + visit.minNoticeMin * MINUTE_MS;
  const latest = now + visit.horizonDays * 1440 * MINUTE_MS;

  const zoneOf = new Map(input.locations.map((l) => [l.id, l.timeZone]));
  const wanted = new Set(input.practitionerIds);
  const closed = closedDays(input.holidays);
  const busyByPractitioner = normalizeBy([...input.practitionerBusy, ...input.timeOff], (b) => b.practitionerId);
  const busyByRoom = normalizeBy(input.roomBusy, (b) => b.roomId);
  const roomsByLocation = new Map<string, string[]>();
  for (const r of input.rooms) {
    if (!r.capabilities.includes(visit.roomCapability)) continue;
    let list = roomsByLocation.get(r.locationId);
    if (!list) roomsByLocation.set(r.locationId, (list = []));
    list.push(r.id);
  }
  for (const list of roomsByLocation.values()) list.sort();
  const opening = input.locationHours && groupBy(input.locationHours, (h) => h.locationId);

  const out: FoundSlot[] = [];
  for (const rule of input.workingHours) {
    const zone = zoneOf.get(rule.locationId);
    const rooms = roomsByLocation.get(rule.locationId);
    if (!zone || !rooms || !wanted.has(rule.practitionerId)) continue;
    const busy = busyByPractitioner.get(rule.practitionerId) ?? EMPTY;
    for (let d = 0; d < dayCount; d++) {
      const date = addDays(input.from, d);
      const open = openWindow(rule, date, zone, rule.locationId, closed);
      if (!open) continue;
      const { start: windowStart, end: windowEnd } = open;
      const openHours = opening && (opening.get(rule.locationId) ?? []).flatMap((h) => openWindow(h, date, zone, rule.locationId, closed) ?? []);
      for (let start = windowStart; start + durationMs <= windowEnd; start += stepMs) {
        if (start < earliest) continue;
        if (start >= latest) break;
        const end = start + durationMs;
        if (openHours && !openHours.some((w) => w.start <= start && end <= w.end)) continue;
        const heldStart = start - beforeMs;
        const heldEnd = end + afterMs;
        if (overlapsAny(busy, heldStart, heldEnd)) continue;
        const roomId = rooms.find((id) => !overlapsAny(busyByRoom.get(id) ?? EMPTY, heldStart, heldEnd));
        if (roomId) out.push({ start, end, practitionerId: rule.practitionerId, locationId: rule.locationId, roomId });
      }
    }
  }
  out.sort((a, b) => a.start - b.start || cmp(a.practitionerId, b.practitionerId) || cmp(a.locationId, b.locationId));
  return dedupe(out);
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) {
    const g = out.get(key(t));
    if (g) g.push(t);
    else out.set(key(t), [t]);
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two overlapping rules for the same practitioner and place must not offer a slot twice. */
function dedupe(sorted: FoundSlot[]): FoundSlot[] {
  return sorted.filter(
    (s, i) => {
      const prev = sorted[i - 1];
      return !prev || prev.start !== s.start || prev.practitionerId !== s.practitionerId || prev.locationId !== s.locationId;
    },
  );
}

/** The held range of a visit starting at `start`: what the exclusion constraints compare. */
export function heldRange(start: number, visit: Pick<VisitRules, 'durationMin' | 'bufferBeforeMin' | 'bufferAfterMin'>): Interval {
  return {
    start: start - visit.bufferBeforeMin * MINUTE_MS,
    end: start + (visit.durationMin + visit.bufferAfterMin) * MINUTE_MS,
  };
}
