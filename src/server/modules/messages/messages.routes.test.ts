import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { given } from '../../testing/given.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { as, createSignedIn, type SignedIn } from '../../testing/test-users.js';

// Issue 12: secure messages, the server side (must show: 404 identical, limited caregiver, refused files, internal notes).

let t: TestApp;
let ana: { id: string };
let ben: { id: string };
let patientAna: SignedIn;
let patientBen: SignedIn;
let fullCare: SignedIn;
let limitedCare: SignedIn;
let desk: SignedIn;
let desk2: SignedIn;
let nurse: SignedIn;
let billing: SignedIn;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const pdf = (body = '') => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog ${body} >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
const ZIP = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(60, 1)]);
const NOTE = 'PLANTED-INTERNAL-NOTE-7f3a: patient seems anxious';

function form(fields: Record<string, string>, files: [Buffer, string][] = []): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [bytes, name] of files) f.append('files', new Blob([new Uint8Array(bytes)]), name);
  return f;
}

function post(who: SignedIn, url: string, body: FormData, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, body: body as never, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...headers } });
}

const count = async (table: string) => (await t.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))!.n;

beforeAll(async () => {
  t = await startTestApp();
  const g = given(t);
  ana = await g.patient({ firstName: 'Ana', preferredLanguage: 'es' });
  ben = await g.patient({ firstName: 'Ben' });
  patientAna = await createSignedIn(t, 'patient', { patientId: ana.id });
  patientBen = await createSignedIn(t, 'patient', { patientId: ben.id });
  fullCare = await createSignedIn(t, 'caregiver');
  limitedCare = await createSignedIn(t, 'caregiver');
  await t.db.query(`INSERT INTO caregiver_grant (organization_id, caregiver_user_id, patient_id, scope) VALUES ($1, $2, $3, 'full'), ($1, $4, $3, 'limited')`, [t.organizationId, fullCare.userId, ana.id, limitedCare.userId]);
  desk = await createSignedIn(t, 'front_desk');
  desk2 = await createSignedIn(t, 'front_desk');
  nurse = await createSignedIn(t, 'nurse');
  billing = await createSignedIn(t, 'billing');
});
afterAll(async () => t?.close());

async function startThread(who: SignedIn = patientAna, patientId = ana.id, files: [Buffer, string][] = []) {
  const res = await post(who, `/api/patients/${patientId}/threads`, form({ topic: 'scheduling', subject: 'Earlier visit?', body: 'Can I come in earlier?' }, files));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { thread: { id: string }; messages: { id: string; attachments: { id: string; sha256: string }[]; author: { kind: string } }[] };
}

