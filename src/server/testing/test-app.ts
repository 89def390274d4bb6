import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from '../app.js';
import type { Db } from '../db/db.js';
import { openPostgres } from '../db/postgres.js';
import { fixedClock } from '../platform/clock.js';
import { recordingMailer, type Mailer } from '../platform/mailer.js';
import type { SmsSender } from '../platform/sms.js';
import { openDemoTestDb } from './test-db.js';

/** Monday 2026-11-30, 06:00 in Austin (CST, UTC-6): the fixed "now" of most tests. */
export const TEST_NOW = '2026-11-30T12:00:00Z';

type RecordingMailer = ReturnType<typeof recordingMailer>;

/** The test apps' PUBLIC_URL: pages of http://relief.test are the server's own. */
export const TEST_PUBLIC_URL = 'http://relief.test';
const TEST_CONFIG = { publicUrl: TEST_PUBLIC_URL, serveWeb: false, logLevel: 'silent' } as const;

/**
 * The suites send hundreds of public requests from one address (app.inject's
 * 127.0.0.1), mostly inside one window of a fixed clock: their per-address
 * rate limits are a thousand times the real ones, so every request is still
 * counted but none is refused. Rate-limit tests ask for `rateLimitScale: 1`.
 */
export const TEST_RATE_LIMIT_SCALE = 1000;

export interface TestApp<M extends Mailer | null = RecordingMailer> {
  app: FastifyInstance;
  db: Db;
  clock: ReturnType<typeof fixedClock>;
  mailer: M;
  organizationId: string;
  /** The PostgreSQL database of this test file; undefined on PGlite. */
  databaseUrl: string | undefined;
  /** RATE_LIMIT_SCALE of this app (another instance gets the same). */
  rateLimitScale: number;
  close(): Promise<void>;
}

export interface TestAppOptions<M extends Mailer | null> {
  now?: string;
  poolSize?: number;
  /** Another mailer (a real SMTP one, say), or null for "SMTP_URL not set"; a recording mailer by default. */
  mailer?: M;
  /** An SMS sender (a recording one, or Twilio's adapter against a stand-in); none by default: SMS notices wait. */
  sms?: SmsSender;
  /** Fastify logger options, to read what the app logs. */
  logger?: FastifyServerOptions['logger'];
  /** AUDIT_ANCHOR_FILE: where the app appends audit anchors. */
  auditAnchorFile?: string;
  /** RATE_LIMIT_SCALE; TEST_RATE_LIMIT_SCALE unless given (1: the real limits). */
  rateLimitScale?: number;
  /** TRUST_PROXY. */
  trustProxy?: string;
  /** Wraps the Db port the app is given (a test that counts round trips). */
  wrapDb?: (db: Db) => Db;
}

/** The demo clinic on a database of its own (a copy of the run's template), with a fixed clock and a recording mailer. */
export async function startTestApp<M extends Mailer | null = RecordingMailer>(opts: TestAppOptions<M> = {}): Promise<TestApp<M>> {
  const { db, organizationId } = await openDemoTestDb({ poolSize: opts.poolSize });
  const clock = fixedClock(opts.now ?? TEST_NOW);
  const mailer = ('mailer' in opts ? opts.mailer : recordingMailer()) as M;
  const rateLimitScale = opts.rateLimitScale ?? TEST_RATE_LIMIT_SCALE;
  const app = await buildApp({
    config: {
      ...TEST_CONFIG, rateLimitScale,
      ...(opts.auditAnchorFile ? { auditAnchorFile: opts.auditAnchorFile } : {}),
      ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
    },
    db: opts.wrapDb ? opts.wrapDb(db) : db,
    clock,
    mailer,
    sms: opts.sms ?? null,
    organization: { id: organizationId, name: 'Relief Pain Clinics' },
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  await app.ready();
  return {
    app, db, clock, mailer, organizationId, databaseUrl: db.url, rateLimitScale,
    async close() {
      await app.close();
      await db.dispose();
    },
  };
}

/**
 * A second server process on the test app's database, as behind a load
 * balancer: its own app, and on PostgreSQL its own pool and LISTEN connection.
 * PGlite is one database inside this process, so there both apps share the Db
 * (each still LISTENs for itself). Close it before the first one.
 */
export async function startAnotherInstance(t: TestApp<Mailer | null>): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const db = t.databaseUrl ? openPostgres(t.databaseUrl, { poolSize: 5, applicationName: 'relief-test-2' }) : t.db;
  const app = await buildApp({ config: { ...TEST_CONFIG, rateLimitScale: t.rateLimitScale }, db, clock: t.clock, mailer: recordingMailer(), organization: { id: t.organizationId, name: 'Relief Pain Clinics' } });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      if (db !== t.db) await db.close();
    },
  };
}

/** Looks up demo ids by human names. */
export async function demoIds(app: FastifyInstance) {
  const [locations, practitioners, visitTypes] = await Promise.all([
    app.inject('/api/locations').then((r) => r.json().items as { id: string; slug: string }[]),
    app.inject('/api/practitioners').then((r) => r.json().items as { id: string; name: string }[]),
    app.inject('/api/visit-types').then((r) => r.json().items as { id: string; code: string }[]),
  ]);
  const pick = <T,>(list: T[], pred: (t: T) => boolean, what: string): T => {
    const found = list.find(pred);
    if (!found) throw new Error(`demo clinic has no ${what}`);
    return found;
  };
  return {
    location: (slug: string) => pick(locations, (l) => l.slug === slug, slug).id,
    practitioner: (name: string) => pick(practitioners, (p) => p.name === name, name).id,
    visitType: (code: string) => pick(visitTypes, (v) => v.code === code, code).id,
  };
}

let seq = 0;
/** A valid booking body for a slot; each call a different patient unless given one. */
export function bookingBody(slot: { start: string; practitionerId: string; locationId: string }, visitTypeId: string, patient: Partial<Record<string, string>> = {}) {
  seq++;
  return {
    visitTypeId,
    practitionerId: slot.practitionerId,
    locationId: slot.locationId,
    start: slot.start,
    patient: {
      firstName: 'Test',
      lastName: `Patient${seq}`,
      dateOfBirth: '1968-04-12',
      phone: '(512) 555-0101',
      email: `patient${seq}@example.com`,
      preferredLanguage: 'en',
      ...patient,
    },
    reason: 'Low back pain after surgery',
  };
}
