import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../platform/totp.js';
import { bookingBody, demoIds, startTestApp, type TestApp } from '../../testing/test-app.js';
import { cookieOf, createSignedIn, signIn, type SignedIn } from '../../testing/test-users.js';
import { ROLES, type Role } from './engine/policy.js';

/**
 * Issue 3: every API route x every role x (own resource, another patient's, no
 * session) against the expected answer. The expectations are written by hand
 * below; the routes come from the running app, so a route added without a row
 * here fails this test.
 */
type Expect = 'allow' | 'deny';
type Row = Expect | Record<Role, Expect | { own: Expect; other: Expect }>;
const all = (e: Expect): Record<Role, Expect> => Object.fromEntries(ROLES.map((r) => [r, e])) as Record<Role, Expect>;
const only = (...roles: Role[]): Record<Role, Expect> => Object.fromEntries(ROLES.map((r) => [r, roles.includes(r) ? 'allow' : 'deny'])) as Record<Role, Expect>;
const ownOnly = { own: 'allow', other: 'deny' } as const;
const both = { own: 'allow', other: 'allow' } as const;

const EXPECTED: Record<string, Row> = {
  'GET /api/session': all('allow'),
  'POST /api/session/second-factor': all('allow'),
  'POST /api/session/totp/enroll': all('allow'),
  'POST /api/session/totp/confirm': all('allow'),
  'GET /api/session/list': all('allow'),
  'DELETE /api/session/list/:id': all('allow'),
  'DELETE /api/session': all('allow'),
  'POST /api/session/sign-out-everywhere': all('allow'),
  'GET /api/admin/users': only('admin'),
  'POST /api/admin/users/invite': only('admin'),
  'GET /api/admin/audit': only('admin'),
  'POST /api/admin/users/:id/approve': only('admin'),
  'POST /api/admin/users/:id/disable': only('admin'),
  'GET /api/admin/break-glass': only('admin'),
  'POST /api/admin/users/:id/reinvite': only('admin'),
  'POST /api/admin/break-glass/:id/review': only('admin'),
  'POST /api/patients/:patientId/break-glass': only('clinician'),
  'GET /api/admin/audit.csv': only('admin'),
  'GET /api/admin/notices': only('admin'),
  'POST /api/admin/notices/:id/retry': only('admin'),
  'GET /api/admin/demo-mailbox': only('admin'),
  // Issue 11: the clinic's settings are the admin's alone.
  'GET /api/admin/clinic': only('admin'),
  'PUT /api/admin/clinic/organization': only('admin'),
  'PUT /api/admin/clinic/logo': only('admin'),
  'POST /api/admin/clinic/regions': only('admin'),
  'PUT /api/admin/clinic/regions/:id': only('admin'),
  'POST /api/admin/clinic/locations': only('admin'),
  'PUT /api/admin/clinic/locations/:id': only('admin'),
  'POST /api/admin/clinic/locations/:id/rooms': only('admin'),
  'PUT /api/admin/clinic/rooms/:id': only('admin'),
  'POST /api/admin/clinic/holidays': only('admin'),
  'DELETE /api/admin/clinic/holidays/:id': only('admin'),
  'POST /api/admin/clinic/practitioners': only('admin'),
  'PUT /api/admin/clinic/practitioners/:id': only('admin'),
  'POST /api/admin/clinic/visit-types': only('admin'),
  'PUT /api/admin/clinic/visit-types/:id': only('admin'),
  'GET /api/admin/clinic/setup': only('admin'),
  'PUT /api/admin/clinic/online-booking': only('admin'),
  'GET /api/admin/clinic/export': only('admin'),
  'POST /api/admin/clinic/import': only('admin'),
  'GET /api/staff/schedule': only('front_desk', 'nurse', 'clinician'),
  'GET /api/staff/patients': only('front_desk', 'nurse', 'clinician', 'billing', 'admin'),
  'GET /api/staff/live': only('front_desk', 'nurse', 'clinician'),
  'GET /api/staff/availability': only('front_desk', 'nurse', 'clinician'),
  'POST /api/staff/appointments': only('front_desk'),
  'POST /api/staff/appointments/:id/status': only('front_desk'),
  'POST /api/staff/appointments/:id/cancel': only('front_desk'),
  'POST /api/staff/appointments/:id/reschedule': only('front_desk'),
  'POST /api/staff/blocks': only('front_desk'),
  'DELETE /api/staff/blocks/:id': only('front_desk'),
  'GET /api/patients/:patientId/appointments': {
    patient: ownOnly, caregiver: ownOnly, referrer: ownOnly, front_desk: both, nurse: both, clinician: both, billing: both, admin: 'deny',
  },
  'GET /api/patients/:patientId/caregivers': { ...only(), patient: ownOnly },
  'POST /api/patients/:patientId/caregivers': { ...only(), patient: ownOnly },
  'DELETE /api/patients/:patientId/caregivers/:id': { ...only(), patient: ownOnly },
  'POST /api/patients/:patientId/referrals/:id/revoke': { ...only(), patient: ownOnly },
  'GET /api/caregiver/patients': only('caregiver'),
  // Issue 11: the patient's own pages manage their visits without the code; staff and referrers are refused (the desk is theirs).
  'POST /api/patients/:patientId/appointments/:id/cancel': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'POST /api/patients/:patientId/appointments/:id/reschedule': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/patients/:patientId/appointments/:id/availability': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/patients/:patientId/appointments/:id/calendar.ics': { ...only(), patient: ownOnly, caregiver: ownOnly },
  // Issue 12: the calendar feed is the patient's (or a full caregiver's); the waitlist is managed from the patient's pages, the desk sees its offers.
  'GET /api/patients/:patientId/calendar-feed': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'POST /api/patients/:patientId/calendar-feed': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'DELETE /api/patients/:patientId/calendar-feed': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/patients/:patientId/waitlist': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/patients/:patientId/appointments/:id/waitlist': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'POST /api/patients/:patientId/appointments/:id/waitlist': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'DELETE /api/patients/:patientId/appointments/:id/waitlist': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'POST /api/patients/:patientId/appointments/:id/waitlist/accept': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/staff/waitlist': only('front_desk', 'nurse', 'clinician'),
  // Issue 12: the patient's self-service is theirs and their caregivers'; staff book and answer requests at the desk.
  'GET /api/patients/:patientId/home': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/patients/:patientId/visit-types': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/patients/:patientId/availability': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'POST /api/patients/:patientId/appointments': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/patients/:patientId/appointment-requests': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'POST /api/patients/:patientId/appointment-requests': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/staff/appointment-requests': only('front_desk', 'nurse', 'clinician'),
  'POST /api/staff/appointment-requests/:id/decline': only('front_desk'),
  'POST /api/staff/appointment-requests/:id/book': only('front_desk'),
  // The clinician's practitioner sees both patients, but only A's visit was put on the schedule by the clinic (a care relationship).
  'GET /api/patients/:patientId/chart': {
    patient: ownOnly, caregiver: ownOnly, referrer: ownOnly, nurse: both, clinician: ownOnly, front_desk: 'deny', billing: 'deny', admin: 'deny',
  },
  // Issue 12: how a patient hears from the clinic is theirs and their full caregiver's (the matrix's caregiver has full access to A).
  'GET /api/patients/:patientId/notice-preferences': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'PUT /api/patients/:patientId/notice-preferences': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/patients/:patientId/disclosures': {
    patient: ownOnly, admin: both, caregiver: 'deny', referrer: 'deny', front_desk: 'deny', nurse: 'deny', clinician: 'deny', billing: 'deny',
  },
  // Issue 12: secure messages. The patient's side is the patient's and a full caregiver's; staff answer in their inboxes.
  'GET /api/patients/:patientId/threads': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'POST /api/patients/:patientId/threads': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/patients/:patientId/threads/:id': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'POST /api/patients/:patientId/threads/:id/messages': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'POST /api/patients/:patientId/threads/:id/read': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/patients/:patientId/attachments/:id': { ...only(), patient: ownOnly, caregiver: ownOnly },
  'GET /api/staff/inbox': only('front_desk', 'nurse', 'clinician', 'billing'),
  'GET /api/staff/inbox/counts': only('front_desk', 'nurse', 'clinician', 'billing'),
  'GET /api/staff/inbox/assignees': only('front_desk', 'nurse', 'clinician', 'billing'),
  'POST /api/staff/patients/:patientId/threads': { ...only(), front_desk: both, nurse: both, clinician: both, billing: both },
  'GET /api/staff/threads/:id': only('front_desk', 'nurse', 'clinician', 'billing'),
  'POST /api/staff/threads/:id/messages': only('front_desk', 'nurse', 'clinician', 'billing'),
  'POST /api/staff/threads/:id/claim': only('front_desk', 'nurse', 'clinician', 'billing'),
  'POST /api/staff/threads/:id/assign': only('front_desk', 'nurse', 'clinician', 'billing'),
  'POST /api/staff/threads/:id/close': only('front_desk', 'nurse', 'clinician', 'billing'),
  'POST /api/staff/threads/:id/read': only('front_desk', 'nurse', 'clinician', 'billing'),
  'GET /api/staff/attachments/:id': only('front_desk', 'nurse', 'clinician', 'billing'),
  // The socket opens for any full session; each subscription is decided by the messages topic.
  'GET /api/messages/live': all('allow'),
};
const SESSION_ENDING = new Set(['DELETE /api/session', 'POST /api/session/sign-out-everywhere']);

