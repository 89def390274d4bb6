/**
 * The kill -9 rounds both crash tests run (scripts/crash-test.ts for bookings,
 * scripts/crash-test-messages.ts for secure messages), so the two cannot
 * drift apart in how they kill, restart, retry and judge:
 *
 *   each round: (re)start the server (on PGlite this takes over the lock the
 *   killed process left), check what the previous kill put at risk and retry
 *   the requests whose answer it hid (same Idempotency-Key, same body, as a
 *   client would), stream requests from concurrent loops, SIGKILL the server
 *   at a random moment; then a last restart, the final checks through the
 *   API, a graceful stop, and the checks through SQL with the server stopped.
 *
 * What is sent and what is checked is each test's own.
 */
import { randomBytes } from 'node:crypto';
import { type CrashDb, type CrashTarget, rng, Server, sleep } from './crash-server.js';

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** How a crash test runs, whatever it streams. */
export interface CrashOptions {
  db: CrashDb;
  rounds: number;
  /** Loops streaming requests at once. */
  concurrency: number;
  /** Admin URL of a PostgreSQL server; a fresh database is created on it. Required for db=postgres. */
  databaseUrl?: string | undefined;
  /** Random kill delay bounds (ms after the loops start); each test has its own default. */
  killMinMs?: number;
  killMaxMs?: number;
  /** Seed for the random choices (kill delays, what is sent); logged so a run can be repeated. */
  seed?: number;
  log?: (line: string) => void;
}

/** The counts every crash test reports, whatever it streams. */
export interface CrashTally {
  db: CrashDb;
  rounds: number;
  /** Requests whose outcome is unknown (in flight at the kill), retried after the restart with their key. */
  inFlight: number;
  retriedReplayed: number;
  /** Acknowledged keys re-posted after a restart that did not replay the same answer. */
  replayMismatches: number;
  /** 5xx answers, and 4xx answers a test did not expect. */
  serverErrors: number;
  otherErrors: number;
  /** Restarts that failed (e.g. a lock file not taken over). */
  startFailures: number;
  problems: string[];
}

export const emptyTally = (db: CrashDb): CrashTally => ({
  db, rounds: 0, inFlight: 0, retriedReplayed: 0, replayMismatches: 0, serverErrors: 0, otherErrors: 0, startFailures: 0, problems: [],
});

/** A run's random choices from one seed (logged, so a failing run can be repeated with --seed) and its name in keys and rows. */
export function crashSeed(seed: number | undefined) {
  const s = seed ?? randomBytes(4).readUInt32LE(0);
  return { seed: s, rand: rng(s), runId: randomBytes(4).toString('hex') };
}

/** What the harness needs of a test: how to send one of its requests and what its answers mean. */
export interface CrashRequests<R extends { key: string }> {
  /** Posts `req` with its Idempotency-Key; rejects when the kill resets the connection. */
  send(req: R): Promise<Response>;
  /** A 201: `req` is acknowledged, in `round`. */
  acknowledged(req: R, body: unknown, round: number): void;
  /** Any other answer; the test counts what it expects (a 409 of a deliberate collision) and calls the rest problems. */
  refused(status: number, text: string, what: string): void;
}

/** One round's stream: `loop` runs `concurrency` times at once until the kill (or until every loop ends). */
export interface CrashStream {
  loop(killed: () => boolean): Promise<void>;
  /** The round's own words for its log line, given how many requests the kill left in flight. */
  describe(inFlight: number): string;
}

export interface CrashRoundsSpec {
  server: Server;
  target: CrashTarget;
  rounds: number;
  concurrency: number;
  killMinMs: number;
  killMaxMs: number;
  rand: ReturnType<typeof rng>;
  /** Before the first start: what the stream needs in the database (made in-process, as `npm run admin` would). */
  prepare?(): Promise<void>;
  /** After each (re)start, before the stream: check and retry what the previous kill put at risk, in the test's order. */
  afterStart(round: number): Promise<void>;
  stream(round: number): Promise<CrashStream>;
  /** After the last kill and a final restart: retry what it hid and check everything through the API. */
  final(round: number): Promise<void>;
  /** With the server stopped (PGlite's folder has one owner): check everything through SQL. */
  checkSql(query: Query): Promise<void>;
}

export class CrashHarness<R extends { key: string }> {
  /** Requests sent and not answered: at a kill, the ones whose outcome it hid. */
  private readonly inflight = new Map<string, R>();
  private pending: R[] = [];

  constructor(
    readonly tally: CrashTally,
    private readonly requests: CrashRequests<R>,
    private readonly log: (line: string) => void,
  ) {}

  problem(p: string): void {
    this.tally.problems.push(p);
    this.log(`  PROBLEM: ${p}`);
  }

  /** Counts a 5xx or an unexpected 4xx and says what it was. */
  unexpected(status: number, text: string, what: string): void {
    if (status >= 500) this.tally.serverErrors++;
    else this.tally.otherErrors++;
    this.problem(`${what} → ${status}: ${text.slice(0, 300)}`);
  }

