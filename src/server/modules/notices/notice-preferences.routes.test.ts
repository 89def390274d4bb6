import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { given, type GivenPatient } from '../../testing/given.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';

/** Issue 12, item 5: GET/PUT /api/patients/:patientId/notice-preferences, and notifyPatient, the entry other modules call. */
let t: TestApp;
let ana: GivenPatient;
let other: GivenPatient;
let patient: SignedIn;
let fullCaregiver: SignedIn;
let limitedCaregiver: SignedIn;
const url = (id: string) => `/api/patients/${id}/notice-preferences`;
const CHOICES = { appointment_reminder: 'both', appointment_change: 'sms', message: 'email', waitlist_offer: 'sms' } as const;

beforeAll(async () => {
  t = await startTestApp();
  ana = await given(t).patient({ firstName: 'Ana', phone: '(512) 555-0142' });
  other = await given(t).patient({ firstName: 'Otto' });
  patient = await createSignedIn(t, 'patient', { patientId: ana.id });
  fullCaregiver = await createSignedIn(t, 'caregiver');
  limitedCaregiver = await createSignedIn(t, 'caregiver');
  for (const [c, scope] of [[fullCaregiver, 'full'], [limitedCaregiver, 'limited']] as const) {
    await t.db.query('INSERT INTO caregiver_grant (organization_id, caregiver_user_id, patient_id, scope) VALUES ($1, $2, $3, $4)', [t.organizationId, c.userId, ana.id, scope]);
  }
});
afterAll(async () => t?.close());

describe('notice preferences', () => {
  it('starts at email for every kind and the clinic quiet hours, with the number texts would go to; the read is audited', async () => {
    const res = await as(t.app, patient)('GET', url(ana.id));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      channels: { appointment_reminder: 'email', appointment_change: 'email', message: 'email', waitlist_offer: 'email' },
      quietHours: null, clinicQuietHours: { start: '21:00', end: '08:00' }, email: ana.email, smsNumber: '+15125550142', smsSending: false,
    });
    const read = await t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'notice_preferences.read' AND patient_id = $1 AND actor_user_id = $2", [ana.id, patient.userId]);
    expect(read!.n).toBe(1);
  });

  it('a patient and a full caregiver change them; each change is audited with the patient named', async () => {
    const put = await as(t.app, patient)('PUT', url(ana.id), { channels: CHOICES, quietHours: { start: '22:00', end: '07:30' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ channels: CHOICES, quietHours: { start: '22:00', end: '07:30' } });
    const byCaregiver = await as(t.app, fullCaregiver)('PUT', url(ana.id), { channels: { ...CHOICES, message: 'both' }, quietHours: null });
    expect(byCaregiver.statusCode).toBe(200);
    expect((await as(t.app, patient)('GET', url(ana.id))).json()).toMatchObject({ channels: { ...CHOICES, message: 'both' }, quietHours: null });
    const changes = await t.db.query<{ actor: string; reason: string }>(
      "SELECT actor_user_id AS actor, reason FROM audit_event WHERE action = 'notice_preferences.update' AND patient_id = $1", [ana.id]);
    // The test clock stands still: the two events share a time, so they are matched by actor, not order.
    expect(changes.map((c) => c.actor).sort()).toEqual([patient.userId, fullCaregiver.userId].sort());
    expect(changes.find((c) => c.actor === patient.userId)!.reason).toContain('quiet hours 22:00-07:30');
    expect(changes.find((c) => c.actor === fullCaregiver.userId)!.reason).toMatch(/message=both .*; quiet hours clinic default/);
  });

  it('refuses a limited caregiver and another patient alike (404, as for an unknown id)', async () => {
    expect((await as(t.app, limitedCaregiver)('GET', url(ana.id))).statusCode).toBe(404);
    expect((await as(t.app, limitedCaregiver)('PUT', url(ana.id), { channels: CHOICES, quietHours: null })).statusCode).toBe(404);
    const theirs = await as(t.app, patient)('GET', url(other.id));
    const nobody = await as(t.app, patient)('GET', url('00000000-0000-4000-8000-000000000000'));
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(nobody.body);
  });

  it('refuses bad input with a 4xx naming the field, and changes nothing', async () => {
    const before = (await as(t.app, patient)('GET', url(ana.id))).json();
    const cases: [unknown, string][] = [
      [{ channels: { ...CHOICES, message: 'fax' }, quietHours: null }, 'channels.message'],
      [{ channels: CHOICES, quietHours: { start: '25:00', end: '07:00' } }, 'quietHours.start'],
      [{ channels: { appointment_reminder: 'sms' }, quietHours: null }, 'channels.appointment_change'],
      [{ channels: CHOICES }, 'quietHours'],
    ];
    for (const [body, field] of cases) {
      const res = await as(t.app, patient)('PUT', url(ana.id), body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(JSON.stringify(res.json()), field).toContain(field);
    }
    expect((await as(t.app, patient)('GET', url(ana.id))).json()).toEqual(before);
  });
});

