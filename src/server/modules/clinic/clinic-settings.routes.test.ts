import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AffectedVisit, ClinicSettings } from '../../../shared/contracts/clinic-settings.js';
import type { Queryable } from '../../db/db.js';
import { given } from '../../testing/given.js';
import { startAnotherInstance, startTestApp, type TestApp } from '../../testing/test-app.js';
import { createSignedIn, type SignedIn } from '../../testing/test-users.js';
import { duplicateConflict } from './clinic-settings.service.js';

/**
 * Issue 11, part 1: the admin's clinic settings through the HTTP API on the
 * demo clinic: who may change them, field-level refusals, every change
 * audited, and the booked visits a change leaves outside the new settings
 * listed (never moved or cancelled).
 */

/**
 * A stand-in for the scheduling module's fit check (it registers its own):
 * booked visits whose practitioner or room is inactive, or that no weekly
 * hours of their practitioner at their location cover, in the location's zone.
 */
async function fitCheck(q: Queryable, organizationId: string): Promise<AffectedVisit[]> {
  return q.query<AffectedVisit>(
    `WITH v AS (
       SELECT a.*, l.time_zone, l.name AS location_name, a.starts_at AT TIME ZONE l.time_zone AS local_start, a.ends_at AT TIME ZONE l.time_zone AS local_end
       FROM appointment a JOIN location l ON l.id = a.location_id WHERE a.organization_id = $1 AND a.status = 'booked')
     SELECT v.id AS "appointmentId", to_char(v.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS start, v.time_zone AS "timeZone",
       pt.first_name || ' ' || pt.last_name AS "patientName", p.name AS "practitionerName", v.location_name AS "locationName", vt.name_en AS "visitTypeName",
       CASE WHEN NOT p.active THEN 'practitioner_inactive' WHEN NOT r.active THEN 'room_unavailable' ELSE 'outside_hours' END AS reason
     FROM v JOIN practitioner p ON p.id = v.practitioner_id JOIN room r ON r.id = v.room_id JOIN visit_type vt ON vt.id = v.visit_type_id JOIN patient pt ON pt.id = v.patient_id
     WHERE NOT p.active OR NOT r.active OR NOT EXISTS (
       SELECT 1 FROM working_hours w
       WHERE w.practitioner_id = v.practitioner_id AND w.location_id = v.location_id AND w.weekday = extract(dow FROM v.local_start)
         AND w.start_min <= extract(hour FROM v.local_start) * 60 + extract(minute FROM v.local_start)
         AND w.end_min >= extract(hour FROM v.local_end) * 60 + extract(minute FROM v.local_end)
         AND (w.valid_from IS NULL OR w.valid_from <= v.local_start::date) AND (w.valid_to IS NULL OR w.valid_to >= v.local_start::date))
     ORDER BY v.starts_at`,
    [organizationId],
  );
}

let t: TestApp;
let admin: SignedIn;
let staff: SignedIn[];
let patient: SignedIn;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const call = (who: SignedIn | null, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {} });
const settings = async (): Promise<ClinicSettings> => (await call(admin, 'GET', '/api/admin/clinic')).json();
const auditOf = (action: string) => t.db.query<{ resource_type: string; resource_id: string; actor_user_id: string }>(
  'SELECT resource_type, resource_id, actor_user_id FROM audit_event WHERE action = $1 ORDER BY seq', [action]);
const withoutIds = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;

beforeAll(async () => {
  t = await startTestApp();
  t.app.services.clinic.registerVisitFitCheck(fitCheck);
  admin = await createSignedIn(t, 'admin');
  staff = [await createSignedIn(t, 'front_desk'), await createSignedIn(t, 'clinician'), await createSignedIn(t, 'nurse'), await createSignedIn(t, 'billing')];
  const p = await given(t).patient({ firstName: 'Rosa' });
  patient = await createSignedIn(t, 'patient', { patientId: p.id });
});
afterAll(async () => t?.close());

const newLocation = (over: Record<string, unknown> = {}) => ({
  slug: 'georgetown', name: 'Georgetown', regionId: '', address: { line1: '900 Williams Drive', line2: 'Suite 5', city: 'Georgetown', state: 'TX', postalCode: '78628' },
  phone: '(512) 555-0177', fax: '(512) 555-0178', timeZone: 'America/Chicago', hours: [{ weekday: 1, opens: '08:00', closes: '12:00' }, { weekday: 1, opens: '13:00', closes: '17:00' }],
  active: true, ...over,
});