  /** Sends one request of the stream: its status, or undefined when the kill reset the connection (outcome unknown, retried after the restart). */
  async attempt(req: R, what: string, round: number): Promise<number | undefined> {
    this.inflight.set(req.key, req);
    let res: Response;
    let text: string;
    try {
      res = await this.requests.send(req);
      text = await res.text();
    } catch {
      return undefined;
    }
    this.inflight.delete(req.key);
    if (res.status === 201) this.requests.acknowledged(req, JSON.parse(text), round);
    else this.requests.refused(res.status, text, what);
    return res.status;
  }

  /** Resends the requests the last kill hid, with their keys: a 201 is acknowledged now (replayed or fresh). */
  async retryPending(round: number): Promise<void> {
    for (const req of this.pending) {
      const res = await this.requests.send(req);
      const text = await res.text();
      if (res.status === 201) {
        if (res.headers.get('idempotent-replayed') === 'true') this.tally.retriedReplayed++;
        this.requests.acknowledged(req, JSON.parse(text), round);
      } else this.requests.refused(res.status, text, `retry of in-flight ${req.key}`);
    }
    this.pending = [];
  }

  /** Re-posts an acknowledged request with its key: the stored answer must come back, nothing written twice. */
  async checkReplay(req: R, expectedId: string, idOf: (body: unknown) => string | undefined): Promise<void> {
    const res = await this.requests.send(req);
    const body = (await res.json().catch(() => null)) as unknown;
    const id = res.status === 201 ? idOf(body) : undefined;
    if (res.status !== 201 || res.headers.get('idempotent-replayed') !== 'true' || id !== expectedId) {
      this.tally.replayMismatches++;
      this.problem(`replay of acknowledged key ${req.key} → ${res.status} ${res.headers.get('idempotent-replayed')} ${id} (expected ${expectedId})`);
    }
  }

  /** Runs the rounds, the final checks and the clean-up; a throw anywhere is a problem named with the server's last output. */
  async run(spec: CrashRoundsSpec): Promise<void> {
    const { server } = spec;
    try {
      await spec.prepare?.();
      for (let round = 1; round <= spec.rounds; round++) {
        const t0 = Date.now();
        try {
          await server.start();
        } catch (err) {
          this.tally.startFailures++;
          this.problem(`round ${round}: server did not start after the previous kill: ${(err as Error).message}`);
          break;
        }
        const startMs = Date.now() - t0;
        await spec.afterStart(round);
        const stream = await spec.stream(round);
        const killedAfter = await this.killMidStream(spec, stream);
        this.pending = [...this.inflight.values()];
        this.inflight.clear();
        this.tally.inFlight += this.pending.length;
        this.tally.rounds = round;
        const roundMs = Date.now() - t0;
        this.log(`round ${String(round).padStart(2)}: start ${startMs} ms, SIGKILL after ${killedAfter} ms; ${stream.describe(this.pending.length)}; ${roundMs} ms`);
        if (roundMs > 20_000) this.log(`  note: round ${round} took ${roundMs} ms`);
      }
      if (this.tally.startFailures === 0) {
        await server.start();
        await spec.final(spec.rounds + 1);
        const code = await server.stop();
        if (code !== 0) this.problem(`graceful stop (SIGTERM) exited with code ${code}: ${server.output.trim().slice(-500)}`);
      }
      await spec.target.withQuery(spec.checkSql);
    } catch (err) {
      await sleep(300); // let the server's last log lines arrive
      this.problem(`aborted: ${(err as Error).stack ?? String(err)}${server.output ? `\nserver output:\n${server.output.trim().slice(-2000)}` : ''}`);
    } finally {
      await server.kill();
      await spec.target.close(this.tally.problems.length === 0);
    }
  }

  /** Streams until the kill, at a random moment after the loops start (or when they all end); returns how long after it came. */
  private async killMidStream(spec: CrashRoundsSpec, stream: CrashStream): Promise<number> {
    let killed = false;
    const streamStart = Date.now();
    const loops = Array.from({ length: spec.concurrency }, () => stream.loop(() => killed));
    // Drawn after the loops took their first draws, so a seed repeats the same run.
    const delayMs = spec.rand.int(spec.killMinMs, spec.killMaxMs);
    await Promise.race([sleep(delayMs), Promise.all(loops)]);
    await spec.server.kill();
    const killedAfter = Date.now() - streamStart;
    killed = true;
    await Promise.all(loops);
    return killedAfter;
  }
}

/** The databases a command line asks for: --db, else both when DATABASE_URL is set, else PGlite. */
export function crashDbs(db: string | undefined, url: string | undefined): CrashDb[] {
  const which = db ?? (url ? 'both' : 'pglite');
  if (!['pglite', 'postgres', 'both'].includes(which)) throw new Error('--db must be pglite, postgres or both');
  if (which !== 'pglite' && !url) throw new Error(`--db ${which} needs DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres`);
  return which === 'both' ? ['pglite', 'postgres'] : [which as CrashDb];
}
