import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../src/server/db/migrate.js';
import { openPostgres } from '../src/server/db/postgres.js';
import { createAuditService } from '../src/server/modules/audit/index.js';
import { createIdentityService } from '../src/server/modules/identity/index.js';
import { systemClock } from '../src/server/platform/clock.js';
import { runAbba, runGetLoad, type AbbaResult, type Segment } from './abba.js';
import { BOOKING_SHAPE } from './booking-throughput.js';
import { keepAliveAgent, request } from './http-client.js';
import { startServer, type ServerProcess } from './server-process.js';
import { msSince } from './stats.js';
import { buildSyntheticClinic } from './synthetic-clinic.js';

/** The patient's inbox: 30 threads of 10 messages (300 in all); 300 other patients with as many each around them. */
const THREADS = 30;
const PER_THREAD = 10;
const OTHER_PATIENTS = 300;
const FILE_BYTES = 5 * 1024 * 1024;
const PASSWORD = 'a long passphrase for the bench';
const EMAIL = 'bench.messages@example.com';

export interface MessagesBenchResult {
  clients: number;
  threads: number;
  messages: number;
  otherMessages: number;
  /** Inbox and thread reads, alternately: A = through session, policy and audit; B = the same queries on the bare route. */
  read: AbbaResult & { inboxBytes: number; threadBytes: number; auditEvents: { written: number; auditedAnswers: number } };
  /** One 5 MB PDF: a reply uploading it (multipart) and its download, vs an INSERT and a SELECT of the same bytes with the bare driver; one client. */
  attachment: AbbaResult & { fileBytes: number };
}

interface Seeded {
  organizationId: string;
  patientId: string;
  userId: string;
  threadIds: string[];
  otherMessages: number;
}

async function seed(url: string): Promise<Seeded> {
  const db = openPostgres(url, { poolSize: 2, applicationName: 'relief-bench' });
  try {
    await migrate(db);
    const clinic = await buildSyntheticClinic(db, BOOKING_SHAPE);
    const org = clinic.organizationId;
    const patients = await db.query<{ id: string }>(
      `INSERT INTO patient (organization_id, first_name, last_name, date_of_birth, phone, email)
       SELECT $1, 'Bench', 'Writer' || g, DATE '1970-01-01', '(312) 555-0100', 'writer' || g || '@example.com'
       FROM generate_series(0, $2::int) g ORDER BY g RETURNING id`,
      [org, OTHER_PATIENTS],
    );
    const patientId = patients[0]!.id;
    const audit = createAuditService({ db, clock: systemClock, organizationId: org });
    const identity = createIdentityService({
      db, clock: systemClock, organizationId: org, clinicName: () => 'Bench Pain Clinics', publicUrl: 'http://localhost', audit,
      enqueueNotice: async () => undefined, afterCommit: () => undefined,
    });
    const userId = await identity.createUser({ email: EMAIL, displayName: 'Bench Writer', role: 'patient', password: PASSWORD, patientId });
    const staffId = await identity.createUser({ email: 'bench.desk@example.com', displayName: 'Bench Desk', role: 'front_desk', password: PASSWORD });
    // Threads a day apart, each with PER_THREAD messages alternating patient and staff (one internal note in every
    // fifth thread, which the patient's reads leave out in SQL); every thread of every patient alike.
    await db.query(
      `INSERT INTO message_thread (organization_id, patient_id, topic, pool, subject, created_by_user_id, created_at, updated_at, last_public_at, last_public_kind, public_count)
       SELECT $1, p.id, 'scheduling', 'front_desk', 'Question ' || g, CASE WHEN p.id = $2::uuid THEN $3::uuid ELSE $4::uuid END,
              now() - g * interval '1 day', now(), now() - g * interval '1 day' + interval '1 hour', 'staff', 0
       FROM unnest($5::uuid[]) p(id), generate_series(1, $6::int) g`,
      [org, patientId, userId, staffId, patients.map((p) => p.id), THREADS],
    );
    await db.query(
      `INSERT INTO message (organization_id, thread_id, author_user_id, author_kind, internal, body, created_at)
       SELECT $1, th.id, CASE WHEN k % 2 = 1 THEN th.created_by_user_id ELSE $2::uuid END,
              CASE WHEN k % 2 = 1 AND th.created_by_user_id <> $2::uuid THEN 'patient' ELSE 'staff' END,
              k = $3 AND th.subject LIKE '%5', repeat('A message body of a few sentences about a visit. ', 6), th.created_at + k * interval '5 minutes'
       FROM message_thread th, generate_series(1, $3::int) k ORDER BY th.created_at, th.id, k`,
      [org, staffId, PER_THREAD],
    );
    await db.query(
      `UPDATE message_thread th SET public_count = x.n, last_public_seq = x.seq, last_public_at = x.at, last_public_kind = x.kind
       FROM (SELECT DISTINCT ON (thread_id) thread_id, seq, created_at AS at, author_kind AS kind, count(*) OVER (PARTITION BY thread_id) AS n
             FROM message WHERE NOT internal ORDER BY thread_id, seq DESC) x WHERE x.thread_id = th.id`,
    );
    await db.exec('ANALYZE');
    const threadIds = (await db.query<{ id: string }>('SELECT id FROM message_thread WHERE patient_id = $1 ORDER BY created_at', [patientId])).map((r) => r.id);
    return { organizationId: org, patientId, userId, threadIds, otherMessages: OTHER_PATIENTS * THREADS * PER_THREAD };
  } finally {
    await db.close();
  }
}