let t: TestApp;
let users: Record<Role, SignedIn>;
let patientA: string;
let patientB: string;
let appointmentId: string;
let spareGrant: string;
let spareReferral: string;
let threadA: string;
let attachmentA: string;

async function freshSession(u: SignedIn): Promise<SignedIn> {
  t.clock.advance(30_000);
  const s = await signIn(t.app, u.email);
  if (s.json().next === 'done') return { ...u, cookie: cookieOf(s), csrf: s.json().csrfToken };
  const h = { cookie: cookieOf(s), 'x-csrf-token': s.json().csrfToken };
  const done = await t.app.inject({ method: 'POST', url: '/api/session/second-factor', headers: h, payload: { code: totp(u.secret!, t.clock.now()) } });
  return { ...u, cookie: cookieOf(done), csrf: done.json().csrfToken };
}

beforeAll(async () => {
  t = await startTestApp();
  const ids = await demoIds(t.app);
  const consult = ids.visitType('new-patient-consult');
  const ortiz = ids.practitioner('Dr. Elena Ortiz');
  const { slots } = (await t.app.inject({ url: '/api/availability', query: { visitType: consult, from: '2026-12-02', to: '2026-12-02', practitioner: ortiz } })).json();
  const a = (await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slots[0], consult) })).json();
  const b = (await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slots.at(-1), consult) })).json();
  appointmentId = a.appointment.id;
  const pid = async (id: string) => (await t.db.one<{ p: string }>('SELECT patient_id AS p FROM appointment WHERE id = $1', [id]))!.p;
  patientA = await pid(a.appointment.id);
  // As if the desk had booked A's visit: the clinic put it on the schedule, so Dr. Ortiz cares for A (not for B, booked online).
  await t.db.query("UPDATE appointment SET booked_via = 'staff' WHERE id = $1", [a.appointment.id]);
  patientB = await pid(b.appointment.id);
  users = {} as Record<Role, SignedIn>;
  for (const role of ROLES) {
    users[role] = await createSignedIn(t, role, {
      ...(role === 'patient' ? { patientId: patientA } : {}),
      ...(role === 'clinician' ? { practitionerId: ortiz } : {}),
      ...(role === 'referrer' ? { npi: '1234567893' } : {}),
    });
  }
  await t.db.query(`INSERT INTO caregiver_grant (organization_id, caregiver_user_id, patient_id, scope) VALUES ($1, $2, $3, 'full')`, [t.organizationId, users.caregiver.userId, patientA]);
  await t.db.query(`INSERT INTO referral (organization_id, referrer_user_id, patient_id, status) VALUES ($1, $2, $3, 'active')`, [t.organizationId, users.referrer.userId, patientA]);
  // What the revoking routes may revoke without touching the access the matrix relies on.
  const spareCaregiver = await t.app.services.identity.createUser({ email: 'spare.caregiver@relief.test', displayName: 'Spare', role: 'caregiver', password: 'a spare caregiver password' });
  spareGrant = (await t.db.one<{ id: string }>(`INSERT INTO caregiver_grant (organization_id, caregiver_user_id, patient_id, scope) VALUES ($1, $2, $3, 'limited') RETURNING id`, [t.organizationId, spareCaregiver, patientA]))!.id;
  spareReferral = (await t.db.one<{ id: string }>(`INSERT INTO referral (organization_id, referrer_user_id, patient_id, status) VALUES ($1, $2, $3, 'active') RETURNING id`, [t.organizationId, users.referrer.userId, patientA]))!.id;
  // Patient A's own thread with an attachment (issue 12): the routes that name one are tried with it.
  const form = new FormData();
  form.append('topic', 'scheduling');
  form.append('subject', 'A question');
  form.append('body', 'Can I come earlier?');
  form.append('files', new Blob([new Uint8Array(PNG)]), 'photo.png');
  const sent = await t.app.inject({ method: 'POST', url: `/api/patients/${patientA}/threads`, headers: { cookie: users.patient.cookie, 'x-csrf-token': users.patient.csrf }, body: form as never });
  if (sent.statusCode !== 201) throw new Error(`thread not started: ${sent.statusCode} ${sent.body}`);
  threadA = sent.json().thread.id;
  attachmentA = sent.json().messages[0].attachments[0].id;
});

