/**
 * Crash test of secure messages (issue 12, "Nothing confirmed is lost"): a
 * signed-in patient streams messages, each with a small PDF and a PNG (random
 * bytes inside valid files, their SHA-256 known before sending), through the
 * HTTP API, some starting threads and some answering threads already
 * acknowledged, every POST with its own Idempotency-Key, while the server is
 * SIGKILLed at random moments and restarted. Requests whose answer the kill
 * hid are retried with the same key and body after the restart, as a client
 * would. Then every message answered 201 must be there exactly once, with
 * its attachments byte-identical (SHA-256 of what the download route
 * returns), through the API after every restart and through SQL at the end;
 * and no message of the patient that no 201 accounts for.
 *
 * Run by `npm run crash-test` after the booking rounds (scripts/crash-test.ts),
 * or alone: `tsx scripts/crash-test-messages.ts [--db pglite|postgres|both] [--rounds N]`.
 */
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrate } from '../src/server/db/migrate.js';
import { openDb } from '../src/server/db/open.js';
import { createAuditService } from '../src/server/modules/audit/index.js';
import { openOrganization } from '../src/server/modules/clinic/index.js';
import { createIdentityService } from '../src/server/modules/identity/index.js';
import { systemClock } from '../src/server/platform/clock.js';
import { randomPdf, randomPng, type TestFile } from './crash-files.js';
import { CrashHarness, crashDbs, crashSeed, emptyTally, type CrashOptions, type CrashTally } from './crash-harness.js';
import { openCrashTarget, Server } from './crash-server.js';

const PASSWORD = 'a long passphrase for the crash test';

export interface MessagesCrashResult extends CrashTally {
  /** Messages answered 201 (new threads and replies), and their attachments. */
  acknowledged: number;
  attachments: number;
  /** Acknowledged messages not found, found more than once, or found with other words or files. */
  missing: number;
  duplicated: number;
  altered: number;
  /** Downloads whose SHA-256 is not that of the bytes sent. */
  corruptedDownloads: number;
  /** The patient's messages in the database that no 201 accounts for. */
  unacknowledgedRows: number;
  ok: boolean;
}

interface Sent {
  key: string;
  kind: 'start' | 'reply';
  /** The thread a reply answers. */
  threadId?: string;
  fields: Record<string, string>;
  files: TestFile[];
}

interface Acked extends Sent {
  messageId: string;
  threadIdOf: string;
  attachmentIds: string[];
  round: number;
}

interface ApiMessage {
  id: string;
  threadId: string;
  body: string;
  attachments: { id: string; sha256: string; sizeBytes: number }[];
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The patient the stream writes as: a record and an account, made in-process before the first start (as `npm run admin` makes accounts). */
async function preparePatient(env: NodeJS.ProcessEnv, email: string): Promise<{ patientId: string }> {
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.RELIEF_DATA_DIR ?? '', poolSize: 2 });
  try {
    await migrate(db);
    const org = await openOrganization(db, 'demo');
    const row = await db.one<{ id: string }>(
      `INSERT INTO patient (organization_id, first_name, last_name, date_of_birth, phone, email, preferred_language)
       VALUES ($1, 'Crash', 'Messages', DATE '1971-03-04', '(512) 555-0101', $2, 'es') RETURNING id`,
      [org.id, email],
    );
    const audit = createAuditService({ db, clock: systemClock, organizationId: org.id });
    const identity = createIdentityService({
      db, clock: systemClock, organizationId: org.id, clinicName: () => org.name, publicUrl: 'http://localhost', audit,
      enqueueNotice: async () => undefined, afterCommit: () => undefined,
    });
    await identity.createUser({ email, displayName: 'Crash Messages', role: 'patient', password: PASSWORD, patientId: row!.id });
    return { patientId: row!.id };
  } finally {
    await db.close();
  }
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, email: string): Promise<Session> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }), signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sign-in → ${res.status}: ${text.slice(0, 300)}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('relief_session='));
  if (!cookie) throw new Error('sign-in answered no session cookie');
  return { cookie: cookie.split(';')[0]!, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}