describe('the patient side', () => {
  it('starts a thread with a PDF and a photo, stored with their hashes, in the front desk pool', async () => {
    const r = await startThread(patientAna, ana.id, [[pdf(), 'referral.pdf'], [PNG, 'knee.png']]);
    expect(r.messages[0]!.attachments).toHaveLength(2);
    expect(r.messages[0]!.author.kind).toBe('patient');
    const pool = await t.db.one<{ pool: string }>('SELECT pool FROM message_thread WHERE id = $1', [r.thread.id]);
    expect(pool!.pool).toBe('front_desk');
    const dl = await as(t.app, patientAna)('GET', `/api/patients/${ana.id}/attachments/${r.messages[0]!.attachments[1]!.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="knee.png"; filename*=UTF-8''knee.png`);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['cache-control']).toBe('private, no-store');
    expect(dl.rawPayload.equals(PNG)).toBe(true);
  });

  it('shows a full caregiver as a caregiver; a limited caregiver can neither read nor send', async () => {
    const r = await startThread(fullCare, ana.id);
    expect(r.messages[0]!.author.kind).toBe('caregiver');
    expect((await as(t.app, limitedCare)('GET', `/api/patients/${ana.id}/threads`)).statusCode).toBe(404);
    expect((await as(t.app, limitedCare)('GET', `/api/patients/${ana.id}/threads/${r.thread.id}`)).statusCode).toBe(404);
    const before = await count('message');
    expect((await post(limitedCare, `/api/patients/${ana.id}/threads`, form({ topic: 'other', subject: 'Hi', body: 'Hello' }))).statusCode).toBe(404);
    expect((await post(limitedCare, `/api/patients/${ana.id}/threads/${r.thread.id}/messages`, form({ body: 'Hello' }))).statusCode).toBe(404);
    expect(await count('message')).toBe(before);
  });

  it("answers another patient's thread, message and attachment ids exactly as unknown ones", async () => {
    const theirs = await startThread(patientBen, ben.id, [[PNG, 'x.png']]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const api = as(t.app, patientAna);
    for (const [mine, other] of [
      [`/api/patients/${ana.id}/threads/${theirs.thread.id}`, `/api/patients/${ana.id}/threads/${unknown}`],
      [`/api/patients/${ana.id}/attachments/${theirs.messages[0]!.attachments[0]!.id}`, `/api/patients/${ana.id}/attachments/${unknown}`],
      [`/api/patients/${ben.id}/threads/${theirs.thread.id}`, `/api/patients/${unknown}/threads/${theirs.thread.id}`],
    ] as const) {
      const a = await api('GET', mine);
      const b = await api('GET', other);
      expect(a.statusCode).toBe(404);
      expect(b.statusCode).toBe(404);
      expect(a.body).toBe(b.body);
    }
    const reply = await post(patientAna, `/api/patients/${ana.id}/threads/${theirs.thread.id}/messages`, form({ body: 'mine?' }));
    const replyUnknown = await post(patientAna, `/api/patients/${ana.id}/threads/${unknown}/messages`, form({ body: 'mine?' }));
    expect(reply.statusCode).toBe(404);
    expect(reply.body).toBe(replyUnknown.body);
  });

  it('refuses a JSON body with 415', async () => {
    const res = await as(t.app, patientAna)('POST', `/api/patients/${ana.id}/threads`, { topic: 'other', subject: 'x', body: 'y' });
    expect(res.statusCode).toBe(415);
  });

  it('names a missing field', async () => {
    const res = await post(patientAna, `/api/patients/${ana.id}/threads`, form({ topic: 'other', body: 'y' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues[0].field).toBe('subject');
  });

  it('a retry with the same Idempotency-Key answers the first 201, never a second message', async () => {
    const before = await count('message');
    const send = () => post(patientAna, `/api/patients/${ana.id}/threads`, form({ topic: 'billing', subject: 'Bill', body: 'A question' }, [[PNG, 'a.png']]), { 'idempotency-key': 'retry-1' });
    const a = await send();
    const b = await send();
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json()).toEqual(a.json());
    expect(await count('message')).toBe(before + 1);
  });
});

describe('refused files: a 4xx naming the problem, and nothing stored', () => {
  const cases: [string, () => [Buffer, string][], string][] = [
    ['an empty file', () => [[Buffer.alloc(0), 'empty.pdf']], 'file_empty'],
    ['an 11 MB file', () => [[Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]), 'big.png']], 'file_too_large'],
    ['a sixth file', () => Array.from({ length: 6 }, (_, i) => [PNG, `p${i}.png`] as [Buffer, string]), 'too_many_files'],
    ['a zip renamed .pdf', () => [[ZIP, 'scan.pdf']], 'file_type_not_allowed'],
    ['a PNG named .pdf', () => [[PNG, 'x.pdf']], 'file_type_mismatch'],
    ['a PDF with /JavaScript', () => [[pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'), 'form.pdf']], 'file_has_script'],
    ['a PDF with /JS spelled with a #-escape', () => [[pdf('/OpenAction << /S /Java#53cript /J#53 (x) >>'), 'form.pdf']], 'file_has_script'],
    ['a PDF with /JS inside a compressed object stream', () => {
      const hidden = deflateSync(Buffer.from('2 0 << /S /JavaScript /JS (app.alert(1)) >>'));
      return [[Buffer.concat([pdf(), Buffer.from(`3 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${hidden.length} >>\nstream\n`, 'latin1'), hidden, Buffer.from('\nendstream\nendobj\n')]), 'packed.pdf']];
    }, 'file_has_script'],
  ];
  for (const [name, files, reason] of cases) {
    it(`${name}: ${reason}`, async () => {
      const before = { threads: await count('message_thread'), messages: await count('message'), files: await count('stored_file'), attachments: await count('message_attachment') };
      const res = await post(patientAna, `/api/patients/${ana.id}/threads`, form({ topic: 'medical', subject: 'Results', body: 'See attached' }, files()));
      expect(res.statusCode).toBe(422);
      expect(res.json().error.reason).toBe(reason);
      expect(res.json().error.issues[0].field).toMatch(/^files\[\d\]$/);
      expect({ threads: await count('message_thread'), messages: await count('message'), files: await count('stored_file'), attachments: await count('message_attachment') }).toEqual(before);
    });
  }
});

describe('the notice of a new message', () => {
  it('goes by the channel the patient chose for messages: a text with a link and no words of the message', async () => {
    const choices = { appointment_reminder: 'email', appointment_change: 'email', message: 'sms', waitlist_offer: 'email' };
    expect((await as(t.app, patientBen)('PUT', `/api/patients/${ben.id}/notice-preferences`, { channels: choices, quietHours: null })).statusCode).toBe(200);
    const started = await post(desk, `/api/staff/patients/${ben.id}/threads`, form({ topic: 'scheduling', subject: 'Your MRI', body: 'Bring the MRI disc on Tuesday.' }));
    expect(started.statusCode, started.body).toBe(201);
    const threadId = started.json().thread.id;
    const rows = await t.db.query<{ channel: string; body_text: string }>(`SELECT channel, body_text FROM outbox WHERE template = 'message.new' AND subject_id = $1`, [threadId]);
    expect(rows.map((r) => r.channel)).toEqual(['sms']);
    expect(rows[0]!.body_text).toContain(`/my/messages/${threadId}`);
    expect(rows[0]!.body_text).not.toMatch(/MRI|Tuesday/);
  });
});

describe('staff inboxes', () => {
  it('claim, reply (emailed), internal note, assign, close, and a patient message reopens', async () => {
    const { thread } = await startThread();
    const staff = as(t.app, desk);
    // A nurse does not work the front desk pool: the thread is not there for her.
    const hidden = await as(t.app, nurse)('GET', `/api/staff/threads/${thread.id}`);
    const unknown = await as(t.app, nurse)('GET', '/api/staff/threads/00000000-0000-4000-8000-000000000000');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(unknown.body);

    const unassigned = (await staff('GET', '/api/staff/inbox?filter=unassigned')).json();
    expect(unassigned.items.map((i: { id: string }) => i.id)).toContain(thread.id);
    const claimed = await staff('POST', `/api/staff/threads/${thread.id}/claim`);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json().assignee.userId).toBe(desk.userId);
    expect((await staff('GET', '/api/staff/inbox?filter=mine')).json().items.map((i: { id: string }) => i.id)).toContain(thread.id);

    const reply = await post(desk, `/api/staff/threads/${thread.id}/messages`, form({ body: 'Yes, Tuesday at 9.' }, [[pdf(), 'directions.pdf']]));
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json().internal).toBe(false);
    const note = await post(desk, `/api/staff/threads/${thread.id}/messages`, form({ body: NOTE, internal: 'true' }, [[PNG, 'note.png']]));
    expect(note.statusCode).toBe(201);
    // One notice for the reply, none for the note; in Spanish, with no content.
    const outbox = await t.db.query<{ subject: string; body_text: string }>(`SELECT subject, body_text FROM outbox WHERE template = 'message.new' AND subject_id = $1`, [thread.id]);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.body_text).toContain(`/my/messages/${thread.id}`);
    expect(outbox[0]!.body_text).toContain('Tiene un mensaje nuevo');
    expect(outbox[0]!.body_text).not.toContain('Tuesday');

    const waiting = (await staff('GET', '/api/staff/inbox?filter=waiting')).json();
    expect(waiting.items.map((i: { id: string }) => i.id)).toContain(thread.id);

    // Internal notes never reach a patient-facing response.
    const noteAttachment = note.json().attachments[0].id;
    const patientApi = as(t.app, patientAna);
    const bodies = [
      await patientApi('GET', `/api/patients/${ana.id}/threads`),
      await patientApi('GET', `/api/patients/${ana.id}/threads/${thread.id}`),
      await post(patientAna, `/api/patients/${ana.id}/threads/${thread.id}/messages`, form({ body: 'Thanks' })),
      await post(patientAna, `/api/patients/${ana.id}/threads`, form({ topic: 'other', subject: 'Another', body: 'One more' })),
      await patientApi('POST', `/api/patients/${ana.id}/threads/${thread.id}/read`),
      await patientApi('GET', `/api/patients/${ana.id}/attachments/${noteAttachment}`),
    ];
    for (const b of bodies) expect(b.body).not.toContain('PLANTED-INTERNAL-NOTE');
    expect(bodies[5]!.statusCode).toBe(404);
    const patientThread = bodies[1]!.json();
    expect(patientThread.messages).toHaveLength(2);
    expect(JSON.stringify(patientThread)).not.toContain(noteAttachment);
    expect(patientThread.messages[1]).not.toHaveProperty('internal');

    // Hand it to billing's pool, then to a person who does not work there (refused), then close; the patient reopens.
    expect((await staff('POST', `/api/staff/threads/${thread.id}/assign`, { userId: nurse.userId })).json().error.reason).toBe('assignee_not_allowed');
    const toBilling = await staff('POST', `/api/staff/threads/${thread.id}/assign`, { pool: 'billing' });
    expect(toBilling.json()).toMatchObject({ pool: 'billing', assignee: null });
    const byBilling = as(t.app, billing);
    expect((await byBilling('POST', `/api/staff/threads/${thread.id}/assign`, { userId: billing.userId })).json().assignee.userId).toBe(billing.userId);
    expect((await staff('GET', `/api/staff/threads/${thread.id}`)).statusCode).toBe(404);
    const closed = await byBilling('POST', `/api/staff/threads/${thread.id}/close`);
    expect(closed.json().status).toBe('closed');
    expect((await byBilling('GET', '/api/staff/inbox?filter=closed')).json().items.map((i: { id: string }) => i.id)).toContain(thread.id);
    await post(patientAna, `/api/patients/${ana.id}/threads/${thread.id}/messages`, form({ body: 'One more thing' }));
    expect((await byBilling('GET', `/api/staff/threads/${thread.id}`)).json().thread.status).toBe('open');

    // Every action audited with the patient named.
    const actions = await t.db.query<{ action: string }>(`SELECT DISTINCT action FROM audit_event WHERE patient_id = $1 AND outcome = 'success'`, [ana.id]);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['message.send', 'message.read', 'message.download', 'message.claim', 'message.assign', 'message.close', 'message.note', 'inbox.read']));
  });

  it('counts unread on both sides, per reader, and clears them when read', async () => {
    const { thread } = await startThread();
    const counts = async (who: SignedIn) => (await as(t.app, who)('GET', '/api/staff/inbox/counts')).json();
    const before = await counts(desk2);
    expect(before.pools).toEqual([expect.objectContaining({ pool: 'front_desk' })]);
    expect(before.pools[0].unread).toBeGreaterThan(0);
    await as(t.app, desk2)('POST', `/api/staff/threads/${thread.id}/read`);
    expect((await counts(desk2)).pools[0].unread).toBe(before.pools[0].unread - 1);
    // Another front desk reader still has it unread.
    expect((await counts(desk)).pools[0].unread).toBeGreaterThan(0);

    const unreadFor = async () => (await as(t.app, patientAna)('GET', `/api/patients/${ana.id}/threads`)).json().items.find((i: { id: string }) => i.id === thread.id).unread;
    expect(await unreadFor()).toBe(0);
    await post(desk2, `/api/staff/threads/${thread.id}/messages`, form({ body: 'One' }));
    await post(desk2, `/api/staff/threads/${thread.id}/messages`, form({ body: 'Note', internal: 'true' }));
    await post(desk2, `/api/staff/threads/${thread.id}/messages`, form({ body: 'Two' }));
    expect(await unreadFor()).toBe(2);
    await as(t.app, patientAna)('POST', `/api/patients/${ana.id}/threads/${thread.id}/read`);
    expect(await unreadFor()).toBe(0);
  });

  it('pages the inbox with a cursor', async () => {
    for (let i = 0; i < 27; i++) await startThread();
    const staff = as(t.app, desk);
    const first = (await staff('GET', '/api/staff/inbox?filter=open&pool=front_desk')).json();
    expect(first.items).toHaveLength(25);
    const second = (await staff('GET', `/api/staff/inbox?filter=open&pool=front_desk&cursor=${encodeURIComponent(first.next)}`)).json();
    const ids = new Set([...first.items, ...second.items].map((i: { id: string }) => i.id));
    expect(ids.size).toBe(first.items.length + second.items.length);
    expect((await staff('GET', '/api/staff/inbox?cursor=nonsense')).statusCode).toBe(422);
  });

  it('staff start a thread with a patient, beside their next visit', async () => {
    await given(t).visit({ patient: ana, with: 'Dr. Elena Ortiz', on: '2026-12-08' });
    const res = await post(nurse, `/api/staff/patients/${ana.id}/threads`, form({ topic: 'medical', subject: 'Your results', body: 'Please call us.' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().thread.assignee.userId).toBe(nurse.userId);
    expect(res.json().nextVisit).toMatchObject({ timeZone: 'America/Chicago' });
    const unknown = await post(nurse, '/api/staff/patients/00000000-0000-4000-8000-000000000000/threads', form({ topic: 'medical', subject: 'x', body: 'y' }));
    expect(unknown.statusCode).toBe(404);
  });
});
