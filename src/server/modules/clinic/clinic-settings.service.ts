import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.js';
import {
  OrganizationInput, type AffectedVisit, type ClinicSettings, type HolidayInput, type LocationInput, type PractitionerInput,
  type RoomInput, type SettingsChange, type SetupStatus, type VisitTypeInput,
} from '../../../shared/contracts/clinic-settings.js';
import { AppError, type FieldIssue } from '../../../shared/errors.js';
import { isIssueReason, type Reason } from '../../../shared/reasons.js';
import { addDays } from '../../../shared/time.js';
import { checkFile, type FileStore } from '../../platform/files.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import * as repo from './clinic-settings.repo.js';
import { setupStatus, toDocument } from './engine/settings-document.js';
import { settingsProblems } from './engine/settings-rules.js';

type Settings = ClinicSettings;

/**
 * A check the scheduling module provides (issue 11): the booked visits that
 * no longer fit the clinic's hours, rooms or practitioners as the database
 * holds them in `q`. A settings change runs every check before and after its
 * write, in its transaction, and answers the visits it left outside.
 */
export type VisitFitCheck = (q: Queryable, organizationId: string) => Promise<AffectedVisit[]>;

/** A problem of a change: the settings engine's, or one the service adds (a logo, the set-up checklist). */
export interface ChangeProblem {
  field: string;
  reason: Reason;
  message: string;
}

export interface ClinicSettingsDeps {
  db: Db;
  organizationId: string;
  audit: Pick<AuditService, 'record'>;
  files: FileStore;
  /** Called after a change of the organization's name commits (this process's cell; others hear the NOTIFY). */
  onRenamed?: (name: string) => void;
}

/** A logo is a small picture: PNG or JPEG, at most 512 KB (the type is read from the bytes). */
export const LOGO_MAX_BYTES = 512 * 1024;

/** In a change of one row, its fields are named as the request body names them (`hours.0`, `regionId`); others keep their path in the settings. */
const BODY_NAMES: Record<string, string> = { region: 'regionId', visitTypes: 'visitTypeIds', location: 'locationId' };

function fieldFor(path: string, focus: readonly string[]): string {
  const prefix = focus.find((p) => path.startsWith(`${p}.`));
  if (!prefix) return path;
  return path.slice(prefix.length + 1).replace(/\[(\d+)\]/g, '.$1').split('.').map((s) => BODY_NAMES[s] ?? s).join('.');
}

/** Every problem named on its field; the refusal's reason is the first problem's. */
export function refusal(problems: readonly ChangeProblem[], focus: readonly string[] = []): AppError {
  const issues: FieldIssue[] = problems.map((p) => ({ field: fieldFor(p.field, focus), message: p.message, ...(isIssueReason(p.reason) ? { reason: p.reason } : {}) }));
  return new AppError('INVALID', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues, reason: problems[0]?.reason ?? 'settings_invalid' });
}

/** Unique names the database holds: a change that loses a race to one answers 409 naming the field (the engine names it first otherwise). */
const UNIQUE: Record<string, { field: string; message: string }> = {
  region_name_once: { field: 'name', message: 'another region already has this name' },
  location_name_once: { field: 'name', message: 'another location already has this name' },
  location_organization_id_slug_key: { field: 'slug', message: 'another location already has this web address (slug)' },
  room_location_id_name_key: { field: 'name', message: 'another room at this location already has this name' },
  practitioner_name_once: { field: 'name', message: 'another practitioner already has this name' },
  visit_type_organization_id_code_key: { field: 'code', message: 'another visit type already has this code' },
  visit_type_name_once: { field: 'name.en', message: 'another visit type already has this English name' },
  holiday_once: { field: 'date', message: 'this day is already closed for this location' },
};

export function duplicateConflict(err: unknown): unknown {
  if (!(err instanceof AppError) || err.code !== 'CONFLICT') return err;
  const unique = UNIQUE[String(err.details.constraint)];
  if (!unique) return err;
  return new AppError('CONFLICT', `${unique.field}: ${unique.message}`, { reason: 'duplicate_name', issues: [{ field: unique.field, message: unique.message, reason: 'duplicate_name' }] });
}