/** The smallest PNG: a 1x1 transparent pixel. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
afterAll(async () => t?.close());

function urlFor(route: string, patientId: string): string {
  return route
    .replace(':patientId', patientId)
    .replace(':id', route.includes('/session/list/') ? '0123456789abcdef' : route.includes('/caregivers/') ? spareGrant : route.includes('/referrals/') ? spareReferral
      : route.includes('/threads/') ? threadA : route.includes('/attachments/') ? attachmentA : appointmentId)
    .concat(route.endsWith('/schedule') ? `?location=00000000-0000-4000-8000-000000000000&from=2026-12-01&to=2026-12-01` : route.endsWith('/patients') ? '?q=Test' : '');
}

async function call(who: SignedIn | null, method: string, url: string) {
  return t.app.inject({
    method: method as 'GET',
    url,
    ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
    headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {},
  });
}

describe('authorization matrix', () => {
  it('has an expectation for every non-public route, and only for real routes', () => {
    const routes = t.app.routePolicies.filter((r) => r.policy !== 'public').map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !(r in EXPECTED)), 'routes without a row in EXPECTED').toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !routes.includes(k)), 'rows for routes that do not exist').toEqual([]);
  });

  it('answers every route x role x (own, other, no session) as expected', async () => {
    const failures: string[] = [];
    const routes = t.app.routePolicies.filter((r) => r.policy !== 'public');
    for (const { method, url: route } of routes) {
      const key = `${method} ${route}`;
      const row = EXPECTED[key]!;
      const noSession = await call(null, method, urlFor(route, patientA));
      if (noSession.statusCode !== 401) failures.push(`${key} without a session: ${noSession.statusCode}`);
      for (const role of ROLES) {
        const cell = typeof row === 'string' ? row : row[role];
        const variants: [string, string, Expect][] = typeof cell === 'string'
          ? [['', patientA, cell]]
          : [['own', patientA, cell.own], ['other', patientB, cell.other]];
        for (const [label, patientId, expected] of variants) {
          const res = await call(users[role], method, urlFor(route, patientId));
          const denied = res.statusCode === 401 || res.statusCode === 403 || (route.includes(':patientId') && res.statusCode === 404);
          // A 5xx is a broken route, neither an allow nor a deny (issue 10, item 9).
          if (res.statusCode >= 500) failures.push(`${key} as ${role} ${label}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
          else if (expected === 'allow' && denied) failures.push(`${key} as ${role} ${label}: expected allow, got ${res.statusCode} ${res.body.slice(0, 120)}`);
          else if (expected === 'deny' && !denied) failures.push(`${key} as ${role} ${label}: expected deny, got ${res.statusCode}`);
          if (SESSION_ENDING.has(key) || res.statusCode === 401) users[role] = await freshSession(users[role]);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it("answers another patient's id exactly like an unknown one, with none of their data", async () => {
    const mine = await call(users.patient, 'GET', `/api/patients/${patientA}/appointments`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toHaveLength(1);
    const theirs = await call(users.patient, 'GET', `/api/patients/${patientB}/appointments`);
    const nobody = await call(users.patient, 'GET', '/api/patients/00000000-0000-4000-8000-000000000000/appointments');
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(nobody.body);
    expect(theirs.body).not.toContain(patientB);
  });

  it('records every denial in the audit trail', async () => {
    const denied = await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'denied'`);
    expect(denied!.n).toBeGreaterThan(50);
    const cross = await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'denied' AND patient_id = $1 AND actor_user_id = $2`, [patientB, users.patient.userId]);
    expect(cross!.n).toBeGreaterThan(0);
  });
});
