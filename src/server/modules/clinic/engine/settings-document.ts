/**
 * The clinic's settings by id (what the console edits) and by natural key
 * (the document that moves between servers), and the set-up checklist
 * (issue 11). Pure: ids for new rows come from the caller.
 */
import {
  CLINIC_DOCUMENT_FORMAT, CLINIC_DOCUMENT_VERSION, type ClinicDocument, type ClinicSettings, type SetupStatus,
} from '../../../../shared/contracts/clinic-settings.js';
import type { SettingsDocument } from './settings-rules.js';

type Settings = ClinicSettings;

/** Names are matched as a person reads them: case and surrounding spaces aside (as the settings engine compares them). */
const nameKey = (s: string): string => s.trim().toLowerCase();

/**
 * A reference the settings cannot resolve (a document naming a location
 * that does not exist) is kept as `?key`: the settings engine then names it
 * as unknown, and nothing holding one is ever written.
 */
const unresolved = (key: string) => `?${key}`;
const keyOf = (keys: Map<string, string>, id: string) => keys.get(id) ?? (id.startsWith('?') ? id.slice(1) : `(unknown id ${id})`);

/** The settings by natural key, lists in the settings' order (so a problem's path is a path into either). */
export function toDocument(s: Settings): SettingsDocument {
  const region = new Map(s.regions.map((r) => [r.id, r.name]));
  const slug = new Map(s.locations.map((l) => [l.id, l.slug]));
  const code = new Map(s.visitTypes.map((v) => [v.id, v.code]));
  return {
    regions: s.regions.map((r) => ({ name: r.name })),
    locations: s.locations.map((l) => ({
      slug: l.slug, name: l.name, region: keyOf(region, l.regionId), address: { ...l.address }, phone: l.phone, fax: l.fax, timeZone: l.timeZone,
      hours: l.hours.map((h) => ({ ...h })), active: l.active, rooms: l.rooms.map(({ id: _id, ...r }) => ({ ...r, capabilities: [...r.capabilities] })),
    })),
    holidays: s.holidays.map((h) => ({ date: h.date, name: h.name, location: h.locationId === null ? null : keyOf(slug, h.locationId) })),
    visitTypes: s.visitTypes.map(({ id: _id, ...v }) => ({ ...v, cptCodes: [...v.cptCodes] })),
    practitioners: s.practitioners.map(({ id: _id, visitTypeIds, schedule, ...p }) => ({
      ...p,
      languages: [...p.languages],
      visitTypes: visitTypeIds.map((id) => keyOf(code, id)),
      schedule: schedule.map(({ locationId, ...e }) => ({ location: keyOf(slug, locationId), ...e })),
    })),
  };
}

/** The whole document of the settings, with the organization's logo as the caller read it. */
export function documentOf(s: Settings, logo: ClinicDocument['organization']['logo']): ClinicDocument {
  const o = s.organization;
  return {
    format: CLINIC_DOCUMENT_FORMAT,
    version: CLINIC_DOCUMENT_VERSION,
    organization: { name: o.name, mainPhone: o.mainPhone, billingPhone: o.billingPhone, websiteUrl: o.websiteUrl, replyBusinessDays: o.replyBusinessDays, smsQuietHours: o.smsQuietHours, onlineBooking: o.onlineBooking, logo },
    ...toDocument(s),
  };
}

/** Matches the document's rows to the settings' rows by a key; a key used twice in the document gets a new row the second time. */
function matcher<T extends { id: string }>(rows: readonly T[], key: (t: T) => string, newId: () => string) {
  const byKey = new Map(rows.map((r) => [key(r), r]));
  const used = new Set<string>();
  return {
    idFor(k: string): string {
      const found = byKey.get(k);
      if (!found || used.has(found.id)) return newId();
      used.add(found.id);
      return found.id;
    },
    rest: () => rows.filter((r) => !used.has(r.id)),
  };
}

export interface MergedDocument {
  merged: Settings;
  /** Rows the settings have that the document does not name: left as they are. */
  notInDocument: string[];
}

/**
 * The settings after importing the document: every row it names (by natural
 * key) created or updated, in the document's order; rows it does not name
 * kept after them, unchanged. The document's rows come first in every list,
 * so a path into the merged settings is a path into the document.
 */
