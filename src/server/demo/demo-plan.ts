/**
 * The demo clinic's two weeks of visits, planned as a pure function of the
 * clinic's settings, what is already busy, and `now` (issue 11, part 4). A
 * visit lies inside its practitioner's hours and its location's opening hours
 * on a day the location is open; its practitioner and room are free for the
 * visit and its buffers, and its patient for the visit: the test the
 * database's exclusion constraints apply, so the insert never meets them.
 * Deterministic: the same clinic and `now` give the same plan.
 */
import { addDays, DAY_MS, localDateOf, localToInstant, MINUTE_MS, minutesToWallTime, weekdayOf, type LocalDate } from '../../shared/time.js';
import { DEFAULT_REASON, DEMO_REASONS } from './demo-patients.js';

export interface PlanClinic {
  /** Region ids in their display order: a patient of area 0 goes to the first region's locations. */
  regionIds: string[];
  locations: { id: string; regionId: string; timeZone: string; hours: { weekday: number; opensMin: number; closesMin: number }[] }[];
  rooms: { id: string; locationId: string; capabilities: string[] }[];
  visitTypes: { id: string; code: string; durationMin: number; bufferBeforeMin: number; bufferAfterMin: number; roomCapability: string; bookableOnline: boolean }[];
  practitioners: { id: string; visitTypeIds: string[] }[];
  workingHours: { practitionerId: string; locationId: string; weekday: number; startMin: number; endMin: number; validFrom: string | null; validTo: string | null }[];
  holidays: { locationId: string | null; date: LocalDate }[];
  /** Held ranges already taken (booked visits, blocked time): a practitioner's, a room's, or both. */
  busy: { practitionerId: string | null; roomId: string | null; start: number; end: number }[];
}

export type DemoStatus = 'booked' | 'checked_in' | 'completed' | 'no_show' | 'cancelled';

export interface PlannedVisit {
  /** Index into the patients given. */
  patient: number;
  practitionerId: string;
  locationId: string;
  roomId: string;
  visitTypeId: string;
  start: number;
  end: number;
  heldStart: number;
  heldEnd: number;
  status: DemoStatus;
  reason: string;
  bookedVia: 'web' | 'staff';
  cancelReason: string | null;
  cancelledAt: number | null;
  createdAt: number;
}

/** Days before and after today that get visits: one week each way. */
export const DEMO_DAYS_BACK = 7;
export const DEMO_DAYS_AHEAD = 7;

/** The mix of visits a day holds (repeats weigh a kind); each practitioner takes the ones they perform. */
const DEMO_MIX = [
  'follow-up', 'new-patient-consult', 'physical-therapy', 'epidural-steroid-injection', 'follow-up', 'psych-evaluation',
  'medial-branch-block', 'physical-therapy', 'radiofrequency-ablation', 'follow-up', 'pump-refill', 'new-patient-consult',
];
/** Minutes left free after a visit, in turn: a day's visits spread over it, with room for a caller. */
const GAPS_MIN = [60, 120, 90, 150, 30, 180];
const STEP_MS = 15 * MINUTE_MS;

type Interval = { start: number; end: number };
const overlaps = (list: readonly Interval[] | undefined, start: number, end: number) => !!list?.some((b) => b.start < end && start < b.end);
function push<K>(map: Map<K, Interval[]>, key: K, iv: Interval): void {
  const list = map.get(key);
  if (list) list.push(iv);
  else map.set(key, [iv]);
}

/** The open windows of one rule on one date: the practitioner's hours within the location's opening hours. */
function windowsOf(rule: PlanClinic['workingHours'][number], date: LocalDate, location: PlanClinic['locations'][number], closed: Set<string>): Interval[] {
  if (weekdayOf(date) !== rule.weekday) return [];
  if ((rule.validFrom && date < rule.validFrom) || (rule.validTo && date > rule.validTo)) return [];
  if (closed.has(`*|${date}`) || closed.has(`${location.id}|${date}`)) return [];
  const at = (min: number) => localToInstant(date, minutesToWallTime(min), location.timeZone);
  return location.hours
    .filter((h) => h.weekday === rule.weekday)
    .map((h) => ({ start: at(Math.max(h.opensMin, rule.startMin)), end: at(Math.min(h.closesMin, rule.endMin)) }))
    .filter((w) => w.start < w.end);
}

function statusOf(v: { start: number; end: number }, n: number, now: number, today: LocalDate, zone: string): DemoStatus {
  if (v.start > now) return n % 19 === 7 ? 'cancelled' : 'booked';
  if (v.end > now) return 'checked_in';
  if (localDateOf(v.start, zone) === today) return 'completed';
  if (n % 17 === 3) return 'no_show';
  return n % 13 === 5 ? 'cancelled' : 'completed';
}

