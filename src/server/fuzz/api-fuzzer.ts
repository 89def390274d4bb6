import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { bookingBody, startTestApp, TEST_NOW, type TestApp } from '../testing/test-app.js';
import { PASSWORD } from '../testing/test-users.js';
import { checkAnswer, summarise, type Failure, type FuzzReport } from './answer-checks.js';
import { caseArbitrary, operationsOf, resolverOf, sweepCases, type FuzzCase, type Operation } from './openapi-cases.js';
import { authHeaders, createPersonas, PERSONA_KINDS, staffRolesFor, sweepPersona, type PersonaKind, type Personas } from './personas.js';
import type { ArbitraryContext } from './schema-arbitrary.js';
import { ValuePool } from './value-pool.js';
import { createWriteWatch } from './write-watch.js';

export interface RunOptions {
  /** The base seed; each operation and persona gets its own seed derived from it and from their names. */
  seed: number;
  /** Requests per operation and persona. */
  runsPerPair: number;
  /** Only operations whose key contains this (`POST /api/appointments`). */
  only?: string;
  /** Progress lines (the CLI prints them; the test does not). */
  progress?: (line: string) => void;
  /** Sends only the request fast-check generated at `path` for one operation and persona (`POST /api/appointments as patient`). */
  replay?: { pair: string; seed: number; path: string };
  /** Also send each free-text or date field once with NUL, a lone surrogate and (for dates) impossible and far values. Default true. */
  sweep?: boolean;
}

/** An answer slower than this is a failure ("no answer"): a hung request is as bad as a 500. */
const REQUEST_TIMEOUT_MS = 15_000;

/** A stable 31-bit seed for one operation and persona (FNV-1a of its name), so adding a route does not change the others' requests. */
export function pairSeed(base: number, key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h ^ base) & 0x7fffffff;
}

/** Errors the app logged, by request id; those with no request (a background job's) on their own. */
function captureLog() {
  const byRequest = new Map<string, string>();
  const background: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        try {
          const e = JSON.parse(line) as { level: number; reqId?: string; msg?: string; err?: { message?: string; code?: string } };
          if (e.level < 50) continue;
          const text = [e.err?.code, e.err?.message?.split('\n')[0] ?? e.msg].filter(Boolean).join(' ');
          if (e.reqId) byRequest.set(e.reqId, text);
          else background.push(text);
        } catch {
          background.push(line.slice(0, 300));
        }
      }
      done();
    },
  });
  return { stream, byRequest, background };
}

/** The last segment of a URL's path that is not an id: `blocks` for /api/staff/blocks/1b2c.... */
function scopeOf(url: string): string {
  const segments = url.split('?')[0]!.split('/').filter(Boolean);
  return [...segments].reverse().find((s) => !/\d/.test(s)) ?? '';
}

/** The demo clinic plus one booked appointment, a block and signed-in users, and the values they gave out. */
async function seedWorld(t: TestApp, pool: ValuePool): Promise<Personas> {
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ url, headers });
    if (res.statusCode < 300) pool.harvest(res.json(), scopeOf(url));
    return res;
  };
  await get('/api/locations');
  await get('/api/practitioners');
  const types = (await get('/api/visit-types')).json().items as { id: string; bookableOnline: boolean }[];
  const online = types.find((v) => v.bookableOnline)!;
  const day = new Date(Date.parse(TEST_NOW) + 3 * 86_400_000).toISOString().slice(0, 10);
  const slots = (await get(`/api/availability?visitType=${online.id}&from=${day}&to=${day}`)).json().slots as { start: string; practitionerId: string; locationId: string }[];
  const booked = await t.app.inject({ method: 'POST', url: '/api/appointments', payload: bookingBody(slots[0]!, online.id), headers: { 'idempotency-key': 'fuzz-seed-booking' } });
  if (booked.statusCode !== 201) throw new Error(`seeding the fuzz world: booking answered ${booked.statusCode} ${booked.body}`);
  pool.harvest(booked.json(), 'appointments');
  const { patient_id: patientId } = (await t.db.one<{ patient_id: string }>('SELECT patient_id FROM appointment WHERE id = $1', [booked.json().appointment.id]))!;
  pool.add('patientId', patientId);
  pool.add('$uuid', patientId);
  const personas = await createPersonas(t, { patientId, practitionerId: slots[0]!.practitionerId });
  const as = (role: Parameters<Personas['get']>[0]) => ({ cookie: personas.get(role).cookie, 'x-csrf-token': personas.get(role).csrf });
  const block = await t.app.inject({ method: 'POST', url: '/api/staff/blocks', headers: as('front_desk'), payload: { practitionerId: slots[0]!.practitionerId, start: '2026-12-20T15:00:00Z', end: '2026-12-20T16:00:00Z', reason: 'Fuzz seed block' } });
  if (block.statusCode < 300) pool.harvest(block.json(), 'blocks');
  await get('/api/admin/users', as('admin'));
  await get(`/api/staff/schedule?location=${slots[0]!.locationId}&from=${day}&to=${day}`, as('front_desk'));
  await get('/api/session/list', as('patient'));
  for (const u of personas.all()) pool.add('email', u.email);
  // Their password too: now and then a generated sign-in is a right one, and reaches past the refusal.
  pool.add('password', PASSWORD);
  pool.keep();
  return personas;
}

