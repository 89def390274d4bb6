/**
 * The rules a clinic's settings must keep as a whole (issue 11): what no one
 * field can say on its own. The console's every change and an imported
 * document both run it on the whole settings after the change, and a change
 * with any problem writes nothing. It names EVERY problem, each with a path
 * into the document (`locations[1].hours[0]`), a stable reason and words.
 *
 * Pure: no clock, environment or I/O. The time zones known are the runtime's
 * own IANA list (Intl), which is data of the runtime, not of the moment.
 */
import type { ClinicDocument } from '../../../../shared/contracts/clinic-settings.js';
import type { Reason } from '../../../../shared/reasons.js';

export type SettingsDocument = Pick<ClinicDocument, 'regions' | 'locations' | 'holidays' | 'visitTypes' | 'practitioners'>;

export type SettingsReason = Extract<
  Reason,
  | 'time_zone_unknown' | 'hours_reversed' | 'hours_overlap' | 'schedule_overlap' | 'dates_reversed' | 'no_room_with_capability'
  | 'visit_type_unavailable' | 'location_unavailable' | 'region_unknown' | 'duplicate_name' | 'holiday_duplicate'
>;

export interface SettingsProblem {
  field: string;
  reason: SettingsReason;
  message: string;
}

const ZONES: ReadonlySet<string> = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

/** Whether the runtime knows the IANA zone (as Intl lists them, plus UTC). */
export function isKnownTimeZone(zone: string): boolean {
  return ZONES.has(zone);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const minutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Names compare as a person reads them: case and surrounding spaces aside. */
const nameKey = (s: string): string => s.trim().toLowerCase();

/** Every occurrence of a name used more than once (at `<entity>.<field>`), each naming the others. */
function duplicates<T>(items: readonly T[], keyOf: (t: T) => string, entity: (i: number) => string, field: string, what: string): SettingsProblem[] {
  const seen = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = nameKey(keyOf(item));
    seen.set(key, [...(seen.get(key) ?? []), i]);
  });
  const out: SettingsProblem[] = [];
  for (const indexes of seen.values()) {
    if (indexes.length < 2) continue;
    for (const i of indexes) {
      const others = indexes.filter((j) => j !== i).map(entity).join(', ');
      out.push({ field: `${entity(i)}.${field}`, reason: 'duplicate_name', message: `"${keyOf(items[i]!)}" is already the ${what} of ${others}` });
    }
  }
  return out;
}

interface Span {
  weekday: number;
  from: number;
  to: number;
}

const overlaps = (a: Span, b: Span): boolean => a.weekday === b.weekday && a.from < b.to && b.from < a.to;
const spanText = (s: { weekday: number }, from: string, to: string) => `${WEEKDAYS[s.weekday]} ${from}-${to}`;

function locationProblems(doc: SettingsDocument): SettingsProblem[] {
  const out: SettingsProblem[] = [];
  const regions = new Set(doc.regions.map((r) => nameKey(r.name)));
  doc.locations.forEach((l, i) => {
    const at = `locations[${i}]`;
    if (!regions.has(nameKey(l.region))) out.push({ field: `${at}.region`, reason: 'region_unknown', message: `names the region "${l.region}", which is not one of the regions` });
    if (!isKnownTimeZone(l.timeZone)) out.push({ field: `${at}.timeZone`, reason: 'time_zone_unknown', message: `"${l.timeZone}" is not a known IANA time zone, e.g. America/Chicago` });
    l.hours.forEach((h, j) => {
      const span = { weekday: h.weekday, from: minutes(h.opens), to: minutes(h.closes) };
      if (span.from >= span.to) {
        out.push({ field: `${at}.hours[${j}]`, reason: 'hours_reversed', message: `opens at ${h.opens}, which is not before it closes at ${h.closes}` });
        return;
      }
      const k = l.hours.findIndex((o, k) => k < j && overlaps(span, { weekday: o.weekday, from: minutes(o.opens), to: minutes(o.closes) }));
      if (k >= 0) out.push({ field: `${at}.hours[${j}]`, reason: 'hours_overlap', message: `${spanText(h, h.opens, h.closes)} overlaps hours[${k}] (${spanText(l.hours[k]!, l.hours[k]!.opens, l.hours[k]!.closes)})` });
    });
    out.push(...duplicates(l.rooms, (r) => r.name, (k) => `${at}.rooms[${k}]`, 'name', 'name'));
  });
  out.push(...duplicates(doc.locations, (l) => l.slug, (i) => `locations[${i}]`, 'slug', 'web address (slug)'));
  out.push(...duplicates(doc.locations, (l) => l.name, (i) => `locations[${i}]`, 'name', 'name'));
  return out;
}

