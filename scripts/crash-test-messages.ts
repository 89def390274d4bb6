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
import { createHash, randomBytes, randomUUID } from 'node:crypto';
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
import { type CrashDb, openCrashTarget, rng, Server, sleep } from './crash-server.js';

const PASSWORD = 'a long passphrase for the crash test';

export interface MessagesCrashOptions {
  db: CrashDb;
  rounds: number;
  concurrency: number;
  databaseUrl?: string | undefined;
  killMinMs?: number;
  killMaxMs?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface MessagesCrashResult {
  db: CrashDb;
  rounds: number;
  /** Messages answered 201 (new threads and replies), and their attachments. */
  acknowledged: number;
  attachments: number;
  /** Acknowledged messages not found, found more than once, or found with other words or files. */
  missing: number;
  duplicated: number;
  altered: number;
  /** Downloads whose SHA-256 is not that of the bytes sent. */
  corruptedDownloads: number;
  /** Requests in flight at a kill, retried with their key after the restart; how many of those replayed a stored 201. */
  inFlight: number;
  retriedReplayed: number;
  /** Acknowledged keys re-posted after a restart that did not replay the same message. */
  replayMismatches: number;
  /** The patient's messages in the database that no 201 accounts for. */
  unacknowledgedRows: number;
  serverErrors: number;
  otherErrors: number;
  startFailures: number;
  problems: string[];
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

export async function runMessagesCrashTest(opts: MessagesCrashOptions): Promise<MessagesCrashResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const seed = opts.seed ?? randomBytes(4).readUInt32LE(0);
  const rand = rng(seed);
  const killMin = opts.killMinMs ?? 500;
  const killMax = opts.killMaxMs ?? 2500;
  const runId = randomBytes(4).toString('hex');
  const email = `crash-msg-${runId}@example.com`;
  const result: MessagesCrashResult = {
    db: opts.db, rounds: 0, acknowledged: 0, attachments: 0, missing: 0, duplicated: 0, altered: 0, corruptedDownloads: 0, inFlight: 0, retriedReplayed: 0,
    replayMismatches: 0, unacknowledgedRows: 0, serverErrors: 0, otherErrors: 0, startFailures: 0, problems: [], ok: false,
  };
  const problem = (p: string) => {
    result.problems.push(p);
    log(`  PROBLEM: ${p}`);
  };
  const target = await openCrashTarget({ db: opts.db, databaseUrl: opts.databaseUrl, runId, poolSize: opts.concurrency + 2, log: (l) => log(`${l} (messages), seed ${seed}`) });
  const server = new Server(target.env);
  const acked: Acked[] = [];
  let pending: Sent[] = [];
  let seq = 0;
  const lost = { missing: new Set<string>(), duplicated: new Set<string>(), altered: new Set<string>() };

  const record = (m: Sent, body: unknown, round: number) => {
    const msg = messageOf(m.kind, body);
    if (msg.body !== m.fields.body || msg.attachments.length !== m.files.length || msg.attachments.some((a, i) => a.sha256 !== m.files[i]!.sha256)) {
      problem(`201 for ${m.key} does not match its request: ${JSON.stringify(msg).slice(0, 300)}`);
    }
    acked.push({ ...m, messageId: msg.id, threadIdOf: msg.threadId, attachmentIds: msg.attachments.map((a) => a.id), round });
  };
  const classify = (status: number, text: string, what: string) => {
    if (status >= 500) result.serverErrors++;
    else result.otherErrors++;
    problem(`${what} → ${status}: ${text.slice(0, 300)}`);
  };
  const check = async (label: string, s: Session, download: Acked[]) => {
    const v = await verifyApi(server.base, s, target.patientId, acked, download);
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
  const retryPending = async (s: Session, round: number) => {
    for (const m of pending) {
      const res = await postMessage(server.base, s, target.patientId, m);
      const text = await res.text();
      if (res.status === 201) {
        if (res.headers.get('idempotent-replayed') === 'true') result.retriedReplayed++;
        record(m, JSON.parse(text), round);
      } else classify(res.status, text, `retry of in-flight ${m.key}`);
    }
    pending = [];
  };

  try {
    const p0 = Date.now();
    target.patientId = (await preparePatient(target.env, email)).patientId;
    log(`[${opts.db}] messages: the patient and their account in ${Date.now() - p0} ms`);
    for (let round = 1; round <= opts.rounds; round++) {
      const t0 = Date.now();
      try {
        await server.start();
      } catch (err) {
        result.startFailures++;
        problem(`round ${round}: server did not start after the previous kill: ${(err as Error).message}`);
        break;
      }
      const startMs = Date.now() - t0;
      const s = await signIn(server.base, email);
      // Requests the kill hid first (a committed one is in the table already and must replay), then
      // what the kill put at risk: everything through the API, the previous round's files downloaded.
      await retryPending(s, round);
      const v = await check(`after kill ${round - 1}`, s, acked.filter((a) => a.round === round - 1));
      // Acknowledged keys re-posted: the stored answer comes back, nothing is written twice.
      for (const a of acked.filter((x) => x.round === round - 1).slice(0, 2)) {
        const res = await postMessage(server.base, s, target.patientId, a);
        const body = (await res.json().catch(() => null)) as unknown;
        const id = res.status === 201 ? messageOf(a.kind, body).id : undefined;
        if (res.status !== 201 || res.headers.get('idempotent-replayed') !== 'true' || id !== a.messageId) {
          result.replayMismatches++;
          problem(`replay of acknowledged key ${a.key} → ${res.status} ${res.headers.get('idempotent-replayed')} ${id} (expected ${a.messageId})`);
        }
      }

      // --- stream messages until the kill
      let killed = false;
      let acks = 0;
      const inflight = new Map<string, Sent>();
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
      const loop = async () => {
        while (!killed) {
          const m = makeMessage();
          inflight.set(m.key, m);
          let res: Response;
          let text: string;
          try {
            res = await postMessage(server.base, s, target.patientId, m);
            text = await res.text();
          } catch {
            return; // the kill reset the connection: outcome unknown, retried after the restart
          }
          inflight.delete(m.key);
          if (res.status === 201) {
            acks++;
            record(m, JSON.parse(text), round);
          } else classify(res.status, text, `POST ${m.kind} ${m.key}`);
        }
      };
      const streamStart = Date.now();
      const loops = Array.from({ length: opts.concurrency }, () => loop());
      await sleep(rand.int(killMin, killMax));
      await server.kill();
      killed = true;
      const killedAfter = Date.now() - streamStart;
      await Promise.all(loops);
      pending = [...inflight.values()];
      result.inFlight += pending.length;
      result.rounds = round;
      log(
        `round ${String(round).padStart(2)}: start ${startMs} ms, SIGKILL after ${killedAfter} ms; 201 ${acks}, in flight ${pending.length}; checked ${acked.length - acks} acknowledged ` +
          `(missing ${v.missing.length}, twice ${v.duplicated.length}, changed ${v.altered.length}, bad downloads ${v.corrupted.length}); ${Date.now() - t0} ms`,
      );
    }

    // --- final: restart, retry what the last kill hid, check everything (all downloads), stop gracefully
    if (result.startFailures === 0) {
      await server.start();
      const s = await signIn(server.base, email);
      await retryPending(s, opts.rounds + 1);
      await check('final API check', s, acked);
      const code = await server.stop();
      if (code !== 0) problem(`graceful stop (SIGTERM) exited with code ${code}: ${server.output.trim().slice(-500)}`);
    }
    const sql = await target.withQuery((q) => verifySql(q, target.patientId, acked));
    if (sql.missing + sql.duplicated + sql.altered > 0) problem(`final SQL check: missing ${sql.missing}, more than once ${sql.duplicated}, changed ${sql.altered}`);
    if (sql.unacknowledged !== 0) problem(`final SQL check: ${sql.unacknowledged} message(s) in the database were never acknowledged, although every in-flight request was retried with its Idempotency-Key`);
    result.unacknowledgedRows = sql.unacknowledged;
    log(`[${opts.db}] messages, final SQL check: ${sql.rows} messages of the patient, ${acked.length} acknowledged, missing ${sql.missing}, more than once ${sql.duplicated}, changed ${sql.altered}`);
    result.missing = Math.max(lost.missing.size, sql.missing);
    result.duplicated = Math.max(lost.duplicated.size, sql.duplicated);
    result.altered = Math.max(lost.altered.size, sql.altered);
  } catch (err) {
    await sleep(300); // let the server's last log lines arrive
    problem(`aborted: ${(err as Error).stack ?? String(err)}${server.output ? `\nserver output:\n${server.output.trim().slice(-2000)}` : ''}`);
  } finally {
    await server.kill();
    await target.close(result.problems.length === 0);
  }
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
  const which = values.db ?? (url ? 'both' : 'pglite');
  if (!['pglite', 'postgres', 'both'].includes(which)) throw new Error('--db must be pglite, postgres or both');
  if (which !== 'pglite' && !url) throw new Error(`--db ${which} needs DATABASE_URL`);
  const dbs: CrashDb[] = which === 'both' ? ['pglite', 'postgres'] : [which as CrashDb];
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
