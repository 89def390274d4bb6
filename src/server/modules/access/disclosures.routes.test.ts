import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, cookieOf, createSignedIn, type SignedIn } from '../../testing/test-users.js';

/**
 * Issue 11: "Who accessed my record" explains a refusal, shows the reason
 * given for emergency access, and never shows a raw "anonymous". The answer
 * gains optional fields; nothing it had is removed.
 */
let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let patient: SignedIn;
let patientId: string;
beforeAll(async () => {
  t = await startTestApp();
  ids = await demoIds(t.app);
});
afterAll(async () => t?.close());

interface Line { at: string; who: string; role: string; action: string; outcome: string; emergency?: boolean; emergencyReason?: string; refusal?: string }

describe('issue 11: the accounting of disclosures says why and who in words', () => {
  it('explains a refusal, gives the break-glass reason, and names someone not signed in', async () => {
    const consult = ids.visitType('new-patient-consult');
    const [slot] = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-02', to: '2026-12-02', practitioner: ids.practitioner('Dr. Elena Ortiz') } })).json().slots;
    const booked = (await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slot, consult, { firstName: 'Irma', lastName: 'Salas', email: 'irma@example.com', dateOfBirth: '1955-06-06' }) })).json();
    // Someone not signed in asks for an activation code for her record (audited with her record, no actor).
    expect((await t.app.inject({ method: 'POST', url: '/api/account/activation-code', payload: { firstName: 'Irma', lastName: 'Salas', dateOfBirth: '1955-06-06' } })).statusCode).toBe(202);
    const activated = await t.app.inject({ method: 'POST', url: '/api/account/activate', payload: { appointmentId: booked.appointment.id, code: booked.confirmationCode, email: 'irma@example.com', password: 'the bluebonnets are out early' } });
    expect(activated.statusCode).toBe(200);
    patientId = activated.json().user.patientId;
    patient = { cookie: cookieOf(activated), csrf: activated.json().csrfToken } as SignedIn;

    // A clinician outside her care is refused, then opens the chart in an emergency with a reason.
    const reed = await createSignedIn(t, 'clinician', { practitionerId: ids.practitioner('Dr. Marcus Reed') });
    expect((await as(t.app, reed)('GET', `/api/patients/${patientId}/chart`)).statusCode).toBe(403);
    const why = 'Seen in the ER unconscious; checking allergies before sedation';
    expect((await as(t.app, reed)('POST', `/api/patients/${patientId}/break-glass`, { reason: why })).statusCode).toBe(201);
    t.clock.advance(1000);
    expect((await as(t.app, reed)('GET', `/api/patients/${patientId}/chart`)).statusCode).toBe(200);
    t.clock.advance(1000);

    const res = await as(t.app, patient)('GET', `/api/patients/${patientId}/disclosures`);
    expect(res.statusCode).toBe(200);
    const lines = res.json().items as Line[];
    const refused = lines.find((l) => l.action === 'chart.read' && l.outcome === 'denied');
    expect(refused).toMatchObject({ who: 'Test clinician', refusal: 'not_care_team' });
    expect(refused!.emergency).toBe(false);
    expect(refused!.emergencyReason).toBeUndefined();
    expect(lines.find((l) => l.action === 'break_glass.start')).toMatchObject({ emergency: true, emergencyReason: why });
    expect(lines.find((l) => l.action === 'chart.read' && l.outcome === 'success')).toMatchObject({ emergency: true, emergencyReason: why });
    const anonymous = lines.find((l) => l.action === 'user.activation_code');
    expect(anonymous).toMatchObject({ role: 'anonymous', who: 'Someone not signed in' });
    expect(lines.some((l) => l.who === 'anonymous')).toBe(false);
    // Successful lines carry no refusal; other lines no emergency reason.
    for (const l of lines.filter((x) => x.outcome === 'success')) expect(l.refusal).toBeUndefined();
    for (const l of lines.filter((x) => !x.emergency)) expect(l.emergencyReason).toBeUndefined();
  });

  it('is refused to another patient and to someone not signed in, as before', async () => {
    const consult = ids.visitType('new-patient-consult');
    const [slot] = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-03', to: '2026-12-03', location: ids.location('waco') } })).json().slots;
    const booked = (await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slot, consult, { firstName: 'Otro', lastName: 'Paciente', email: 'otro@example.com' }) })).json();
    const otherId = (await t.db.one<{ p: string }>('SELECT patient_id AS p FROM appointment WHERE id = $1', [booked.appointment.id]))!.p;
    const other = await createSignedIn(t, 'patient', { patientId: otherId });
    expect((await as(t.app, other)('GET', `/api/patients/${patientId}/disclosures`)).statusCode).toBe(404);
    expect((await t.app.inject(`/api/patients/${patientId}/disclosures`)).statusCode).toBe(401);
    expect((await as(t.app, patient)('GET', `/api/patients/${patientId}/disclosures`)).statusCode).toBe(200);
  });
});