function holidayProblems(doc: SettingsDocument): SettingsProblem[] {
  const out: SettingsProblem[] = [];
  const slugs = new Set(doc.locations.map((l) => l.slug));
  const days = new Map<string, number>();
  doc.holidays.forEach((h, i) => {
    if (h.location !== null && !slugs.has(h.location)) {
      out.push({ field: `holidays[${i}].location`, reason: 'location_unavailable', message: `names the location "${h.location}", which is not one of the locations` });
    }
    const key = `${h.date} ${h.location ?? ''}`;
    const first = days.get(key);
    if (first === undefined) days.set(key, i);
    else out.push({ field: `holidays[${i}].date`, reason: 'holiday_duplicate', message: `${h.date} is already closed ${h.location ? `at ${h.location}` : 'at every location'} (holidays[${first}])` });
  });
  return out;
}

function visitTypeProblems(doc: SettingsDocument): SettingsProblem[] {
  const out: SettingsProblem[] = [];
  const capabilities = new Set(doc.locations.filter((l) => l.active).flatMap((l) => l.rooms.filter((r) => r.active).flatMap((r) => r.capabilities)));
  doc.visitTypes.forEach((v, i) => {
    if (v.active && !capabilities.has(v.roomCapability)) {
      out.push({ field: `visitTypes[${i}].roomCapability`, reason: 'no_room_with_capability', message: `needs a room with "${v.roomCapability}", and no active room at an active location has it` });
    }
  });
  out.push(...duplicates(doc.visitTypes, (v) => v.code, (i) => `visitTypes[${i}]`, 'code', 'code'));
  out.push(...duplicates(doc.visitTypes, (v) => v.name.en, (i) => `visitTypes[${i}]`, 'name.en', 'English name'));
  return out;
}

type Entry = SettingsDocument['practitioners'][number]['schedule'][number];

/** Two weekly entries overlap when they share a weekday, a time and at least one day of their validity. */
function entriesOverlap(a: Entry, b: Entry): boolean {
  if (!overlaps({ weekday: a.weekday, from: minutes(a.start), to: minutes(a.end) }, { weekday: b.weekday, from: minutes(b.start), to: minutes(b.end) })) return false;
  const aFrom = a.validFrom ?? '0000-01-01';
  const aTo = a.validTo ?? '9999-12-31';
  const bFrom = b.validFrom ?? '0000-01-01';
  const bTo = b.validTo ?? '9999-12-31';
  return aFrom <= bTo && bFrom <= aTo;
}

function practitionerProblems(doc: SettingsDocument): SettingsProblem[] {
  const out: SettingsProblem[] = [];
  const visitTypes = new Map(doc.visitTypes.map((v) => [v.code, v.active]));
  const locations = new Map(doc.locations.map((l) => [l.slug, l.active]));
  doc.practitioners.forEach((p, i) => {
    const at = `practitioners[${i}]`;
    p.visitTypes.forEach((code, j) => {
      const active = visitTypes.get(code);
      if (active === undefined) out.push({ field: `${at}.visitTypes[${j}]`, reason: 'visit_type_unavailable', message: `"${code}" is not one of the visit types` });
      else if (!active && p.active) out.push({ field: `${at}.visitTypes[${j}]`, reason: 'visit_type_unavailable', message: `"${code}" is inactive; an active practitioner performs only active visit types` });
    });
    p.schedule.forEach((e, j) => {
      const field = `${at}.schedule[${j}]`;
      const active = locations.get(e.location);
      if (active === undefined) out.push({ field: `${field}.location`, reason: 'location_unavailable', message: `"${e.location}" is not one of the locations` });
      else if (!active && p.active) out.push({ field: `${field}.location`, reason: 'location_unavailable', message: `"${e.location}" is inactive; remove or end these hours first` });
      if (e.validFrom !== null && e.validTo !== null && e.validFrom > e.validTo) {
        out.push({ field: `${field}.validTo`, reason: 'dates_reversed', message: `${e.validTo} is before the first day ${e.validFrom}` });
      }
      if (minutes(e.start) >= minutes(e.end)) {
        out.push({ field, reason: 'hours_reversed', message: `starts at ${e.start}, which is not before it ends at ${e.end}` });
        return;
      }
      const k = p.schedule.findIndex((o, k) => k < j && minutes(o.start) < minutes(o.end) && entriesOverlap(e, o));
      if (k >= 0) {
        const o = p.schedule[k]!;
        out.push({ field, reason: 'schedule_overlap', message: `${spanText(e, e.start, e.end)} at ${e.location} overlaps schedule[${k}] (${spanText(o, o.start, o.end)} at ${o.location}) on the days both apply` });
      }
    });
  });
  out.push(...duplicates(doc.practitioners, (p) => p.name, (i) => `practitioners[${i}]`, 'name', 'name'));
  return out;
}

/** Every problem of the settings as a whole; none means they may be written. */
export function settingsProblems(doc: SettingsDocument): SettingsProblem[] {
  return [
    ...duplicates(doc.regions, (r) => r.name, (i) => `regions[${i}]`, 'name', 'name'),
    ...locationProblems(doc),
    ...holidayProblems(doc),
    ...visitTypeProblems(doc),
    ...practitionerProblems(doc),
  ];
}