const key = (v: AffectedVisit) => `${v.appointmentId} ${v.reason}`;
const notFound = (what: string) => new AppError('NOT_FOUND', `No such ${what} in this clinic.`, { reason: 'not_found' });

/** One change: the settings after it, the row it is about (audited), and where that row sits (its problems are named as its fields). */
interface Change {
  after: Settings;
  id: string;
  focus: string[];
}

/** The console's changes of the clinic's settings (issue 11), each checked as a whole, written, audited and answered with the visits it left outside. */
export function createClinicSettingsService(deps: ClinicSettingsDeps) {
  const { db, organizationId, audit, files } = deps;
  const fitChecks: VisitFitCheck[] = [];

  /** The booked visits that do not fit now, as `q` sees the database: every check's, each once. */
  async function unfitVisits(q: Queryable): Promise<AffectedVisit[]> {
    const found = new Map<string, AffectedVisit>();
    for (const check of fitChecks) for (const v of await check(q, organizationId)) if (!found.has(key(v))) found.set(key(v), v);
    return [...found.values()];
  }

  /** Runs a write in `t` between two fit checks: the visits that fit before it and not after. */
  async function withFitChecks<T>(t: Queryable, write: () => Promise<T>): Promise<{ result: T; affected: AffectedVisit[] }> {
    const before = new Set((await unfitVisits(t)).map(key));
    const result = await write();
    return { result, affected: (await unfitVisits(t)).filter((v) => !before.has(key(v))) };
  }

  /**
   * The one way settings change: under the organization's lock, the change
   * applied in memory and checked whole by the engine (any problem: nothing
   * written), then written, audited and answered with the visits it left
   * outside; never moving or cancelling one.
   */
  async function change(ctx: AuditContext, what: { entity: string; action: 'create' | 'update' | 'delete' }, apply: (s: Settings) => Change, extra?: (t: Queryable) => Promise<string | void>): Promise<SettingsChange> {
    let renamed: string | undefined;
    const answer = await db.tx(async (t) => {
      await repo.lockOrganization(t, organizationId);
      const before = await repo.loadSettings(t, organizationId);
      const { after, id, focus } = apply(before);
      const problems = settingsProblems(toDocument(after));
      if (problems.length) throw refusal(problems, focus);
      const { affected } = await withFitChecks(t, async () => {
        await repo.writeSettings(t, organizationId, before, repo.orderSettings(after));
        const resourceId = (await extra?.(t)) ?? id;
        await audit.record(ctx, { action: `clinic.${what.entity}.${what.action}`, resourceType: what.entity, resourceId }, t);
        if (after.organization.name !== before.organization.name) {
          renamed = after.organization.name;
          await repo.notifyChanged(t, organizationId);
        }
      });
      return { settings: await repo.loadSettings(t, organizationId), affected };
    }).catch((err: unknown) => {
      throw duplicateConflict(err);
    });
    if (renamed !== undefined) deps.onRenamed?.(renamed);
    return answer;
  }

  const indexOf = <T extends { id: string }>(list: readonly T[], id: string, what: string): number => {
    const i = list.findIndex((x) => x.id === id);
    if (i < 0) throw notFound(what);
    return i;
  };
  const replaceAt = <T>(list: readonly T[], i: number, row: T): T[] => list.map((x, j) => (j === i ? row : x));

  /** A new row appended to a list, or the row with `id` replaced. */
  function upsert<K extends 'regions' | 'locations' | 'practitioners' | 'visitTypes'>(list: K, what: string, id: string | undefined, row: (id: string, old: Settings[K][number] | undefined) => Settings[K][number]) {
    return (s: Settings): Change => {
      const rows = s[list] as Settings[K][number][];
      const i = id === undefined ? rows.length : indexOf(rows, id, what);
      const rowId = id ?? randomUUID();
      const next = id === undefined ? [...rows, row(rowId, undefined)] : replaceAt(rows, i, row(rowId, rows[i]));
      return { after: { ...s, [list]: next }, id: rowId, focus: [`${list}[${i}]`] };
    };
  }

  const regionRow = (input: { name: string }) => (id: string) => ({ id, ...input });
  const locationRow = (input: LocationInput) => (id: string, old: Settings['locations'][number] | undefined) => ({ id, ...input, rooms: old?.rooms ?? [] });
  const practitionerRow = (input: PractitionerInput) => (id: string) => ({ id, ...input });
  const visitTypeRow = (input: VisitTypeInput) => (id: string) => ({ id, ...input });

  function roomChange(locationId: string | undefined, roomId: string | undefined, input: RoomInput) {
    return (s: Settings): Change => {
      const li = locationId !== undefined ? indexOf(s.locations, locationId, 'location') : s.locations.findIndex((l) => l.rooms.some((r) => r.id === roomId));
      if (li < 0) throw notFound('room');
      const location = s.locations[li]!;
      const ri = roomId === undefined ? location.rooms.length : indexOf(location.rooms, roomId, 'room');
      const id = roomId ?? randomUUID();
      const rooms = roomId === undefined ? [...location.rooms, { id, ...input }] : replaceAt(location.rooms, ri, { id, ...input });
      return { after: { ...s, locations: replaceAt(s.locations, li, { ...location, rooms }) }, id, focus: [`locations[${li}].rooms[${ri}]`] };
    };
  }

  function holidaysAdded(input: HolidayInput) {
    return (s: Settings): Change => {
      const last = input.through ?? input.date;
      if (last < input.date) throw refusal([{ field: 'through', reason: 'dates_reversed', message: `${last} is before the first day ${input.date}` }]);
      if (addDays(input.date, 366) <= last) throw AppError.invalid('through', 'a closure is at most a year long', 'range_too_long');
      const added: Settings['holidays'] = [];
      for (let day = input.date; day <= last; day = addDays(day, 1)) added.push({ id: randomUUID(), date: day, name: input.name, locationId: input.locationId });
      const focus = added.map((_, k) => `holidays[${s.holidays.length + k}]`);
      return { after: { ...s, holidays: [...s.holidays, ...added] }, id: added[0]!.id, focus };
    };
  }

  const organizationChange = (fields: Partial<Settings['organization']>) => (s: Settings): Change => ({
    after: { ...s, organization: { ...s.organization, ...fields } }, id: s.organization.id, focus: [],
  });

  return {
    /** Every setting with its id, as the console shows them. */
    get: (): Promise<Settings> => repo.loadSettings(db, organizationId),

    /** Adds a check of booked visits against the settings; several may be registered (scheduling registers its own). */
    registerVisitFitCheck(check: VisitFitCheck): void {
      fitChecks.push(check);
    },
    /** The visits that do not fit the settings now (every registered check). */
    unfitVisits,
    withFitChecks,

    updateOrganization: (input: OrganizationInput, ctx: AuditContext) => change(ctx, { entity: 'organization', action: 'update' }, organizationChange(input)),

    /** The organization's name alone (the admin command's --clinic). */
    async rename(name: string, ctx: AuditContext): Promise<SettingsChange> {
      const parsed = OrganizationInput.shape.name.safeParse(name);
      if (!parsed.success) throw AppError.invalid('name', parsed.error.issues[0]?.message ?? 'is invalid');
      return change(ctx, { entity: 'organization', action: 'update' }, organizationChange({ name: parsed.data }));
    },

    async setLogo(base64: string, ctx: AuditContext): Promise<SettingsChange> {
      const { bytes } = await logoBytes(base64, 'base64');
      return change(ctx, { entity: 'logo', action: 'update' }, organizationChange({ hasLogo: true }), async (t) => {
        const file = await files.put(t, { organizationId, bytes, maxBytes: LOGO_MAX_BYTES, field: 'base64' });
        await repo.setLogo(t, organizationId, file.id);
        return file.id;
      });
    },

    /** The logo's bytes and type, for the public site; undefined when the clinic has none. */
    async logo(): Promise<{ mediaType: string; bytes: Buffer } | undefined> {
      const id = await repo.logoFileId(db, organizationId);
      const file = id ? await files.get(db, organizationId, id) : undefined;
      return file && { mediaType: file.mediaType, bytes: file.bytes };
    },

    createRegion: (input: { name: string }, ctx: AuditContext) => change(ctx, { entity: 'region', action: 'create' }, upsert('regions', 'region', undefined, regionRow(input))),
    updateRegion: (id: string, input: { name: string }, ctx: AuditContext) => change(ctx, { entity: 'region', action: 'update' }, upsert('regions', 'region', id, regionRow(input))),
    createLocation: (input: LocationInput, ctx: AuditContext) => change(ctx, { entity: 'location', action: 'create' }, upsert('locations', 'location', undefined, locationRow(input))),
    updateLocation: (id: string, input: LocationInput, ctx: AuditContext) => change(ctx, { entity: 'location', action: 'update' }, upsert('locations', 'location', id, locationRow(input))),
    createRoom: (locationId: string, input: RoomInput, ctx: AuditContext) => change(ctx, { entity: 'room', action: 'create' }, roomChange(locationId, undefined, input)),
    updateRoom: (id: string, input: RoomInput, ctx: AuditContext) => change(ctx, { entity: 'room', action: 'update' }, roomChange(undefined, id, input)),
    createHolidays: (input: HolidayInput, ctx: AuditContext) => change(ctx, { entity: 'holiday', action: 'create' }, holidaysAdded(input)),
    deleteHoliday: (id: string, ctx: AuditContext) => change(ctx, { entity: 'holiday', action: 'delete' }, (s) => {
      indexOf(s.holidays, id, 'closure');
      return { after: { ...s, holidays: s.holidays.filter((h) => h.id !== id) }, id, focus: [] };
    }),
    createPractitioner: (input: PractitionerInput, ctx: AuditContext) => change(ctx, { entity: 'practitioner', action: 'create' }, upsert('practitioners', 'practitioner', undefined, practitionerRow(input))),
    updatePractitioner: (id: string, input: PractitionerInput, ctx: AuditContext) => change(ctx, { entity: 'practitioner', action: 'update' }, upsert('practitioners', 'practitioner', id, practitionerRow(input))),
    createVisitType: (input: VisitTypeInput, ctx: AuditContext) => change(ctx, { entity: 'visit_type', action: 'create' }, upsert('visitTypes', 'visit type', undefined, visitTypeRow(input))),
    updateVisitType: (id: string, input: VisitTypeInput, ctx: AuditContext) => change(ctx, { entity: 'visit_type', action: 'update' }, upsert('visitTypes', 'visit type', id, visitTypeRow(input))),

    /** The first-run checklist. */
    setup: async (): Promise<SetupStatus> => setupStatus(await repo.loadSettings(db, organizationId)),

    /** Opens or closes online booking; it opens only once the checklist is done. */
    async setOnlineBooking(open: boolean, ctx: AuditContext): Promise<SetupStatus> {
      return db.tx(async (t) => {
        await repo.lockOrganization(t, organizationId);
        const status = setupStatus(await repo.loadSettings(t, organizationId));
        if (open && !status.ready) {
          const missing = status.steps.filter((s) => !s.done).map((s) => s.step);
          throw new AppError('CONFLICT', `Online booking opens once the set-up checklist is done; still to do: ${missing.join(', ')}.`, { reason: 'setup_incomplete' });
        }
        if (status.onlineBooking !== open) {
          await repo.setOnlineBooking(t, organizationId, open);
          await audit.record(ctx, { action: 'clinic.organization.update', resourceType: 'organization', resourceId: organizationId, reason: open ? 'online booking opened' : 'online booking closed' }, t);
        }
        return { ...status, onlineBooking: open };
      });
    },
  };
}
export type ClinicSettingsService = ReturnType<typeof createClinicSettingsService>;

/** A logo's bytes from base64 (a data: URL's prefix allowed), refused unless PNG or JPEG of at most 512 KB. */
export async function logoBytes(base64: string, field: string): Promise<{ bytes: Uint8Array; mediaType: 'image/png' | 'image/jpeg' }> {
  const body = base64.replace(/^data:[\w/+.-]+;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 === 1) throw AppError.invalid(field, 'must be the image as base64');
  const bytes = new Uint8Array(Buffer.from(body, 'base64'));
  const { mediaType } = await checkFile(bytes, { maxBytes: LOGO_MAX_BYTES, field });
  if (mediaType !== 'image/png' && mediaType !== 'image/jpeg') {
    throw new AppError('INVALID', `${field}: must be a PNG or JPEG image`, { reason: 'file_type_not_allowed', issues: [{ field, message: 'must be a PNG or JPEG image' }] });
  }
  return { bytes, mediaType };
}