/**
 * The API fuzzer: reads the server's own OpenAPI document and, for every
 * operation, sends generated requests as anonymous, as a patient and as staff
 * through `app.inject`, checking each answer (answer-checks.ts).
 */
export async function startApiFuzzer() {
  const log = captureLog();
  const t = await startTestApp({ logger: { level: 'error', stream: log.stream } });
  const pool = new ValuePool();
  const personas = await seedWorld(t, pool);
  const doc = (await t.app.inject('/api/docs/json')).json();
  const operations = operationsOf(doc, t.app.routePolicies);
  const ctx: ArbitraryContext = { pool, now: Date.parse(TEST_NOW), resolve: resolverOf(doc) };
  const watch = await createWriteWatch(t.db);
  // The patient asks about their own record first (it is the same patient when the persona is recreated).
  const ownRecord: ArbitraryContext = { ...ctx, prefer: { patientId: [personas.get('patient').patientId!] } };

  async function run(opts: RunOptions): Promise<FuzzReport> {
    const started = performance.now();
    const failures = new Map<string, Failure>();
    const statuses = new Map<number, number>();
    const unsendable: string[] = [];
    let requests = 0;
    const pairTimes: [string, number][] = [];
    const succeeded = new Set<string>();

    /** Sends what `arb` generates as one persona: `runs` requests, or the one at `replayPath` when replaying. */
    async function runPair(p: { pair: string; op: Operation; kind: PersonaKind; cases: fc.Arbitrary<FuzzCase>; seed: number; runs: number; replayPath?: string | undefined }): Promise<void> {
      const { pair, op, kind, cases, seed, runs, replayPath } = p;
      const arb = fc.record({ c: cases, role: fc.constantFrom(...staffRolesFor(op.policy)) });
      let path = replayPath === undefined ? 0 : Number(replayPath);
      const pairStarted = performance.now();
      await fc.assert(fc.asyncProperty(arb, async ({ c, role }) => {
        const replay = { pair, seed, path: String(path++) };
        const who = kind === 'anonymous' ? null : personas.get(kind === 'patient' ? 'patient' : role);
        const outcome = await send(op, c, who);
        requests++;
        if (outcome.unsendable) {
          unsendable.push(`${c.method} ${c.url.slice(0, 80)}: ${outcome.unsendable}`);
          return;
        }
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        if (outcome.status < 300) succeeded.add(op.key);
        for (const f of outcome.failures) {
          const as = kind === 'staff' ? `staff (${who!.role})` : kind;
          const found = failures.get(f.signature);
          const size = c.url.length + (c.body?.payload.length ?? 0);
          const inputs = found?.inputs ?? new Map<string, number>();
          inputs.set(c.input, (inputs.get(c.input) ?? 0) + 1);
          if (found) found.count++;
          if (!found || size < found.size) failures.set(f.signature, { ...f, as, input: c.input, inputs, replay, size, count: found?.count ?? 1 });
        }
      }), { seed, numRuns: runs, endOnFailure: true, ...(replayPath === undefined ? {} : { path: replayPath }) });
      pairTimes.push([pair, performance.now() - pairStarted]);
      opts.progress?.(`${pair}: ${requests} requests so far, ${failures.size} distinct failures`);
    }

    const ops = operations.filter((o) => (opts.replay ? opts.replay.pair.startsWith(`${o.key} `) : !opts.only || o.key.includes(opts.only)));
    for (const op of ops) {
      for (const kind of PERSONA_KINDS) {
        const pair = `${op.key} as ${kind}`;
        if (opts.replay && opts.replay.pair !== pair) continue;
        const cases = caseArbitrary(op, kind === 'patient' ? ownRecord : ctx, kind !== 'anonymous');
        if (opts.replay) await runPair({ pair, op, kind, cases, seed: opts.replay.seed, runs: 1, replayPath: opts.replay.path });
        else await runPair({ pair, op, kind, cases, seed: pairSeed(opts.seed, pair), runs: opts.runsPerPair });
      }
      if (opts.sweep === false && !opts.replay) continue;
      // The sweep: each free-text or date field once with each of the kinds of value that break things most, as whoever gets furthest.
      const kind = sweepPersona(op.policy);
      for (const { input, arbitrary } of sweepCases(op, kind === 'patient' ? ownRecord : ctx)) {
        const pair = `${op.key} sweep ${input}`;
        if (opts.replay && opts.replay.pair !== pair) continue;
        await runPair({ pair, op, kind, cases: arbitrary, seed: opts.replay?.seed ?? pairSeed(opts.seed, pair), runs: 1, replayPath: opts.replay?.path });
      }
    }
    for (const line of log.background.splice(0)) {
      failures.set(`background ${line}`, { signature: `background ${line}`, route: '(background)', kind: 'background error', status: null, detail: line, as: '-', input: '-', inputs: new Map(), replay: null, size: 0, count: 1, request: null, response: null });
    }
    return summarise({ requests, statuses, failures: [...failures.values()], unsendable, operations: ops.length, pairs: ops.length * PERSONA_KINDS.length, durationMs: performance.now() - started, snapshots: watch.snapshots, personasRecreated: personas.recreated, slowest: pairTimes.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([p, ms]) => `${p} ${(ms / 1000).toFixed(1)} s`), neverSucceeded: ops.map((o) => o.key).filter((k) => !succeeded.has(k)) });
  }

  async function send(op: Operation, c: FuzzCase, who: ReturnType<Personas['get']> | null) {
    const headers: Record<string, string> = { ...c.headers, ...authHeaders(who, c.auth), ...(c.body?.contentType ? { 'content-type': c.body.contentType } : {}) };
    const token = await watch.before();
    let res: LightMyRequestResponse | 'timeout';
    const answer = t.app.inject({ method: c.method as 'GET', url: c.url, headers, ...(c.body ? { payload: c.body.payload } : {}) });
    try {
      res = await Promise.race([answer, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), REQUEST_TIMEOUT_MS).unref())]);
    } catch (err) {
      return { status: 0, failures: [], unsendable: (err as Error).message };
    }
    const request = { method: c.method, url: c.url, headers, body: c.body ? (typeof c.body.payload === 'string' ? c.body.payload : `<bytes ${c.body.payload.toString('hex')}>`) : null };
    if (res === 'timeout') {
      // Whatever it still does must not be blamed on the next request: wait for it (a while) before going on.
      await Promise.race([answer, new Promise((r) => setTimeout(r, 4 * REQUEST_TIMEOUT_MS).unref())]).catch(() => undefined);
      return { status: 0, failures: [{ signature: `${op.key} | no answer`, route: op.key, kind: 'no answer' as const, status: null, detail: `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`, request, response: null }], unsendable: null };
    }
    const written = await watch.after(token, res.statusCode >= 400);
    const logged = log.byRequest.get(String(res.headers['x-request-id']));
    log.byRequest.clear();
    if (written.wroteSomething) await personas.revalidate();
    if (res.statusCode < 300 && String(res.headers['content-type']).includes('json')) pool.harvest(res.json(), scopeOf(c.url));
    return { status: res.statusCode, failures: checkAnswer({ op, request, res, logged, changed: written.check?.changed ?? [] }), unsendable: null };
  }

  return {
    operations,
    app: t.app,
    watchedTables: watch.watchedTables,
    run,
    close: () => t.close(),
  };
}
export type ApiFuzzer = Awaited<ReturnType<typeof startApiFuzzer>>;