describe('notifyPatient: the entry other modules use', () => {
  const params = {
    firstName: 'Ana', start: Date.parse('2026-12-08T16:00:00Z'), timeZone: 'America/Chicago', locationName: 'Round Rock',
    locationAddress: '100 Main St', locationPhone: '(512) 555-0100', appointmentId: '0b6f7e0a-3c1d-4a52-9d7e-5b1f0c2e8a11', hoursBefore: 48,
  };
  const rows = (ids: string[]) => t.db.query<{ channel: string; recipient: string; due: number; quiet: string | null }>(
    `SELECT channel, recipient, (extract(epoch FROM next_attempt_at) * 1000)::float8 AS due, quiet_start || '-' || quiet_end AS quiet
     FROM outbox WHERE id = ANY($1::uuid[]) ORDER BY channel`, [ids]);

  it('writes a row per chosen channel in the caller\'s transaction; a text inside quiet hours is due when they end', async () => {
    const stranger = await given(t).patient({ firstName: 'Sol', phone: '512-555-0160' });
    await as(t.app, patient)('PUT', url(ana.id), { channels: CHOICES, quietHours: null }); // reminders: both
    // 06:00 in Austin (the suite's now): inside the clinic's quiet hours, which end at 08:00 (14:00 UTC).
    const ids = await t.db.tx((tx) => t.app.services.notices.notifyPatient(tx, { patientId: ana.id, kind: 'appointment_reminder', template: 'appointment.reminder', params }));
    expect(await rows(ids)).toEqual([
      { channel: 'email', recipient: ana.email, due: t.clock.now(), quiet: null },
      { channel: 'sms', recipient: '+15125550142', due: Date.parse('2026-11-30T14:00:00Z'), quiet: '21:00-08:00' },
    ]);
    // No choice stored: email only.
    const plain = await t.db.tx((tx) => t.app.services.notices.notifyPatient(tx, { patientId: stranger.id, kind: 'appointment_reminder', template: 'appointment.reminder', params }));
    expect((await rows(plain)).map((r) => r.channel)).toEqual(['email']);
    // A rolled-back transaction leaves nothing.
    const lost: string[] = [];
    await t.db.tx(async (tx) => {
      lost.push(...(await t.app.services.notices.notifyPatient(tx, { patientId: ana.id, kind: 'message', template: 'appointment.reminder', params })));
      throw new Error('the caller failed');
    }).catch(() => undefined);
    expect(lost).toHaveLength(1);
    expect(await rows(lost)).toEqual([]);
  });

  it("a patient without quiet hours of their own has the clinic's, which the clinic sets (06:00 in Austin is outside 22:00-05:30)", async () => {
    const admin = await createSignedIn(t, 'admin');
    const org = { name: 'Relief Pain Clinics', mainPhone: '(512) 555-0101', billingPhone: '(512) 555-0109', websiteUrl: '' };
    const bad = await as(t.app, admin)('PUT', '/api/admin/clinic/organization', { ...org, smsQuietHours: { start: '22:00', end: '5:30' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues.map((i: { field: string }) => i.field)).toEqual(['smsQuietHours.end']);
    const set = await as(t.app, admin)('PUT', '/api/admin/clinic/organization', { ...org, smsQuietHours: { start: '22:00', end: '05:30' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().settings.organization.smsQuietHours).toEqual({ start: '22:00', end: '05:30' });
    try {
      await as(t.app, patient)('PUT', url(ana.id), { channels: CHOICES, quietHours: null });
      expect((await as(t.app, patient)('GET', url(ana.id))).json().clinicQuietHours).toEqual({ start: '22:00', end: '05:30' });
      const ids = await t.db.tx((tx) => t.app.services.notices.notifyPatient(tx, { patientId: ana.id, kind: 'appointment_reminder', template: 'appointment.reminder', params }));
      expect((await rows(ids)).find((r) => r.channel === 'sms')).toMatchObject({ due: t.clock.now(), quiet: '22:00-05:30' });
    } finally {
      await as(t.app, admin)('PUT', '/api/admin/clinic/organization', { ...org, smsQuietHours: { start: '21:00', end: '08:00' } });
    }
  });
});

describe('without TWILIO_* set', () => {
  it('keeps text messages pending (email still goes), and the log says so once', async () => {
    const sam = await given(t).patient({ firstName: 'Sam', phone: '(512) 555-0171' });
    await t.db.query("INSERT INTO notice_preference (patient_id, organization_id, appointment_change) VALUES ($1, $2, 'both')", [sam.id, t.organizationId]);
    const visit = await given(t).visit({ patient: sam, with: 'Dr. Elena Ortiz', on: '2026-12-09' });
    t.clock.set(Date.parse('2026-11-30T16:00:00Z')); // 10:00 in Austin: no quiet hours in the way
    await t.app.services.notices.deliverDue(200);
    const change = (await t.app.services.notices.listForAppointment(visit.appointmentId)).filter((n) => n.template === 'appointment.booked');
    expect(change.map((n) => [n.channel, n.status, n.attempts]).sort()).toEqual([['email', 'sent', 1], ['sms', 'pending', 0]]);

    const lines: string[] = [];
    const quiet = await startTestApp({ logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } });
    try {
      await quiet.app.services.notices.start({ pollingIntervalSeconds: 0.5 });
      await quiet.app.services.notices.start({ pollingIntervalSeconds: 0.5 });
      expect(lines.filter((l) => l.includes('TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM are not set: SMS notices are kept in the outbox'))).toHaveLength(1);
    } finally {
      await quiet.close();
    }
  });
});