async function signIn(server: ServerProcess): Promise<{ cookie: string; csrf: string }> {
  const agent = keepAliveAgent(1);
  try {
    const res = await request(agent, `${server.baseUrl}/api/session`, { method: 'POST', body: { email: EMAIL, password: PASSWORD } });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.body}`);
    const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('relief_session='));
    if (!cookie) throw new Error('sign-in answered no session cookie');
    return { cookie: cookie.split(';')[0]!, csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
  } finally {
    agent.destroy();
  }
}

/**
 * A 5 MB PDF whose bytes differ each time (the files platform stores equal
 * bytes once per organization): a counter in a comment, then random bytes as
 * an ASCIIHex stream (hex digits only, never a `/JS` name).
 */
function pdfMaker(): (n: number) => Buffer {
  const head = '%PDF-1.4\n%bench-000000000\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< /Filter /ASCIIHexDecode >>\nstream\n';
  const tail = '>\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  const hexLen = FILE_BYTES - head.length - tail.length;
  const base = Buffer.from(head + randomBytes(Math.ceil(hexLen / 2)).toString('hex').slice(0, hexLen) + tail, 'latin1');
  return (n) => {
    const b = Buffer.from(base);
    b.write(String(n).padStart(9, '0'), head.indexOf('000000000'), 'latin1');
    return b;
  };
}

/** One client doing `op` back to back for `seconds`; an operation's latency is its whole time. */
async function runOps(op: () => Promise<void>, seconds: number): Promise<Segment> {
  const s: Segment = { ok: 0, errors: 0, errorSamples: [], latencies: [], elapsedS: 0 };
  const t0 = process.hrtime.bigint();
  const stopAt = Date.now() + seconds * 1000;
  while (Date.now() < stopAt) {
    const t = process.hrtime.bigint();
    try {
      await op();
      s.ok++;
      s.latencies.push(msSince(t));
    } catch (err) {
      s.errors++;
      if (s.errorSamples.length < 5) s.errorSamples.push((err as Error).message.slice(0, 200));
    }
  }
  s.elapsedS = msSince(t0) / 1000;
  return s;
}

/**
 * Secure messages on PostgreSQL (issue 12): the patient's inbox and thread
 * reads through the real server (session, policy, an audit event per read)
 * against the module's own queries on the bare server, and a 5 MB attachment
 * uploaded and downloaded through the server against the same bytes written
 * and read with the bare `pg` driver. Both sides of each run A B B A.
 */
export async function runMessagesBench(target: { url: string; database: string }, r: { clients: number; seconds: number; warmupSeconds: number }): Promise<MessagesBenchResult> {
  const seeded = await seed(target.url);
  const server = await startServer({ url: target.url });
  const watcher = new pg.Client({ connectionString: target.url, application_name: 'relief-bench' });
  let bare: ServerProcess | undefined;
  try {
    bare = await startServer({ url: target.url }, { entry: 'bench/bare-read-server.ts' });
    await watcher.connect();
    const { cookie, csrf } = await signIn(server);
    const base = `/api/patients/${seeded.patientId}/threads`;
    const paths = seeded.threadIds.flatMap((id) => [base, `${base}/${id}`]);
    const sides = {
      audited: { origin: server.baseUrl, headers: { cookie, 'user-agent': 'relief-bench' }, pid: server.pid },
      bare: { origin: bare.baseUrl, headers: { 'x-bench-reader': seeded.userId, 'user-agent': 'relief-bench' }, pid: bare.pid },
    };
    const agent = keepAliveAgent(r.clients);
    // Both must answer the same JSON (the inbox and a thread) before either is timed.
    let auditedAnswers = 0;
    const sizes: number[] = [];
    for (const path of [base, `${base}/${seeded.threadIds[4]}`]) {
      const a = await request(agent, sides.audited.origin + path, { headers: sides.audited.headers });
      const b = await request(agent, sides.bare.origin + path, { headers: sides.bare.headers });
      if (a.status !== 200 || a.body !== b.body) throw new Error(`${path}: the audited and the bare read answer differently: ${a.status} ${a.body.slice(0, 300)}\n${b.status} ${b.body.slice(0, 300)}`);
      auditedAnswers++;
      sizes.push(a.body.length);
    }
    const inbox = JSON.parse((await request(agent, sides.bare.origin + base, { headers: sides.bare.headers })).body) as { items: { messageCount: number }[] };
    if (inbox.items.length !== THREADS) throw new Error(`expected ${THREADS} threads, got ${inbox.items.length}`);
    const sealAll = async () => {
      const deadline = Date.now() + 30_000;
      while ((await watcher.query<{ n: number }>('SELECT audit_seal($1) AS n', [seeded.organizationId])).rows[0]!.n !== 0) {
        if (Date.now() > deadline) throw new Error('the audit trail is still unsealed after 30 s');
      }
    };
    const load = (side: 'audited' | 'bare') => (seconds: number) => runGetLoad(agent, (i) => sides[side].origin + paths[i % paths.length]!, sides[side].headers, r.clients, seconds);
    for (const side of ['audited', 'bare'] as const) {
      const warm = await load(side)(r.warmupSeconds);
      if (side === 'audited') auditedAnswers += warm.ok;
      if (warm.ok === 0) throw new Error(`no ${side} message read succeeded in the warm-up: ${warm.errorSamples.join(' / ')}\n${server.outputTail()}`);
    }
    await sealAll();
    const read = await runAbba({ a: { pid: server.pid, segment: load('audited'), finish: sealAll }, b: { pid: bare.pid, segment: load('bare') } }, r.seconds, target.database);
    auditedAnswers += read.a.requests;
    agent.destroy();
    const written = (await watcher.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'message.read' AND outcome = 'success'")).rows[0]!.n;
    if (written < auditedAnswers) throw new Error(`the message reads are not audited: ${auditedAnswers} answers, ${written} message.read events`);

    // --- a 5 MB attachment: up and down through the server vs the bare driver
    const pdf = pdfMaker();
    let n = 0;
    const thread = seeded.threadIds[0]!;
    const throughServer = async () => {
      const bytes = pdf(++n);
      const form = new FormData();
      form.append('body', 'The scan you asked for.');
      form.append('files', new Blob([new Uint8Array(bytes)]), 'scan.pdf');
      const up = await fetch(`${server.baseUrl}${base}/${thread}/messages`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
      if (up.status !== 201) throw new Error(`upload → ${up.status}: ${(await up.text()).slice(0, 200)}`);
      const id = ((await up.json()) as { attachments: { id: string }[] }).attachments[0]!.id;
      const down = await fetch(`${server.baseUrl}/api/patients/${seeded.patientId}/attachments/${id}`, { headers: { cookie } });
      const got = Buffer.from(await down.arrayBuffer());
      if (down.status !== 200 || got.length !== bytes.length) throw new Error(`download → ${down.status}, ${got.length} bytes`);
    };
    const driver = new pg.Client({ connectionString: target.url, application_name: 'relief-bench' });
    await driver.connect();
    const throughDriver = async () => {
      const bytes = pdf(++n);
      const sha = createHash('sha256').update(bytes).digest();
      const { rows } = await driver.query<{ id: string }>(
        `INSERT INTO stored_file (organization_id, sha256, media_type, size_bytes, content) VALUES ($1, $2, 'application/pdf', $3, $4) RETURNING id`,
        [seeded.organizationId, sha, bytes.length, bytes],
      );
      const back = await driver.query<{ content: Buffer }>('SELECT content FROM stored_file WHERE id = $1', [rows[0]!.id]);
      if (back.rows[0]!.content.length !== bytes.length) throw new Error('the driver read back other bytes');
    };
    try {
      await runOps(throughServer, r.warmupSeconds);
      await runOps(throughDriver, r.warmupSeconds);
      const attachment = await runAbba({ a: { pid: server.pid, segment: (s) => runOps(throughServer, s) }, b: { pid: server.pid, segment: (s) => runOps(throughDriver, s) } }, r.seconds, target.database);
      return {
        clients: r.clients, threads: THREADS, messages: THREADS * PER_THREAD, otherMessages: seeded.otherMessages,
        read: { ...read, inboxBytes: sizes[0]!, threadBytes: sizes[1]!, auditEvents: { written, auditedAnswers } },
        attachment: { ...attachment, fileBytes: FILE_BYTES },
      };
    } finally {
      await driver.end();
    }
  } finally {
    await watcher.end().catch(() => undefined);
    await bare?.stop();
    await server.stop();
  }
}