/** Plans the demo's visits from `today - DEMO_DAYS_BACK` to `today + DEMO_DAYS_AHEAD` (local dates in `zone`). */
export function planDemoVisits(input: { clinic: PlanClinic; patients: readonly { area: number }[]; now: number; zone: string }): PlannedVisit[] {
  const { clinic, patients, now, zone } = input;
  const today = localDateOf(now, zone);
  const closed = new Set(clinic.holidays.map((h) => `${h.locationId ?? '*'}|${h.date}`));
  const locations = new Map(clinic.locations.map((l) => [l.id, l]));
  const visitTypes = new Map(clinic.visitTypes.map((v) => [v.id, v]));
  const byCode = new Map(clinic.visitTypes.map((v) => [v.code, v]));
  const doable = new Map(clinic.practitioners.map((p) => [p.id, new Set(p.visitTypeIds)]));
  const practitionerBusy = new Map<string, Interval[]>();
  const roomBusy = new Map<string, Interval[]>();
  const patientBusy = new Map<number, Interval[]>();
  const patientDays = new Set<string>();
  for (const b of clinic.busy) {
    if (b.practitionerId) push(practitionerBusy, b.practitionerId, b);
    if (b.roomId) push(roomBusy, b.roomId, b);
  }
  const area = (locationId: string) => Math.max(0, Math.min(clinic.regionIds.indexOf(locations.get(locationId)!.regionId), 1));
  const turn = new Map<number, number>();
  const rules = [...clinic.workingHours]
    .filter((r) => doable.has(r.practitionerId) && locations.has(r.locationId))
    .sort((a, b) => (a.practitionerId < b.practitionerId ? -1 : a.practitionerId > b.practitionerId ? 1 : a.startMin - b.startMin));

  /** The mix this practitioner can do at this location (a room with the capability is there). */
  const mixFor = (practitionerId: string, locationId: string) => {
    const can = (v: PlanClinic['visitTypes'][number]) => doable.get(practitionerId)!.has(v.id)
      && clinic.rooms.some((r) => r.locationId === locationId && r.capabilities.includes(v.roomCapability));
    const mix = DEMO_MIX.map((c) => byCode.get(c)).filter((v): v is PlanClinic['visitTypes'][number] => !!v && can(v));
    return mix.length > 0 ? mix : clinic.visitTypes.filter(can);
  };

  function choosePatient(a: number, date: LocalDate, start: number, end: number): number | undefined {
    const pool = patients.map((p, i) => ({ p, i })).filter(({ p }) => p.area === a).map(({ i }) => i);
    const list = pool.length > 0 ? pool : patients.map((_, i) => i);
    const first = turn.get(a) ?? 0;
    for (let k = 0; k < list.length; k++) {
      const i = list[(first + k) % list.length]!;
      if (patientDays.has(`${i}|${date}`) || overlaps(patientBusy.get(i), start, end)) continue;
      turn.set(a, (first + k + 1) % list.length);
      return i;
    }
    return undefined;
  }

  const out: PlannedVisit[] = [];
  for (let d = -DEMO_DAYS_BACK; d <= DEMO_DAYS_AHEAD; d++) {
    const date = addDays(today, d);
    for (const [ri, rule] of rules.entries()) {
      const location = locations.get(rule.locationId)!;
      const mix = mixFor(rule.practitionerId, rule.locationId);
      if (mix.length === 0) continue;
      for (const window of windowsOf(rule, date, location, closed)) {
        const seed = Math.abs(d + DEMO_DAYS_BACK) * 31 + ri * 7;
        // One or two visits each: about five visits in two weeks for each patient, as a pain practice sees them.
        const target = 1 + (seed % 2);
        // The first visit somewhere in the first half of the day (08:00 to 11:30 for a day from 08:00).
        let cursor = window.start + ((seed * 7) % 8) * 30 * MINUTE_MS;
        let placed = 0;
        for (let tries = 0; placed < target && tries < 60; tries++) {
          const vt = mix[(seed + placed + tries) % mix.length]!;
          const start = Math.ceil((cursor + vt.bufferBeforeMin * MINUTE_MS) / STEP_MS) * STEP_MS;
          const end = start + vt.durationMin * MINUTE_MS;
          const held = { start: start - vt.bufferBeforeMin * MINUTE_MS, end: end + vt.bufferAfterMin * MINUTE_MS };
          if (held.end > window.end) break;
          const room = clinic.rooms.find((r) => r.locationId === location.id && r.capabilities.includes(vt.roomCapability) && !overlaps(roomBusy.get(r.id), held.start, held.end));
          const patient = room && !overlaps(practitionerBusy.get(rule.practitionerId), held.start, held.end) ? choosePatient(area(location.id), date, start, end) : undefined;
          if (!room || patient === undefined) {
            cursor += STEP_MS;
            continue;
          }
          push(practitionerBusy, rule.practitionerId, held);
          push(roomBusy, room.id, held);
          push(patientBusy, patient, { start, end });
          patientDays.add(`${patient}|${date}`);
          const n = out.length;
          const status = statusOf({ start, end }, n, now, today, zone);
          const reasons = DEMO_REASONS[vt.code] ?? [DEFAULT_REASON];
          out.push({
            patient, practitionerId: rule.practitionerId, locationId: location.id, roomId: room.id, visitTypeId: vt.id,
            start, end, heldStart: held.start, heldEnd: held.end, status, reason: reasons[n % reasons.length]!,
            bookedVia: visitTypes.get(vt.id)!.bookableOnline && n % 2 === 0 ? 'web' : 'staff',
            cancelReason: status === 'cancelled' ? 'Patient called to cancel.' : null,
            cancelledAt: status === 'cancelled' ? Math.min(now, start - DAY_MS) : null,
            createdAt: start - 14 * DAY_MS,
          });
          placed++;
          cursor = held.end + GAPS_MIN[(seed + placed) % GAPS_MIN.length]! * MINUTE_MS;
        }
      }
    }
  }
  return out;
}
