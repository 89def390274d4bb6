import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { instantToLocal } from '../../../shared/time.js';
import { twilioSms } from '../../platform/sms.js';
import { given } from '../../testing/given.js';
import { startTestApp, TEST_NOW, type TestApp } from '../../testing/test-app.js';
import { startTwilioStandIn } from '../../testing/twilio-stand-in.js';

/**
 * Issue 12, item 5: reminders 48 h and 2 h before a visit, by the patient's
 * preferences and quiet hours, through the outbox and Twilio's API (a local
 * stand-in of its wire protocol).
 */
const ZONE = 'America/Chicago';
const HOUR = 3_600_000;
const system = { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: null, requestId: 'reminders-test' };
const account = { sid: `AC${'2'.repeat(32)}`, token: 'reminders-test-token-01' };

let t: TestApp;
let twilio: Awaited<ReturnType<typeof startTwilioStandIn>>;
beforeAll(async () => {
  twilio = await startTwilioStandIn(account);
  t = await startTestApp({ sms: twilioSms({ accountSid: account.sid, authToken: account.token, from: '+15125550199', baseUrl: twilio.baseUrl }) });
});
afterAll(async () => {
  await t?.close();
  await twilio?.close();
});
// Every test starts at the suite's "now" (Mon 2026-11-30 06:00 in Austin); rows of earlier tests are told apart by recipient.
beforeEach(() => t.clock.set(TEST_NOW));