function postMessage(base: string, s: Session, patientId: string, m: Sent): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(m.fields)) form.append(k, v);
  for (const f of m.files) form.append('files', new Blob([new Uint8Array(f.bytes)]), f.name);
  const url = m.kind === 'start' ? `${base}/api/patients/${patientId}/threads` : `${base}/api/patients/${patientId}/threads/${m.threadId}/messages`;
  return fetch(url, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': m.key }, body: form, signal: AbortSignal.timeout(30_000) });
}

/** The message a 201 answers: a new thread's first message, or the reply itself. */
const messageOf = (kind: Sent['kind'], body: unknown): ApiMessage =>
  kind === 'start' ? (body as { messages: ApiMessage[] }).messages[0]! : (body as ApiMessage);

async function getJson<T>(url: string, s: Session): Promise<T> {
  const res = await fetch(url, { headers: { cookie: s.cookie }, signal: AbortSignal.timeout(15_000) });
  if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/**
 * Through the API: every thread of the patient and its messages; each acknowledged
 * message exactly once with its words and files; each of its attachments
 * downloaded and hashed. Returns the problems found.
 */
async function verifyApi(base: string, s: Session, patientId: string, acked: Acked[], download: Acked[]) {
  const inbox = await getJson<{ items: { id: string }[] }>(`${base}/api/patients/${patientId}/threads`, s);
  const seen = new Map<string, ApiMessage[]>();
  for (const th of inbox.items) {
    const t = await getJson<{ messages: ApiMessage[] }>(`${base}/api/patients/${patientId}/threads/${th.id}`, s);
    for (const m of t.messages) seen.set(m.body, [...(seen.get(m.body) ?? []), m]);
  }
  const out = { missing: [] as Acked[], duplicated: [] as Acked[], altered: [] as Acked[], corrupted: [] as string[], unacknowledged: 0 };
  for (const a of acked) {
    const found = seen.get(a.fields.body!) ?? [];
    if (found.length === 0) out.missing.push(a);
    else if (found.length > 1) out.duplicated.push(a);
    else {
      const m = found[0]!;
      const same = m.id === a.messageId && m.threadId === a.threadIdOf && m.attachments.length === a.files.length &&
        m.attachments.every((x, i) => x.id === a.attachmentIds[i] && x.sha256 === a.files[i]!.sha256);
      if (!same) out.altered.push(a);
    }
  }
  const ackedBodies = new Set(acked.map((a) => a.fields.body!));
  for (const body of seen.keys()) if (!ackedBodies.has(body)) out.unacknowledged += seen.get(body)!.length;
  for (const a of download) {
    for (const [i, id] of a.attachmentIds.entries()) {
      const res = await fetch(`${base}/api/patients/${patientId}/attachments/${id}`, { headers: { cookie: s.cookie }, signal: AbortSignal.timeout(15_000) });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 || sha256(bytes) !== a.files[i]!.sha256) out.corrupted.push(`${a.files[i]!.name} of message ${a.messageId} → ${res.status}, sha256 ${sha256(bytes)} (sent ${a.files[i]!.sha256})`);
    }
  }
  return out;
}

/** Through SQL: each acknowledged message once, its attachments' stored hashes, and no other message of the patient. */
async function verifySql(query: <T>(sql: string, params?: unknown[]) => Promise<T[]>, patientId: string, acked: Acked[]) {
  const rows = await query<{ id: string; body: string; hashes: string[] | null }>(
    `SELECT m.id::text AS id, m.body,
            (SELECT array_agg(encode(f.sha256, 'hex') ORDER BY a.position) FROM message_attachment a JOIN stored_file f ON f.id = a.file_id WHERE a.message_id = m.id) AS hashes
       FROM message m JOIN message_thread th ON th.id = m.thread_id WHERE th.patient_id = $1`,
    [patientId],
  );
  const byBody = new Map<string, typeof rows>();
  for (const r of rows) byBody.set(r.body, [...(byBody.get(r.body) ?? []), r]);
  let missing = 0;
  let duplicated = 0;
  let altered = 0;
  for (const a of acked) {
    const found = byBody.get(a.fields.body!) ?? [];
    if (found.length === 0) missing++;
    else if (found.length > 1) duplicated++;
    else if (found[0]!.id !== a.messageId || JSON.stringify(found[0]!.hashes ?? []) !== JSON.stringify(a.files.map((f) => f.sha256))) altered++;
  }
  return { rows: rows.length, missing, duplicated, altered, unacknowledged: rows.length - (acked.length - missing) - duplicated };
}

