import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AffectedVisit, ClinicDocument, ClinicSettings } from '../../../shared/contracts/clinic-settings.js';
import { buildApp } from '../../app.js';
import type { Queryable } from '../../db/db.js';
import { fixedClock } from '../../platform/clock.js';
import { recordingMailer } from '../../platform/mailer.js';
import { given } from '../../testing/given.js';
import { startTestApp, TEST_NOW, TEST_PUBLIC_URL, type TestApp } from '../../testing/test-app.js';
import { openTestDb, type TestDb } from '../../testing/test-db.js';
import { createSignedIn, type SignedIn } from '../../testing/test-users.js';
import { openOrganization } from './index.js';

/**
 * Issue 11, parts 2 and 3: a first run without the demo, set up through the
 * API until online booking opens; the logo; and the settings as one document
 * (the must-shows: export of the demo, import into an empty database, export
 * again gives the same document; an invalid document is refused with every
 * problem named and nothing changed).
 */

/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let demo: TestApp;
let demoAdmin: SignedIn;
/** A server on an empty database started with RELIEF_SEED=none. */
let fresh: { app: FastifyInstance; db: TestDb; clock: ReturnType<typeof fixedClock>; organizationId: string };
let freshAdmin: SignedIn;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const callOn = (app: FastifyInstance, who: SignedIn | null, method: Method, url: string, payload?: unknown) =>
  app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {} });
const onDemo = (method: Method, url: string, payload?: unknown) => callOn(demo.app, demoAdmin, method, url, payload);
const onFresh = (method: Method, url: string, payload?: unknown) => callOn(fresh.app, freshAdmin, method, url, payload);
const exported = async (on: typeof onDemo): Promise<ClinicDocument> => {
  const res = await on('GET', '/api/admin/clinic/export');
  expect(res.statusCode).toBe(200);
  return res.json();
};

beforeAll(async () => {
  demo = await startTestApp();
  demoAdmin = await createSignedIn(demo, 'admin');
  const db = await openTestDb();
  const organization = await openOrganization(db, 'none');
  const clock = fixedClock(TEST_NOW);
  const app = await buildApp({ config: { publicUrl: TEST_PUBLIC_URL, serveWeb: false, logLevel: 'silent', rateLimitScale: 1000 }, db, clock, mailer: recordingMailer(), organization });
  await app.ready();
  fresh = { app, db, clock, organizationId: organization.id };
  freshAdmin = await createSignedIn({ app, clock } as unknown as TestApp, 'admin');
});
afterAll(async () => {
  await fresh?.app.close();
  await fresh?.db.dispose();
  await demo?.close();
});

