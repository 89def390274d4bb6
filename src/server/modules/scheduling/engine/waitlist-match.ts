import { instantToLocal, wallTimeToMinutes, weekdayOf } from '../../../../shared/time.js';

/**
 * The earlier-visit waitlist's decisions (issue 12), as functions of data:
 * whether a time suits a patient, and who is offered which opened slot.
 */

export interface WaitlistPreferences {
  /** 0 Sunday ... 6 Saturday, in the location's zone. */
  weekdays: readonly number[];
  parts: readonly ('morning' | 'afternoon')[];
  /** 'HH:MM' wall-clock windows; the visit must start and end inside one. */
  windows: readonly { from: string; to: string }[];
}

/** Noon, local: a visit starting before it is a morning visit. */
const NOON_MIN = 12 * 60;

/** Whether a visit from `start` to `end` (instants) suits the preferences, read in the location's zone. */
export function fitsPreferences(p: WaitlistPreferences, slot: { start: number; end: number }, zone: string): boolean {
  const local = instantToLocal(slot.start, zone);
  if (!p.weekdays.includes(weekdayOf(local.date))) return false;
  const startMin = local.minutes;
  const endLocal = instantToLocal(slot.end, zone);
  // A visit crossing midnight fits no window (clinics close long before).
  const endMin = endLocal.date === local.date ? endLocal.minutes : 24 * 60 + endLocal.minutes;
  if (p.parts.includes('morning') && startMin < NOON_MIN) return true;
  if (p.parts.includes('afternoon') && startMin >= NOON_MIN) return true;
  return p.windows.some((w) => startMin >= wallTimeToMinutes(w.from) && endMin <= wallTimeToMinutes(w.to));
}

export interface OpenSlot {
  visitTypeId: string;
  practitionerId: string;
  locationId: string;
  start: number;
  end: number;
  zone: string;
}

export interface Candidate {
  entryId: string;
  visitTypeId: string;
  locationId: string;
  /** The visit stays with this practitioner (a staff-only visit), or null: anyone who performs it. */
  practitionerId: string | null;
  /** The booked visit's start: only an earlier slot is an offer. */
  bookedStart: number;
  preferences: WaitlistPreferences;
  /** The entry already holds an offer not yet decided: one offer at a time per patient. */
  hasLiveOffer: boolean;
  /** Slots this entry was offered before (`slotKey`), whatever became of the offer. */
  offered: readonly string[];
}

export const slotKey = (s: { practitionerId: string; start: number }) => `${s.practitionerId}@${s.start}`;

/**
 * Who is offered which slot: slots earliest first; for each, the candidates in
 * waitlist order (they come sorted by position) whose visit is later, of the
 * same visit type at the same location (and practitioner, when it must stay),
 * whose preferences fit, who hold no undecided offer and were never offered
 * this slot, up to `perSlot` minus the slot's offers still undecided. A
 * candidate gets at most one offer per run.
 */
export function pickOffers(input: {
  slots: readonly OpenSlot[];
  candidates: readonly Candidate[];
  perSlot: number;
  /** Undecided offers per slot key, already out. */
  liveBySlot: ReadonlyMap<string, number>;
}): { entryId: string; slot: OpenSlot }[] {
  const picked = new Set<string>();
  const out: { entryId: string; slot: OpenSlot }[] = [];
  const slots = [...input.slots].sort((a, b) => a.start - b.start || a.practitionerId.localeCompare(b.practitionerId));
  for (const slot of slots) {
    const key = slotKey(slot);
    let room = input.perSlot - (input.liveBySlot.get(key) ?? 0);
    for (const c of input.candidates) {
      if (room <= 0) break;
      if (picked.has(c.entryId) || c.hasLiveOffer || c.offered.includes(key)) continue;
      if (c.visitTypeId !== slot.visitTypeId || c.locationId !== slot.locationId) continue;
      if (c.practitionerId !== null && c.practitionerId !== slot.practitionerId) continue;
      if (slot.start >= c.bookedStart || !fitsPreferences(c.preferences, slot, slot.zone)) continue;
      picked.add(c.entryId);
      out.push({ entryId: c.entryId, slot });
      room--;
    }
  }
  return out;
}