export async function runMessagesCrashTest(opts: CrashOptions): Promise<MessagesCrashResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const { seed, rand, runId } = crashSeed(opts.seed);
  const email = `crash-msg-${runId}@example.com`;
  const result: MessagesCrashResult = {
    ...emptyTally(opts.db), acknowledged: 0, attachments: 0, missing: 0, duplicated: 0, altered: 0, corruptedDownloads: 0, unacknowledgedRows: 0, ok: false,
  };
  const target = await openCrashTarget({ db: opts.db, databaseUrl: opts.databaseUrl, runId, poolSize: opts.concurrency + 2, log: (l) => log(`${l} (messages), seed ${seed}`) });
  const server = new Server(target.env);
  const acked: Acked[] = [];
  let seq = 0;
  /** The patient's session on the running server: signed in again after every restart. */
  let session: Session = { cookie: '', csrf: '' };
  const lost = { missing: new Set<string>(), duplicated: new Set<string>(), altered: new Set<string>() };

  const record = (m: Sent, body: unknown, round: number) => {
    const msg = messageOf(m.kind, body);
    if (msg.body !== m.fields.body || msg.attachments.length !== m.files.length || msg.attachments.some((a, i) => a.sha256 !== m.files[i]!.sha256)) {
      problem(`201 for ${m.key} does not match its request: ${JSON.stringify(msg).slice(0, 300)}`);
    }
    acked.push({ ...m, messageId: msg.id, threadIdOf: msg.threadId, attachmentIds: msg.attachments.map((a) => a.id), round });
  };
  const h = new CrashHarness<Sent>(result, {
    send: (m) => postMessage(server.base, session, target.patientId, m),
    acknowledged: record,
    refused: (status, text, what) => h.unexpected(status, text, what),
  }, log);
  const problem = (p: string) => h.problem(p);
  const check = async (label: string, download: Acked[]) => {
    const v = await verifyApi(server.base, session, target.patientId, acked, download);
    for (const a of v.missing) if (!lost.missing.has(a.key)) problem(`${label}: acknowledged message ${a.messageId} (round ${a.round}, key ${a.key}) is missing`);
    for (const a of v.duplicated) if (!lost.duplicated.has(a.key)) problem(`${label}: acknowledged message ${a.messageId} (key ${a.key}) is there more than once`);
    for (const a of v.altered) if (!lost.altered.has(a.key)) problem(`${label}: acknowledged message ${a.messageId} (key ${a.key}) changed`);
    for (const c of v.corrupted) problem(`${label}: download ${c}`);
    v.missing.forEach((a) => lost.missing.add(a.key));
    v.duplicated.forEach((a) => lost.duplicated.add(a.key));
    v.altered.forEach((a) => lost.altered.add(a.key));
    result.corruptedDownloads += v.corrupted.length;
    if (v.unacknowledged > 0) problem(`${label}: ${v.unacknowledged} message(s) of the patient that no 201 accounts for`);
    return v;
  };
  let checked: Awaited<ReturnType<typeof check>> | undefined;

  await h.run({
    server, target, rand, rounds: opts.rounds, concurrency: opts.concurrency, killMinMs: opts.killMinMs ?? 500, killMaxMs: opts.killMaxMs ?? 2500,

    async prepare() {
      const p0 = Date.now();
      target.patientId = (await preparePatient(target.env, email)).patientId;
      log(`[${opts.db}] messages: the patient and their account in ${Date.now() - p0} ms`);
    },

    async afterStart(round) {
      session = await signIn(server.base, email);
      // Requests the kill hid first (a committed one is in the table already and must replay), then
      // what the kill put at risk: everything through the API, the previous round's files downloaded.
      await h.retryPending(round);
      checked = await check(`after kill ${round - 1}`, acked.filter((a) => a.round === round - 1));
      // Acknowledged keys re-posted: the stored answer comes back, nothing is written twice.
      for (const a of acked.filter((x) => x.round === round - 1).slice(0, 2)) await h.checkReplay(a, a.messageId, (body) => messageOf(a.kind, body).id);
    },

    async stream(round) {
      let acks = 0;
      const makeMessage = (): Sent => {
        seq++;
        const threads = [...new Set(acked.map((a) => a.threadIdOf))];
        const files = [randomPdf(rand.int(1024, 6144), `scan-${seq}.pdf`), randomPng(rand.int(8, 40), `photo-${seq}.png`)];
        const body = `crash message ${runId}-${seq}`;
        if (threads.length > 0 && rand.next() < 0.6) {
          return { key: `crash-msg-${randomUUID()}`, kind: 'reply', threadId: threads[rand.int(0, threads.length - 1)]!, fields: { body }, files };
        }
        return { key: `crash-msg-${randomUUID()}`, kind: 'start', fields: { topic: 'scheduling', subject: `Crash ${runId} ${seq}`, body }, files };
      };
      return {
        async loop(killed) {
          while (!killed()) {
            const m = makeMessage();
            const status = await h.attempt(m, `POST ${m.kind} ${m.key}`, round);
            if (status === undefined) return; // the kill reset the connection: outcome unknown, retried after the restart
            if (status === 201) acks++;
          }
        },
        describe: (inFlight) =>
          `201 ${acks}, in flight ${inFlight}; checked ${acked.length - acks} acknowledged ` +
          `(missing ${checked!.missing.length}, twice ${checked!.duplicated.length}, changed ${checked!.altered.length}, bad downloads ${checked!.corrupted.length})`,
      };
    },

    async final(round) {
      // Everything checked this time, every file downloaded.
      session = await signIn(server.base, email);
      await h.retryPending(round);
      await check('final API check', acked);
    },

    async checkSql(query) {
      const sql = await verifySql(query, target.patientId, acked);
      if (sql.missing + sql.duplicated + sql.altered > 0) problem(`final SQL check: missing ${sql.missing}, more than once ${sql.duplicated}, changed ${sql.altered}`);
      if (sql.unacknowledged !== 0) problem(`final SQL check: ${sql.unacknowledged} message(s) in the database were never acknowledged, although every in-flight request was retried with its Idempotency-Key`);
      result.unacknowledgedRows = sql.unacknowledged;
      log(`[${opts.db}] messages, final SQL check: ${sql.rows} messages of the patient, ${acked.length} acknowledged, missing ${sql.missing}, more than once ${sql.duplicated}, changed ${sql.altered}`);
      result.missing = Math.max(lost.missing.size, sql.missing);
      result.duplicated = Math.max(lost.duplicated.size, sql.duplicated);
      result.altered = Math.max(lost.altered.size, sql.altered);
    },
  });
  result.acknowledged = acked.length;
  result.attachments = acked.reduce((n, a) => n + a.files.length, 0);
  result.ok = result.problems.length === 0 && result.rounds === opts.rounds && result.acknowledged > 0 && result.startFailures === 0;
  return result;
}