async function setPrefs(patientId: string, channels: Partial<Record<'appointment_reminder' | 'appointment_change', 'email' | 'sms' | 'both'>>, quietHours: { start: string; end: string } | null = null) {
  await t.db.query(
    `INSERT INTO notice_preference (patient_id, organization_id, appointment_reminder, appointment_change, quiet_start, quiet_end)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [patientId, t.organizationId, channels.appointment_reminder ?? 'email', channels.appointment_change ?? 'email', quietHours?.start ?? null, quietHours?.end ?? null],
  );
}

const rowsOf = (appointmentId: string) => t.app.services.notices.listForAppointment(appointmentId);
const reminders = async (appointmentId: string) => (await rowsOf(appointmentId)).filter((n) => n.template === 'appointment.reminder');
const at = (ms: number) => new Date(ms).toISOString();

describe('reminders before a visit', () => {
  it('preferences choose the channels: the change by text only, reminders by email and text', async () => {
    const g = given(t);
    const ana = await g.patient({ firstName: 'Ana', phone: '(512) 555-0142' });
    await setPrefs(ana.id, { appointment_change: 'sms', appointment_reminder: 'both' });
    const visit = await g.visit({ patient: ana, with: 'Dr. Elena Ortiz', on: '2026-12-08' });
    const start = Date.parse(visit.start);
    const rows = await rowsOf(visit.appointmentId);
    expect(rows.filter((n) => n.template === 'appointment.booked').map((n) => [n.channel, n.recipient])).toEqual([['sms', '+15125550142']]);
    const due = (await reminders(visit.appointmentId)).map((n) => [n.channel, at(n.expiresAt!), n.status]);
    expect(due.sort()).toEqual([
      ['email', at(start), 'pending'], ['email', at(start), 'pending'], ['sms', at(start), 'pending'], ['sms', at(start), 'pending'],
    ]);
    const email = (await reminders(visit.appointmentId)).filter((n) => n.channel === 'email').map((n) => n.nextAttemptAt).sort();
    expect(email).toEqual([start - 48 * HOUR, start - 2 * HOUR]);
  });

  it('a patient who chose nothing gets email only, as before issue 12', async () => {
    const g = given(t);
    const ben = await g.patient({ firstName: 'Ben' });
    const visit = await g.visit({ patient: ben, with: 'Dr. Elena Ortiz', on: '2026-12-09' });
    expect(new Set((await rowsOf(visit.appointmentId)).map((n) => n.channel))).toEqual(new Set(['email']));
    expect(await reminders(visit.appointmentId)).toHaveLength(2);
  });

  it('must show: a reminder is not sent for a cancelled visit', async () => {
    const g = given(t);
    const cy = await g.patient({ firstName: 'Cy' });
    await setPrefs(cy.id, { appointment_reminder: 'both' });
    const visit = await g.visit({ patient: cy, with: 'Dr. Elena Ortiz', on: '2026-12-10' });
    expect((await reminders(visit.appointmentId)).every((n) => n.status === 'pending')).toBe(true);
    await t.app.services.scheduling.cancel(visit.appointmentId, { staff: true }, 'Feeling better', system);
    expect((await reminders(visit.appointmentId)).map((n) => n.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect((await reminders(visit.appointmentId)).every((n) => n.lastError === 'not sent: the visit was cancelled')).toBe(true);

    // Past both reminders' times, delivery sends none of them: not by email, not by text.
    const mailsBefore = t.mailer.sent.length;
    const textsBefore = twilio.received.length;
    t.clock.set(Date.parse(visit.start) - HOUR);
    await t.app.services.notices.deliverDue(200);
    expect(t.mailer.sent.slice(mailsBefore).filter((m) => m.to === cy.email && /Reminder/.test(m.subject))).toEqual([]);
    expect(twilio.received.slice(textsBefore).filter((r) => /reminder/.test(r.form.Body ?? ''))).toEqual([]);
    expect((await reminders(visit.appointmentId)).map((n) => n.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });
});

describe('reminders follow the visit', () => {
  it('a reschedule moves the reminders: the old ones are cancelled, new ones fall due before the new time', async () => {
    const g = given(t);
    const dee = await g.patient({ firstName: 'Dee' });
    const visit = await g.visit({ patient: dee, with: 'Dr. Elena Ortiz', on: '2026-12-08' });
    const { slots } = await t.app.services.scheduling.availability({ visitType: (await t.db.one<{ v: string }>('SELECT visit_type_id AS v FROM appointment WHERE id = $1', [visit.appointmentId]))!.v, from: '2026-12-10', to: '2026-12-10', practitioner: visit.practitionerId });
    const moved = await t.app.services.scheduling.reschedule(visit.appointmentId, { staff: true }, { start: slots[0]!.start }, system);
    const newStart = Date.parse(moved.start);
    const rows = await reminders(visit.appointmentId);
    const old = rows.filter((n) => n.expiresAt === Date.parse(visit.start));
    const fresh = rows.filter((n) => n.expiresAt === newStart);
    expect(old.map((n) => [n.status, n.lastError])).toEqual([['cancelled', 'not sent: the visit was moved'], ['cancelled', 'not sent: the visit was moved']]);
    expect(fresh.map((n) => [n.status, n.nextAttemptAt])).toEqual([['pending', newStart - 48 * HOUR], ['pending', newStart - 2 * HOUR]]);

    // The 48-hour reminder of the new time goes out when due, once.
    t.clock.set(newStart - 48 * HOUR);
    await t.app.services.notices.deliverDue(200);
    const sent = t.mailer.sent.filter((m) => m.to === dee.email && m.subject === 'Relief Pain Clinics: Reminder: your appointment');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('(512) 555-0');
    expect(sent[0]!.text).not.toMatch(/back pain|surgery|consult/i);
  });

  it('quiet hours delay a text: the 2-hour reminder of an early visit waits for their end, then reaches Twilio in Spanish', async () => {
    const g = given(t);
    const eva = await g.patient({ firstName: 'Eva', phone: '512.555.0177', preferredLanguage: 'es' });
    // The visit will take the first open morning slot; her own quiet hours end an hour before it (21:00 to then).
    const ortiz = (await t.db.one<{ id: string }>("SELECT id FROM practitioner WHERE name = 'Dr. Elena Ortiz'"))!.id;
    const consult = (await t.db.one<{ id: string }>("SELECT id FROM visit_type WHERE code = 'new-patient-consult'"))!.id;
    const first = (await t.app.services.scheduling.availability({ visitType: consult, from: '2026-12-07', to: '2026-12-07', practitioner: ortiz })).slots[0]!;
    const quietEnd = instantToLocal(Date.parse(first.start) - HOUR, ZONE);
    expect(quietEnd.minutes).toBeGreaterThan(2 * 60);
    await setPrefs(eva.id, { appointment_reminder: 'sms' }, { start: '21:00', end: quietEnd.time });
    const visit = await g.visit({ patient: eva, with: 'Dr. Elena Ortiz', on: '2026-12-07' });
    const start = Date.parse(visit.start);
    expect(start).toBe(Date.parse(first.start));
    const twoBefore = start - 2 * HOUR;
    const nine = start - HOUR; // the end of her quiet hours

    const before = twilio.received.length;
    const mine = () => twilio.received.slice(before).filter((r) => r.form.To === '+15125550177');
    t.clock.set(start - 48 * HOUR);
    await t.app.services.notices.deliverDue(200);
    expect(mine()).toHaveLength(1); // the 48-hour one: two days before, at the visit's hour, outside her quiet hours
    t.clock.set(twoBefore);
    await t.app.services.notices.deliverDue(200);
    expect(mine()).toHaveLength(1); // the 2-hour one is due, but inside her quiet hours: it waits
    const late = (await reminders(visit.appointmentId)).find((n) => n.nextAttemptAt > twoBefore - 1 && n.status === 'pending')!;
    expect(late).toMatchObject({ channel: 'sms', attempts: 0, nextAttemptAt: nine });

    t.clock.set(nine);
    await t.app.services.notices.deliverDue(200);
    const texts = mine();
    expect(texts).toHaveLength(2);
    const form = texts[1]!;
    expect([form.user, form.password]).toEqual([account.sid, account.token]);
    expect(form.form.From).toBe('+15125550199');
    expect(form.form.Body).toMatch(/^Relief Pain Clinics: le recordamos su cita el /);
    expect(form.form.Body).toContain('Responda STOP');
    expect(form.form.Body).not.toMatch(/consult|dolor|Ortiz/i);
    expect((await reminders(visit.appointmentId)).map((n) => n.status)).toEqual(['sent', 'sent']);
  });

  it('a visit checked in, or one that began, is not reminded: delivery cancels what is left', async () => {
    const g = given(t);
    const fay = await g.patient({ firstName: 'Fay' });
    const visit = await g.visit({ patient: fay, with: 'Dr. Elena Ortiz', on: '2026-12-11' });
    await t.db.query("UPDATE appointment SET status = 'checked_in' WHERE id = $1", [visit.appointmentId]);
    t.clock.set(Date.parse(visit.start) - HOUR);
    await t.app.services.notices.deliverDue(200);
    expect((await reminders(visit.appointmentId)).map((n) => n.lastError)).toEqual(['not sent: the visit is no longer booked', 'not sent: the visit is no longer booked']);
    expect(t.mailer.sent.filter((m) => m.to === fay.email && /Reminder/.test(m.subject))).toEqual([]);
  });

  it('Twilio refusing a number marks the text failed at once (no retries), visible on the staff notices list', async () => {
    const g = given(t);
    const gus = await g.patient({ firstName: 'Gus', phone: '(512) 555-0188' });
    await setPrefs(gus.id, { appointment_change: 'sms' });
    twilio.next(400, 21610, 'Attempt to send to unsubscribed recipient');
    const visit = await g.visit({ patient: gus, with: 'Dr. Elena Ortiz', on: '2026-12-09' });
    t.clock.set(Date.parse('2026-11-30T15:00:00Z')); // 09:00 in Austin: outside quiet hours
    await t.app.services.notices.deliverDue(200);
    const change = (await rowsOf(visit.appointmentId)).find((n) => n.template === 'appointment.booked')!;
    expect(change).toMatchObject({ channel: 'sms', status: 'failed', attempts: 1 });
    expect(change.lastError).toMatch(/400 \(error 21610\)/);
    const failed = await t.app.services.notices.listUnsent({ status: 'failed', limit: 200 }, system);
    expect(failed.some((n) => n.id === change.id && n.channel === 'sms')).toBe(true);
  });
});