describe('issue 11: who may read and change the clinic settings', () => {
  it('answers the admin every setting with its id', async () => {
    const s = await settings();
    expect(s.organization).toMatchObject({ name: 'Relief Pain Clinics', mainPhone: '(512) 555-0100', websiteUrl: 'https://relief-demo.example', onlineBooking: true, hasLogo: false });
    expect(s.locations).toHaveLength(5);
    expect(s.visitTypes).toHaveLength(11);
    expect(s.practitioners.find((p) => p.name === 'Angela Torres')!.languages).toEqual(['en', 'es']);
    expect(s.locations[0]!.rooms.map((r) => r.name)).toEqual(['Consult Room', 'Exam 1', 'Exam 2', 'Exam 3', 'Exam 4', 'Fluoro Suite A', 'Fluoro Suite B']);
  });

  it('refuses every staff role, a patient and an anonymous caller, reading or changing, and changes nothing', async () => {
    const before = await settings();
    for (const who of [...staff, patient]) {
      expect((await call(who, 'GET', '/api/admin/clinic')).statusCode).toBe(403);
      expect((await call(who, 'PUT', '/api/admin/clinic/organization', { name: 'Taken Over', mainPhone: '', billingPhone: '', websiteUrl: '' })).statusCode).toBe(403);
      expect((await call(who, 'POST', '/api/admin/clinic/regions', { name: 'Hill Country' })).statusCode).toBe(403);
      expect((await call(who, 'GET', '/api/admin/clinic/export')).statusCode).toBe(403);
    }
    expect((await call(null, 'GET', '/api/admin/clinic')).statusCode).toBe(401);
    expect((await call(null, 'POST', '/api/admin/clinic/regions', { name: 'Hill Country' })).statusCode).toBe(401);
    expect(await settings()).toEqual(before);
    const refusals = await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'clinic.manage' AND outcome = 'denied'`);
    expect(refusals!.n).toBeGreaterThanOrEqual(20);
  });
});

describe('issue 11: changes, each checked whole and audited', () => {
  it('changes the organization and records who did it', async () => {
    const res = await call(admin, 'PUT', '/api/admin/clinic/organization', { name: 'Relief Pain Clinics', mainPhone: '(512) 555-0101', billingPhone: '(512) 555-0109', websiteUrl: 'https://relief.example' });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings.organization).toMatchObject({ mainPhone: '(512) 555-0101', websiteUrl: 'https://relief.example' });
    expect(res.json().affected).toEqual([]);
    expect((await auditOf('clinic.organization.update')).at(-1)).toMatchObject({ resource_type: 'organization', resource_id: t.organizationId, actor_user_id: admin.userId });
  });

  it('issue 12: sets the message reply time patients are promised (1 to 10 business days), which the inbox then says; absent, it stays', async () => {
    const base = { name: 'Relief Pain Clinics', mainPhone: '(512) 555-0101', billingPhone: '(512) 555-0109', websiteUrl: 'https://relief.example' };
    const res = await call(admin, 'PUT', '/api/admin/clinic/organization', { ...base, replyBusinessDays: 4 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings.organization.replyBusinessDays).toBe(4);
    expect((await t.db.one<{ d: number }>('SELECT message_reply_business_days AS d FROM organization WHERE id = $1', [t.organizationId]))!.d).toBe(4);
    const kept = await call(admin, 'PUT', '/api/admin/clinic/organization', base);
    expect(kept.json().settings.organization.replyBusinessDays).toBe(4);
    for (const bad of [0, 11, 2.5, null]) {
      const r = await call(admin, 'PUT', '/api/admin/clinic/organization', { ...base, replyBusinessDays: bad });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['replyBusinessDays']);
    }
    await call(admin, 'PUT', '/api/admin/clinic/organization', { ...base, replyBusinessDays: 2 });
  });

  it('names each bad field of the organization (422)', async () => {
    const res = await call(admin, 'PUT', '/api/admin/clinic/organization', { name: '', mainPhone: 'call us', billingPhone: '', websiteUrl: 'ftp://relief.example' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues.map((i: { field: string }) => i.field).sort()).toEqual(['mainPhone', 'name', 'websiteUrl']);
  });

  it('refuses a NUL or a bidi override in a name with 422 (PostgreSQL would refuse the NUL with a 500)', async () => {
    const nul = await call(admin, 'POST', '/api/admin/clinic/regions', { name: 'Hill\u0000Country' });
    expect(nul.statusCode).toBe(422);
    expect(nul.json().error.issues).toEqual([expect.objectContaining({ field: 'name', reason: 'text_control' })]);
    const bidi = await call(admin, 'POST', '/api/admin/clinic/regions', { name: 'Hill \u202ECountry' });
    expect(bidi.json().error.issues).toEqual([expect.objectContaining({ field: 'name', reason: 'text_invisible' })]);
  });

  it('adds a region, refuses a second one of the same name on its field, and renames it', async () => {
    const created = await call(admin, 'POST', '/api/admin/clinic/regions', { name: 'Hill Country' });
    expect(created.statusCode).toBe(201);
    const region = created.json().settings.regions.find((r: { name: string }) => r.name === 'Hill Country');
    const again = await call(admin, 'POST', '/api/admin/clinic/regions', { name: 'hill country ' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toMatchObject({ reason: 'duplicate_name', issues: [{ field: 'regions[2].name', reason: 'duplicate_name' }, { field: 'name', reason: 'duplicate_name' }] });
    expect((await settings()).regions).toHaveLength(3);
    const renamed = await call(admin, 'PUT', `/api/admin/clinic/regions/${region.id}`, { name: 'Hill Country North' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().settings.regions.map((r: { name: string }) => r.name)).toEqual(['Main Line (Austin Area)', 'Waco/Killeen', 'Hill Country North']);
    expect((await call(admin, 'PUT', '/api/admin/clinic/regions/00000000-0000-4000-8000-000000000000', { name: 'Nowhere' })).statusCode).toBe(404);
    expect((await auditOf('clinic.region.create')).map((e) => e.resource_id)).toEqual([region.id]);
    expect((await auditOf('clinic.region.update')).map((e) => e.resource_id)).toEqual([region.id]);
  });

  it('refuses a location with every problem named on its field, writing nothing', async () => {
    const s = await settings();
    const res = await call(admin, 'POST', '/api/admin/clinic/locations', newLocation({
      regionId: '00000000-0000-4000-8000-000000000000', timeZone: 'America/Georgetown', name: 'Round Rock',
      hours: [{ weekday: 2, opens: '08:00', closes: '12:00' }, { weekday: 2, opens: '11:00', closes: '15:00' }, { weekday: 3, opens: '17:00', closes: '09:00' }],
    }));
    expect(res.statusCode).toBe(422);
    const issues = res.json().error.issues.map((i: { field: string; reason: string }) => `${i.field} ${i.reason}`).sort();
    expect(issues).toEqual(['hours.1 hours_overlap', 'hours.2 hours_reversed', 'locations[1].name duplicate_name', 'name duplicate_name', 'regionId region_unknown', 'timeZone time_zone_unknown']);
    expect((await settings()).locations).toHaveLength(s.locations.length);
  });

  it('adds a location with its hours, then a room, and refuses a second room of the same name', async () => {
    const s = await settings();
    const res = await call(admin, 'POST', '/api/admin/clinic/locations', newLocation({ regionId: s.regions[0]!.id }));
    expect(res.statusCode).toBe(201);
    const georgetown = res.json().settings.locations.find((l: { slug: string }) => l.slug === 'georgetown');
    expect(georgetown).toMatchObject({ fax: '(512) 555-0178', address: { line2: 'Suite 5' }, hours: [{ weekday: 1, opens: '08:00', closes: '12:00' }, { weekday: 1, opens: '13:00', closes: '17:00' }], rooms: [] });
    const room = await call(admin, 'POST', `/api/admin/clinic/locations/${georgetown.id}/rooms`, { name: 'Exam 1', capabilities: ['exam', 'consult'] });
    expect(room.statusCode).toBe(201);
    const twice = await call(admin, 'POST', `/api/admin/clinic/locations/${georgetown.id}/rooms`, { name: 'EXAM 1', capabilities: ['exam'] });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.issues.map((i: { field: string }) => i.field)).toContain('name');
    expect((await call(admin, 'POST', '/api/admin/clinic/locations/00000000-0000-4000-8000-000000000000/rooms', { name: 'Exam 9', capabilities: ['exam'] })).statusCode).toBe(404);
    const pub = (await t.app.inject('/api/locations')).json().items.find((l: { slug: string }) => l.slug === 'georgetown');
    expect(pub).toMatchObject({ fax: '(512) 555-0178', address: { line2: 'Suite 5' } });
  });

  it('refuses to deactivate a location where practitioners still have hours, naming each of their entries', async () => {
    const s = await settings();
    const waco = s.locations.find((l) => l.slug === 'waco')!;
    const { id, rooms: _rooms, ...input } = waco;
    const res = await call(admin, 'PUT', `/api/admin/clinic/locations/${id}`, { ...input, active: false });
    expect(res.statusCode).toBe(422);
    const fields: string[] = res.json().error.issues.map((i: { field: string }) => i.field);
    expect(fields.length).toBeGreaterThanOrEqual(4);
    expect(fields.every((f) => /^practitioners\[\d+\]\.schedule\[\d+\]\.location$/.test(f))).toBe(true);
    expect(res.json().error.reason).toBe('location_unavailable');
    expect((await settings()).locations.find((l) => l.slug === 'waco')!.active).toBe(true);
  });

  it('closes a location for several days (one row a day), refuses the same day twice, and opens one day again', async () => {
    const s = await settings();
    const killeen = s.locations.find((l) => l.slug === 'killeen')!;
    const res = await call(admin, 'POST', '/api/admin/clinic/holidays', { date: '2027-03-15', through: '2027-03-17', name: 'Flooding repairs', locationId: killeen.id });
    expect(res.statusCode).toBe(201);
    const added = (res.json() as { settings: ClinicSettings }).settings.holidays.filter((h) => h.name === 'Flooding repairs');
    expect(added.map((h) => h.date)).toEqual(['2027-03-15', '2027-03-16', '2027-03-17']);
    const twice = await call(admin, 'POST', '/api/admin/clinic/holidays', { date: '2027-03-17', name: 'Again', locationId: killeen.id });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error).toMatchObject({ reason: 'holiday_duplicate', issues: [{ field: 'date', reason: 'holiday_duplicate' }] });
    const reversed = await call(admin, 'POST', '/api/admin/clinic/holidays', { date: '2027-04-02', through: '2027-04-01', name: 'Backwards', locationId: null });
    expect(reversed.json().error.issues[0]).toMatchObject({ field: 'through', reason: 'dates_reversed' });
    const nowhere = await call(admin, 'POST', '/api/admin/clinic/holidays', { date: '2027-04-02', name: 'Nowhere', locationId: '00000000-0000-4000-8000-000000000000' });
    expect(nowhere.json().error.issues[0]).toMatchObject({ field: 'locationId', reason: 'location_unavailable' });
    const gone = await call(admin, 'DELETE', `/api/admin/clinic/holidays/${added[1]!.id}`);
    expect(gone.statusCode).toBe(200);
    expect((gone.json() as { settings: ClinicSettings }).settings.holidays.filter((h) => h.name === 'Flooding repairs').map((h) => h.date)).toEqual(['2027-03-15', '2027-03-17']);
    expect((await call(admin, 'DELETE', `/api/admin/clinic/holidays/${added[1]!.id}`)).statusCode).toBe(404);
    expect((await auditOf('clinic.holiday.delete')).map((e) => e.resource_id)).toEqual([added[1]!.id]);
  });

  it('refuses a code already used, then adds a visit type and deactivates it, which hides it from the public', async () => {
    const body = {
      code: 'botox-migraine', name: { en: 'Botox for migraine', es: 'Bótox para migraña' }, description: { en: '', es: '' },
      instructions: { en: 'Bring your headache diary.', es: 'Traiga su diario de dolores de cabeza.' }, durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0,
      roomCapability: 'exam', slotStepMin: 15, online: 'established', cancelCutoffMin: 2880, minNoticeMin: 120, horizonDays: 60, cptCodes: ['64615'], active: true,
    };
    const taken = await call(admin, 'POST', '/api/admin/clinic/visit-types', { ...body, code: 'follow-up' });
    expect(taken.statusCode).toBe(422);
    expect(taken.json().error.issues.map((i: { field: string }) => i.field).sort()).toEqual(['code', 'visitTypes[1].code']);
    const created = await call(admin, 'POST', '/api/admin/clinic/visit-types', body);
    expect(created.statusCode).toBe(201);
    const vt = created.json().settings.visitTypes.find((v: { code: string }) => v.code === 'botox-migraine');
    const pub = (await t.app.inject('/api/visit-types')).json().items.find((v: { code: string }) => v.code === 'botox-migraine');
    expect(pub).toMatchObject({ online: 'established', bookableOnline: false, cancelCutoffMin: 2880, instructions: { es: 'Traiga su diario de dolores de cabeza.' } });
    expect((await call(admin, 'PUT', `/api/admin/clinic/visit-types/${vt.id}`, { ...body, active: false })).statusCode).toBe(200);
    expect((await t.app.inject('/api/visit-types')).json().items.map((v: { code: string }) => v.code)).not.toContain('botox-migraine');
  });

  it('refuses a practitioner with an unknown visit type and overlapping hours, naming the body fields', async () => {
    const s = await settings();
    const austin = s.locations.find((l) => l.slug === 'austin-central')!.id;
    const res = await call(admin, 'POST', '/api/admin/clinic/practitioners', {
      name: 'Dr. Sam Patel', credentials: 'DO', role: 'physician', languages: ['en'], bio: { en: '', es: '' },
      visitTypeIds: [s.visitTypes[0]!.id, '00000000-0000-4000-8000-000000000000'],
      schedule: [{ locationId: austin, weekday: 1, start: '08:00', end: '12:00' }, { locationId: austin, weekday: 1, start: '11:30', end: '15:00', validFrom: '2026-12-01' }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues.map((i: { field: string; reason: string }) => `${i.field} ${i.reason}`)).toEqual(['visitTypeIds.1 visit_type_unavailable', 'schedule.1 schedule_overlap']);
  });
});

describe('issue 11: a change that leaves booked visits outside the settings lists them, and moves nothing', () => {
  it("lists the visit that no longer fits a practitioner's new hours, and the visit keeps its time and status", async () => {
    const ana = await given(t).patient({ firstName: 'Ana', lastName: 'Quintero' });
    const visit = await given(t).visit({ patient: ana, with: 'Dr. Elena Ortiz', on: '2026-12-02' });
    const s = await settings();
    const ortiz = s.practitioners.find((p) => p.name === 'Dr. Elena Ortiz')!;
    // From December 1st, Wednesdays at Austin Central start at noon: a new schedule from a given day.
    const schedule = ortiz.schedule.flatMap((e) => (e.weekday === 3
      ? [{ ...e, validTo: '2026-11-30' }, { ...e, start: '12:00', validFrom: '2026-12-01' }]
      : [e]));
    const res = await call(admin, 'PUT', `/api/admin/clinic/practitioners/${ortiz.id}`, { ...withoutIds(ortiz), schedule });
    expect(res.statusCode).toBe(200);
    expect(res.json().affected).toEqual([expect.objectContaining({
      appointmentId: visit.appointmentId, reason: 'outside_hours', patientName: 'Ana Quintero', practitionerName: 'Dr. Elena Ortiz', locationName: 'Austin Central', timeZone: 'America/Chicago',
    })]);
    const row = await t.db.one<{ status: string; starts: string }>(`SELECT status, to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS starts FROM appointment WHERE id = $1`, [visit.appointmentId]);
    expect(row).toEqual({ status: 'booked', starts: new Date(visit.start).toISOString().replace('.000', '') });
    // A second change that does not touch it lists it no more: only what a change leaves outside.
    const again = await call(admin, 'PUT', `/api/admin/clinic/practitioners/${ortiz.id}`, { ...withoutIds(ortiz), schedule, bio: { en: 'Leads neuromodulation.', es: 'Dirige neuromodulación.' } });
    expect(again.json().affected).toEqual([]);
    expect((await auditOf('clinic.practitioner.update')).map((e) => e.resource_id)).toEqual([ortiz.id, ortiz.id]);
  });

  it('lists the visit in a room that is deactivated', async () => {
    const ben = await given(t).patient({ firstName: 'Ben', lastName: 'Salgado' });
    const visit = await given(t).visit({ patient: ben, with: 'Jordan Hayes', on: '2026-12-03' });
    const roomId = (await t.db.one<{ room_id: string }>('SELECT room_id FROM appointment WHERE id = $1', [visit.appointmentId]))!.room_id;
    const room = (await settings()).locations.flatMap((l) => l.rooms).find((r) => r.id === roomId)!;
    const res = await call(admin, 'PUT', `/api/admin/clinic/rooms/${roomId}`, { ...withoutIds(room), active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().affected).toEqual([expect.objectContaining({ appointmentId: visit.appointmentId, reason: 'room_unavailable' })]);
    expect((await t.db.one<{ status: string }>('SELECT status FROM appointment WHERE id = $1', [visit.appointmentId]))!.status).toBe('booked');
  });

  it('lists each visit once however many checks report it', async () => {
    t.app.services.clinic.registerVisitFitCheck(fitCheck);
    const s = await settings();
    const hayes = s.practitioners.find((p) => p.name === 'Jordan Hayes')!;
    const res = await call(admin, 'PUT', `/api/admin/clinic/practitioners/${hayes.id}`, { ...withoutIds(hayes), schedule: hayes.schedule.filter((e) => e.weekday !== 4) });
    expect(res.statusCode).toBe(200);
    const affected: AffectedVisit[] = res.json().affected;
    expect(affected.map((v) => `${v.appointmentId} ${v.reason}`)).toEqual([...new Set(affected.map((v) => `${v.appointmentId} ${v.reason}`))]);
  });
});

describe('issue 11: the clinic name stays current', () => {
  it('renders a renamed clinic in the next email and on another server process', async () => {
    const other = await startAnotherInstance(t);
    try {
      const s = await settings();
      const { id: _id, hasLogo: _h, onlineBooking: _o, ...org } = s.organization;
      expect((await call(admin, 'PUT', '/api/admin/clinic/organization', { ...org, name: 'Central Texas Spine & Pain' })).statusCode).toBe(200);
      expect(t.app.services.clinic.name()).toBe('Central Texas Spine & Pain');
      await vi.waitFor(() => expect(other.app.services.clinic.name()).toBe('Central Texas Spine & Pain'), { timeout: 10_000, interval: 50 });
      const invite = await call(admin, 'POST', '/api/admin/users/invite', { email: 'new.nurse@relief.test', displayName: 'New Nurse', role: 'nurse' });
      expect(invite.statusCode).toBe(201);
      const sent = await t.db.one<{ subject: string }>(`SELECT subject FROM outbox WHERE recipient = 'new.nurse@relief.test'`);
      expect(sent!.subject).toContain('Central Texas Spine & Pain');
    } finally {
      await other.close();
    }
  });
});

describe('issue 11: online booking and the checklist', () => {
  it('shows the demo clinic ready, and closing and opening online booking is audited', async () => {
    const setup = await call(admin, 'GET', '/api/admin/clinic/setup');
    expect(setup.json()).toMatchObject({ ready: true, onlineBooking: true });
    expect(setup.json().steps.map((s: { step: string }) => s.step)).toEqual(['organization', 'locations', 'hours', 'rooms', 'visit_types', 'practitioners', 'practitioner_hours']);
    expect((await call(admin, 'PUT', '/api/admin/clinic/online-booking', { open: false })).json()).toMatchObject({ onlineBooking: false });
    expect((await call(admin, 'PUT', '/api/admin/clinic/online-booking', { open: true })).json()).toMatchObject({ onlineBooking: true });
    expect((await call(staff[0]!, 'PUT', '/api/admin/clinic/online-booking', { open: false })).statusCode).toBe(403);
    const events = await t.db.query<{ reason: string }>(`SELECT reason FROM audit_event WHERE action = 'clinic.organization.update' AND reason LIKE 'online booking%' ORDER BY seq`);
    expect(events.map((e) => e.reason)).toEqual(['online booking closed', 'online booking opened']);
  });
});

describe('issue 11: a unique name lost to a concurrent change', () => {
  it('answers 409 naming the field, from the database constraint', async () => {
    const err = await t.db.query(`INSERT INTO region (organization_id, name) VALUES ($1, 'Waco/Killeen')`, [t.organizationId]).then(() => undefined, (e: unknown) => e);
    expect(duplicateConflict(err)).toMatchObject({ code: 'CONFLICT', details: { reason: 'duplicate_name', issues: [{ field: 'name', reason: 'duplicate_name' }] } });
  });
});