export function formatMessagesSummary(r: MessagesCrashResult): string {
  return (
    `[${r.db}] messages ${r.ok ? 'PASS' : 'FAIL'}: rounds ${r.rounds}, acknowledged ${r.acknowledged} with ${r.attachments} attachments, missing ${r.missing}, ` +
    `more than once ${r.duplicated}, changed ${r.altered}, bad downloads ${r.corruptedDownloads}, in flight at kill ${r.inFlight} (retries replayed ${r.retriedReplayed}), ` +
    `replay mismatches ${r.replayMismatches}, unacknowledged rows ${r.unacknowledgedRows}, 5xx ${r.serverErrors}, other 4xx ${r.otherErrors}, failed restarts ${r.startFailures}`
  );
}

async function cli(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, rounds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '4' }, seed: { type: 'string' } },
    strict: true,
  });
  const url = process.env.DATABASE_URL;
  const dbs = crashDbs(values.db, url);
  const results: MessagesCrashResult[] = [];
  for (const db of dbs) {
    results.push(await runMessagesCrashTest({
      db, rounds: Number.parseInt(values.rounds, 10), concurrency: Number.parseInt(values.concurrency, 10), databaseUrl: url, ...(values.seed ? { seed: Number(values.seed) } : {}),
    }));
  }
  for (const r of results) console.log(formatMessagesSummary(r));
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli().catch((err) => {
    console.error((err as Error).message);
    process.exitCode = 2;
  });
}