describe('issue 11: a first run without the demo, set up until online booking opens', () => {
  it('starts with one unnamed organization, closed to online booking, with nothing to book', async () => {
    const orgs = await fresh.db.query<{ slug: string; name: string; online_booking: boolean }>('SELECT slug, name, online_booking FROM organization');
    expect(orgs).toEqual([{ slug: 'clinic', name: '', online_booking: false }]);
    const setup = (await onFresh('GET', '/api/admin/clinic/setup')).json();
    expect(setup).toMatchObject({ ready: false, onlineBooking: false });
    expect(setup.steps.every((s: { done: boolean }) => !s.done)).toBe(true);
    expect((await fresh.app.inject('/api/visit-types')).json().items).toEqual([]);
    expect((await fresh.app.inject('/api/clinic/logo')).statusCode).toBe(404);
    const opening = await onFresh('PUT', '/api/admin/clinic/online-booking', { open: true });
    expect(opening.statusCode).toBe(409);
    expect(opening.json().error.reason).toBe('setup_incomplete');
  });

  it('walks the checklist: a location with hours, a room, a visit type, a practitioner with hours, then the name; then online booking opens', async () => {
    const stepsLeft = async () => (await onFresh('GET', '/api/admin/clinic/setup')).json().steps.filter((s: { done: boolean }) => !s.done).map((s: { step: string }) => s.step);
    const region = (await onFresh('POST', '/api/admin/clinic/regions', { name: 'Hill Country' })).json().settings.regions[0];
    const loc = await onFresh('POST', '/api/admin/clinic/locations', {
      slug: 'dripping-springs', name: 'Dripping Springs', regionId: region.id, address: { line1: '100 Mercer Street', city: 'Dripping Springs', state: 'TX', postalCode: '78620' },
      phone: '(512) 555-0121', fax: '', timeZone: 'America/Chicago', hours: [1, 2, 3, 4].map((weekday) => ({ weekday, opens: '08:00', closes: '17:00' })),
    });
    expect(loc.statusCode).toBe(201);
    const location = (loc.json() as { settings: ClinicSettings }).settings.locations[0]!;
    expect(await stepsLeft()).toEqual(['organization', 'rooms', 'visit_types', 'practitioners', 'practitioner_hours']);
    expect((await onFresh('POST', `/api/admin/clinic/locations/${location.id}/rooms`, { name: 'Exam A', capabilities: ['exam'] })).statusCode).toBe(201);
    const vt = await onFresh('POST', '/api/admin/clinic/visit-types', {
      code: 'new-patient-consult', name: { en: 'New patient consultation', es: 'Consulta de paciente nuevo' }, description: { en: '', es: '' },
      instructions: { en: 'Bring your imaging.', es: 'Traiga sus estudios de imagen.' }, durationMin: 60, bufferBeforeMin: 0, bufferAfterMin: 0, roomCapability: 'exam',
      slotStepMin: 30, online: 'anyone', cancelCutoffMin: 1440, minNoticeMin: 240, horizonDays: 90, cptCodes: ['99204'],
    });
    expect(vt.statusCode).toBe(201);
    const visitTypeId = (vt.json() as { settings: ClinicSettings }).settings.visitTypes[0]!.id;
    expect((await onFresh('POST', '/api/admin/clinic/practitioners', {
      name: 'Dr. Lena Voss', credentials: 'MD', role: 'physician', languages: ['en', 'es'], bio: { en: 'Pain medicine.', es: 'Medicina del dolor.' }, visitTypeIds: [visitTypeId],
      schedule: [{ locationId: location.id, weekday: 2, start: '08:00', end: '16:00' }],
    })).statusCode).toBe(201);
    expect(await stepsLeft()).toEqual(['organization']);
    expect((await onFresh('PUT', '/api/admin/clinic/online-booking', { open: true })).json().error.reason).toBe('setup_incomplete');
    expect((await onFresh('PUT', '/api/admin/clinic/organization', { name: 'Hill Country Pain', mainPhone: '(512) 555-0120', billingPhone: '', websiteUrl: '' })).statusCode).toBe(200);
    const open = await onFresh('PUT', '/api/admin/clinic/online-booking', { open: true });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ ready: true, onlineBooking: true });
    expect((await fresh.app.inject('/api/visit-types')).json().items).toMatchObject([{ code: 'new-patient-consult', bookableOnline: true, online: 'anyone' }]);
    expect((await fresh.app.inject('/api/practitioners')).json().items).toMatchObject([{ name: 'Dr. Lena Voss', languages: ['en', 'es'], locationIds: [location.id] }]);
    expect(fresh.app.services.clinic.name()).toBe('Hill Country Pain');
  });

  it('takes a PNG or JPEG logo of at most 512 KB, read from its bytes, and serves it to the public', async () => {
    const refused = async (base64: string) => (await onFresh('PUT', '/api/admin/clinic/logo', { base64 })).json().error;
    expect(await refused(PDF.toString('base64'))).toMatchObject({ reason: 'file_type_not_allowed', issues: [{ field: 'base64' }] });
    expect(await refused('not base64 at all!')).toMatchObject({ issues: [{ field: 'base64' }] });
    // 100 bytes over 512 KB (as base64, still under the body's 700,000 characters).
    expect(await refused(Buffer.concat([PNG, Buffer.alloc(512 * 1024 + 100 - PNG.length)]).toString('base64'))).toMatchObject({ reason: 'file_too_large' });
    const res = await onFresh('PUT', '/api/admin/clinic/logo', { base64: `data:image/png;base64,${PNG.toString('base64')}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings.organization.hasLogo).toBe(true);
    const logo = await fresh.app.inject('/api/clinic/logo');
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(logo.rawPayload, PNG)).toBe(0);
    const event = await fresh.db.one<{ resource_type: string }>(`SELECT resource_type FROM audit_event WHERE action = 'clinic.logo.update'`);
    expect(event).toEqual({ resource_type: 'logo' });
    expect((await exported(onFresh)).organization.logo).toEqual({ mediaType: 'image/png', base64: PNG.toString('base64') });
  });
});

describe('issue 11: the settings as one document', () => {
  it('exports as a download named with the date, in a stable order with no ids', async () => {
    const res = await onDemo('GET', '/api/admin/clinic/export');
    expect(res.headers['content-disposition']).toBe('attachment; filename="relief-clinic-settings-2026-11-30.json"');
    const doc: ClinicDocument = res.json();
    expect(doc).toMatchObject({ format: 'relief.clinic-settings', version: 1, organization: { name: 'Relief Pain Clinics', websiteUrl: 'https://relief-demo.example', logo: null } });
    expect(doc.locations.map((l) => l.slug)).toEqual(['austin-central', 'round-rock', 'cedar-park', 'waco', 'killeen']);
    expect(doc.locations.map((l) => l.fax)).toEqual(['(512) 555-0141', '(512) 555-0153', '(512) 555-0168', '(254) 555-0119', '(254) 555-0194']);
    expect(doc.visitTypes.filter((v) => v.online === 'anyone').map((v) => v.code)).toEqual(['new-patient-consult']);
    expect(doc.visitTypes.find((v) => v.code === 'scs-trial')!.instructions.es).toMatch(/anticoagulante.*llevarle a casa/);
    expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(await exported(onDemo)).toEqual(doc);
  });

  it('must show: the demo exported, imported into an empty database and exported again is the same document', async () => {
    const db = await openTestDb();
    const organization = await openOrganization(db, 'none');
    const clock = fixedClock(TEST_NOW);
    const app = await buildApp({ config: { publicUrl: TEST_PUBLIC_URL, serveWeb: false, logLevel: 'silent' }, db, clock, mailer: recordingMailer(), organization });
    try {
      await app.ready();
      const admin = await createSignedIn({ app, clock } as unknown as TestApp, 'admin');
      const first = await exported(onDemo);
      const imported = await callOn(app, admin, 'POST', '/api/admin/clinic/import', first);
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toMatchObject({ created: expect.any(Number), updated: 1, notInDocument: [], affected: [] });
      const again = (await callOn(app, admin, 'GET', '/api/admin/clinic/export')).json();
      expect(again).toEqual(first);
      expect(JSON.stringify(again)).toBe(JSON.stringify(first));
      // The same settings written in another order inside the lists are the same settings.
      const shuffled = structuredClone(first);
      for (const l of shuffled.locations) {
        l.hours.reverse();
        l.rooms.reverse();
      }
      for (const p of shuffled.practitioners) {
        p.schedule.reverse();
        p.visitTypes.reverse();
      }
      const twice = await callOn(app, admin, 'POST', '/api/admin/clinic/import', shuffled);
      expect(twice.json()).toEqual({ created: 0, updated: 0, notInDocument: [], affected: [] });
      expect((await app.inject('/api/locations')).json().items).toHaveLength(5);
      expect(app.services.clinic.name()).toBe('Relief Pain Clinics');
    } finally {
      await app.close();
      await db.dispose();
    }
  });

  it('must show: an invalid document is refused with every problem named, and nothing changes', async () => {
    const before = await exported(onDemo);
    const events = async () => (await demo.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'clinic.settings.import'`))!.n;
    const imports = await events();
    const doc = structuredClone(before);
    doc.locations[3]!.timeZone = 'America/Waco';
    doc.locations[1]!.hours.push({ weekday: 2, opens: '12:00', closes: '13:00' });
    for (const l of doc.locations) for (const r of l.rooms) if (r.capabilities.includes('therapy_gym')) r.active = false;
    doc.practitioners[4]!.name = 'Dr. Elena Ortiz';
    const res = await onDemo('POST', '/api/admin/clinic/import', doc);
    expect(res.statusCode).toBe(422);
    const named = res.json().error.issues.map((i: { field: string; reason?: string }) => `${i.field} ${i.reason}`).sort();
    expect(named).toEqual([
      'locations[1].hours[5] hours_overlap',
      'locations[3].timeZone time_zone_unknown',
      'practitioners[0].name duplicate_name',
      'practitioners[4].name duplicate_name',
      'visitTypes[2].roomCapability no_room_with_capability',
    ]);
    expect(res.json().error.message).toContain('locations[3].timeZone: "America/Waco" is not a known IANA time zone');
    expect(await exported(onDemo)).toEqual(before);
    expect(await events()).toBe(imports);
  });

  it('names what the contract refuses at its path in the document (422), before looking any further', async () => {
    const doc = structuredClone(await exported(onDemo)) as unknown as Record<string, unknown> & { locations: { hours: { opens: string }[] }[] };
    doc.locations[0]!.hours[0]!.opens = '7:30';
    doc.version = 2;
    const res = await onDemo('POST', '/api/admin/clinic/import', doc);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues.map((i: { field: string }) => i.field).sort()).toEqual(['locations.0.hours.0.opens', 'version']);
  });

  it('keeps what the document does not name and lists it; answers the visits it leaves outside', async () => {
    const hayesVisit = await given(demo).visit({ patient: await given(demo).patient({ firstName: 'Iris', lastName: 'Mena' }), with: 'Jordan Hayes', on: '2026-12-03' });
    // A check of one reason is enough here: the settings routes' tests cover hours and rooms.
    demo.app.services.clinic.registerVisitFitCheck(async (q: Queryable, organizationId: string) => q.query<AffectedVisit>(
      `SELECT a.id AS "appointmentId", a.starts_at::text AS start, l.time_zone AS "timeZone", '' AS "patientName", p.name AS "practitionerName",
         l.name AS "locationName", '' AS "visitTypeName", 'practitioner_inactive' AS reason
       FROM appointment a JOIN practitioner p ON p.id = a.practitioner_id JOIN location l ON l.id = a.location_id
       WHERE a.organization_id = $1 AND a.status = 'booked' AND NOT p.active`, [organizationId]));
    const doc = structuredClone(await exported(onDemo));
    doc.locations = doc.locations.filter((l) => l.slug !== 'killeen');
    doc.holidays = doc.holidays.slice(1);
    doc.practitioners.find((p) => p.name === 'Jordan Hayes')!.active = false;
    const res = await onDemo('POST', '/api/admin/clinic/import', doc);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 1, notInDocument: ['location killeen', 'closure 2026-11-26 at every location'] });
    expect(res.json().affected).toEqual([expect.objectContaining({ appointmentId: hayesVisit.appointmentId, practitionerName: 'Jordan Hayes', reason: 'practitioner_inactive' })]);
    expect((await demo.app.inject('/api/locations')).json().items.map((l: { slug: string }) => l.slug)).toContain('killeen');
    expect((await demo.app.inject('/api/practitioners')).json().items.map((p: { name: string }) => p.name)).not.toContain('Jordan Hayes');
    const event = await demo.db.one<{ reason: string; actor_user_id: string }>(`SELECT reason, actor_user_id FROM audit_event WHERE action = 'clinic.settings.import' ORDER BY seq DESC LIMIT 1`);
    expect(event).toEqual({ reason: 'created 0, updated 1', actor_user_id: demoAdmin.userId });
  });

  it('issue 12: carries the message reply time; a document from before it imports and leaves the reply time as it was', async () => {
    const doc = structuredClone(await exported(onDemo));
    expect(doc.organization.replyBusinessDays).toBe(2);
    const three = await onDemo('POST', '/api/admin/clinic/import', { ...doc, organization: { ...doc.organization, replyBusinessDays: 3 } });
    expect(three.statusCode, three.body).toBe(200);
    expect((await exported(onDemo)).organization.replyBusinessDays).toBe(3);
    const { replyBusinessDays: _gone, ...older } = doc.organization;
    const old = await onDemo('POST', '/api/admin/clinic/import', { ...doc, organization: older });
    expect(old.statusCode, old.body).toBe(200);
    expect((await exported(onDemo)).organization.replyBusinessDays).toBe(3);
    const bad = await onDemo('POST', '/api/admin/clinic/import', { ...doc, organization: { ...doc.organization, replyBusinessDays: 11 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['organization.replyBusinessDays']);
    await onDemo('POST', '/api/admin/clinic/import', doc);
  });

  it('refuses a document that opens online booking before the checklist is done', async () => {
    const before = await exported(onDemo);
    const doc = structuredClone(before);
    doc.visitTypes = doc.visitTypes.map((v) => ({ ...v, active: false }));
    doc.practitioners = doc.practitioners.map((p) => ({ ...p, active: false }));
    const res = await onDemo('POST', '/api/admin/clinic/import', doc);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ reason: 'setup_incomplete', issues: [{ field: 'organization.onlineBooking' }] });
    expect(await exported(onDemo)).toEqual(before);
  });
});
