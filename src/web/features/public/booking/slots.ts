import type { Slot } from '../../../../shared/contracts/booking';
import type { Practitioner } from '../../../../shared/contracts/clinic';
import { MAX_SEARCH_DAYS } from '../../../../shared/search-window';
import { addDays, localDateOf } from '../../../../shared/time';

/** The clinic's zone when no single location is chosen (every demo location is in it). */
export const CLINIC_ZONE = 'America/Chicago';
/** How many days with openings the day step offers. */
export const DAYS_SHOWN = 14;

/** From the clinic's today for the API's maximum range. */
export function availabilityWindow(now: number, zone: string): { from: string; to: string } {
  const from = localDateOf(now, zone);
  return { from, to: addDays(from, MAX_SEARCH_DAYS - 1) };
}

/**
 * The local date of a slot. slot.start carries the location's own offset
 * ('2026-12-01T09:00:00-06:00'), so its first ten characters are the clinic date.
 */
export function slotDate(slot: Slot): string {
  return slot.start.slice(0, 10);
}

export interface DayOpenings {
  date: string;
  slots: Slot[];
}

/** Days that have openings, earliest first, each with its slots in time order. */
export function groupSlotsByDay(slots: Slot[], maxDays = DAYS_SHOWN): DayOpenings[] {
  const byDay = new Map<string, Slot[]>();
  const sorted = [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const s of sorted) {
    const d = slotDate(s);
    const list = byDay.get(d);
    if (list) list.push(s);
    else byDay.set(d, [s]);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, maxDays)
    .map(([date, daySlots]) => ({ date, slots: daySlots }));
}

export interface SlotGroup {
  practitionerId: string;
  locationId: string;
  slots: Slot[];
}

/** A day's slots grouped by who and where, groups in order of their first slot. */
export function groupByProviderAndPlace(slots: Slot[]): SlotGroup[] {
  const groups = new Map<string, SlotGroup>();
  for (const s of [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const k = `${s.practitionerId}|${s.locationId}`;
    let g = groups.get(k);
    if (!g) {
      g = { practitionerId: s.practitionerId, locationId: s.locationId, slots: [] };
      groups.set(k, g);
    }
    // The same practitioner may have two rooms free at one time: offer the time once.
    if (!g.slots.some((x) => x.start === s.start)) g.slots.push(s);
  }
  return [...groups.values()];
}

export function isSameSlot(a: Slot | null | undefined, b: Slot | null | undefined): boolean {
  return !!a && !!b && a.start === b.start && a.practitionerId === b.practitionerId && a.locationId === b.locationId;
}

/**
 * 'Elena Ortiz, MD': credentials after the name, and no 'Dr.' in front when
 * they say it already (unless the name already carries them).
 */
export function practitionerName(p: Practitioner | undefined): string {
  if (!p) return '';
  if (!p.credentials || p.name.includes(p.credentials)) return p.name;
  return `${p.name.replace(/^Dr\.?\s+/, '')}, ${p.credentials}`;
}
