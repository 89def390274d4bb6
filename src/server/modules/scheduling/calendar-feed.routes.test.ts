import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { given, type GivenPatient } from '../../testing/given.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';

/**
 * Issue 12: a patient's private calendar feed. The URL is answered once (only
 * its hash is kept), renewing stops the old URL, revoking stops it; the feed
 * names no visit type ("Appointment at <location>", in the patient's
 * language), marks a cancelled visit CANCELLED, and every read is audited.
 */
let t: TestApp;
let patient: GivenPatient;
let user: SignedIn;
let limited: SignedIn;
let cancelledId: string;

const path = (url: string) => new URL(url).pathname;

beforeAll(async () => {
  t = await startTestApp();
  const g = given(t);
  patient = await g.patient({ preferredLanguage: 'es' });
  await g.visit({ patient, at: 'round-rock', on: '2026-12-02', visitType: 'new-patient-consult', reason: 'Lumbar radiculopathy' });
  const other = await g.visit({ patient, at: 'round-rock', on: '2026-12-09' });
  cancelledId = other.appointmentId;
  await t.app.services.scheduling.cancel(cancelledId, { staff: true }, 'Patient called', { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: null, requestId: 't' });
  user = await createSignedIn(t, 'patient', { patientId: patient.id });
  limited = await createSignedIn(t, 'caregiver');
  await t.db.query(`INSERT INTO caregiver_grant (organization_id, caregiver_user_id, patient_id, scope) VALUES ($1, $2, $3, 'limited')`, [t.organizationId, limited.userId, patient.id]);
});
afterAll(async () => t?.close());

describe('the private calendar feed (issue 12)', () => {
  it('serves the visits without health details, in the patient language, cancelled ones as CANCELLED', async () => {
    const made = await as(t.app, user)('POST', `/api/patients/${patient.id}/calendar-feed`);
    expect(made.statusCode, made.body).toBe(201);
    const url = made.json().url as string;
    expect(url).toMatch(/^http:\/\/relief\.test\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await t.db.query('SELECT token_hash FROM calendar_feed WHERE patient_id = $1', [patient.id]))[0]).not.toHaveProperty('token');
    const feed = await t.app.inject({ url: path(url) });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const body = feed.body.replace(/\r\n /g, '');
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(body).toContain('SUMMARY:Cita en ');
    expect(body).toContain(`UID:${cancelledId}@relief`);
    expect(body).toContain('STATUS:CANCELLED');
    const clinic = (await t.db.one<{ name: string }>('SELECT name FROM organization WHERE id = $1', [t.organizationId]))!.name;
    expect(body.replaceAll(clinic, '')).not.toMatch(/consult|lumbar|radicul|pain|dolor/i);
    const reads = await t.db.query(`SELECT 1 FROM audit_event WHERE action = 'calendar_feed.read' AND patient_id = $1`, [patient.id]);
    expect(reads.length).toBeGreaterThan(0);
    expect((await as(t.app, user)('GET', `/api/patients/${patient.id}/calendar-feed`)).json()).toMatchObject({ active: true });
  });

  it('renewing stops the old URL; revoking stops the feed; an unknown token is a plain 404', async () => {
    const first = path((await as(t.app, user)('POST', `/api/patients/${patient.id}/calendar-feed`)).json().url);
    const second = path((await as(t.app, user)('POST', `/api/patients/${patient.id}/calendar-feed`)).json().url);
    expect((await t.app.inject({ url: first })).statusCode).toBe(404);
    expect((await t.app.inject({ url: second })).statusCode).toBe(200);
    expect((await as(t.app, user)('DELETE', `/api/patients/${patient.id}/calendar-feed`)).statusCode).toBe(204);
    const revoked = await t.app.inject({ url: second });
    const unknown = await t.app.inject({ url: `/api/calendar/${'A'.repeat(43)}.ics` });
    expect(revoked.statusCode).toBe(404);
    expect(revoked.body).toBe(unknown.body);
    const actions = await t.db.query<{ action: string }>(`SELECT action FROM audit_event WHERE patient_id = $1 AND action LIKE 'calendar_feed.%' ORDER BY occurred_at`, [patient.id]);
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['calendar_feed.create', 'calendar_feed.renew', 'calendar_feed.read', 'calendar_feed.revoke']));
  });

  it('is refused to a caregiver with limited scope', async () => {
    const res = await as(t.app, limited)('POST', `/api/patients/${patient.id}/calendar-feed`);
    expect([403, 404]).toContain(res.statusCode);
    expect(await t.db.query('SELECT 1 FROM calendar_feed WHERE patient_id = $1', [patient.id])).toEqual([]);
  });
});