export function mergeDocument(current: Settings, doc: ClinicDocument, newId: () => string): MergedDocument {
  const notInDocument: string[] = [];
  const regions = matcher(current.regions, (r) => nameKey(r.name), newId);
  const mergedRegions = [...doc.regions.map((r) => ({ id: regions.idFor(nameKey(r.name)), name: r.name })), ...regions.rest()];
  for (const r of regions.rest()) notInDocument.push(`region "${r.name}"`);
  const regionId = new Map(mergedRegions.map((r) => [nameKey(r.name), r.id]));

  const locations = matcher(current.locations, (l) => l.slug, newId);
  const mergedLocations: Settings['locations'] = doc.locations.map(({ region, rooms: docRooms, ...l }) => {
    const id = locations.idFor(l.slug);
    const rooms = matcher(current.locations.find((c) => c.id === id)?.rooms ?? [], (r) => nameKey(r.name), newId);
    const merged = [...docRooms.map((r) => ({ id: rooms.idFor(nameKey(r.name)), ...r })), ...rooms.rest()];
    for (const r of rooms.rest()) notInDocument.push(`room "${r.name}" at ${l.slug}`);
    return { id, ...l, regionId: regionId.get(nameKey(region)) ?? unresolved(region), rooms: merged };
  });
  for (const l of locations.rest()) notInDocument.push(`location ${l.slug}`);
  const allLocations = [...mergedLocations, ...locations.rest()];
  const locationId = new Map(allLocations.map((l) => [l.slug, l.id]));
  const locationRef = (slug: string) => locationId.get(slug) ?? unresolved(slug);

  const visitTypes = matcher(current.visitTypes, (v) => v.code, newId);
  const mergedVisitTypes = [...doc.visitTypes.map((v) => ({ id: visitTypes.idFor(v.code), ...v })), ...visitTypes.rest()];
  for (const v of visitTypes.rest()) notInDocument.push(`visit type ${v.code}`);
  const visitTypeId = new Map(mergedVisitTypes.map((v) => [v.code, v.id]));

  const practitioners = matcher(current.practitioners, (p) => nameKey(p.name), newId);
  const mergedPractitioners = [
    ...doc.practitioners.map(({ visitTypes: codes, schedule, ...p }) => ({
      id: practitioners.idFor(nameKey(p.name)),
      ...p,
      visitTypeIds: codes.map((c) => visitTypeId.get(c) ?? unresolved(c)),
      schedule: schedule.map(({ location, ...e }) => ({ locationId: locationRef(location), ...e })),
    })),
    ...practitioners.rest(),
  ];
  for (const p of practitioners.rest()) notInDocument.push(`practitioner "${p.name}"`);

  const slugOf = new Map(allLocations.map((l) => [l.id, l.slug]));
  const holidays = matcher(current.holidays, (h) => `${h.date} ${h.locationId === null ? '' : (slugOf.get(h.locationId) ?? '')}`, newId);
  const mergedHolidays = [
    ...doc.holidays.map((h) => ({ id: holidays.idFor(`${h.date} ${h.location ?? ''}`), date: h.date, name: h.name, locationId: h.location === null ? null : locationRef(h.location) })),
    ...holidays.rest(),
  ];
  for (const h of holidays.rest()) notInDocument.push(`closure ${h.date} at ${h.locationId === null ? 'every location' : slugOf.get(h.locationId)}`);

  const { logo, ...organization } = doc.organization;
  return {
    merged: {
      organization: { ...current.organization, ...organization, hasLogo: logo !== null },
      regions: mergedRegions,
      locations: allLocations,
      holidays: mergedHolidays,
      visitTypes: mergedVisitTypes,
      practitioners: mergedPractitioners,
    },
    notInDocument,
  };
}

/**
 * The first-run checklist: what a clinic needs before patients may book
 * online. Every active location needs hours and a room; someone active must
 * perform an active visit type and have hours at an active location.
 */
export function setupStatus(s: Settings): SetupStatus {
  const locations = s.locations.filter((l) => l.active);
  const locationIds = new Set(locations.map((l) => l.id));
  const visitTypeIds = new Set(s.visitTypes.filter((v) => v.active).map((v) => v.id));
  const staff = s.practitioners.filter((p) => p.active && p.visitTypeIds.some((id) => visitTypeIds.has(id)));
  const steps: SetupStatus['steps'] = [
    { step: 'organization', done: s.organization.name.trim() !== '' },
    { step: 'locations', done: locations.length > 0 },
    { step: 'hours', done: locations.length > 0 && locations.every((l) => l.hours.length > 0) },
    { step: 'rooms', done: locations.length > 0 && locations.every((l) => l.rooms.some((r) => r.active)) },
    { step: 'visit_types', done: visitTypeIds.size > 0 },
    { step: 'practitioners', done: staff.length > 0 },
    { step: 'practitioner_hours', done: staff.some((p) => p.schedule.some((e) => locationIds.has(e.locationId))) },
  ];
  return { steps, ready: steps.every((x) => x.done), onlineBooking: s.organization.onlineBooking };
}
