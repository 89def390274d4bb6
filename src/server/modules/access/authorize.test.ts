import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/db.js';
import { fixedClock } from '../../platform/clock.js';
import { openDemoTestDb, type TestDb } from '../../testing/test-db.js';
import { createAuditService } from '../audit/index.js';
import { createAuthorizer, type FactSource } from './authorize.js';
import type { CurrentSession } from './session.js';

// Access decides once per request from facts that modules register: every
// fact one decision needs is read in a single query, and a decision that
// needs none sends nothing to the database.

let db: TestDb;
let organizationId: string;
let sent: string[];
let patientId: string;
const ctx = { actorUserId: null, actorRole: 'clinician', sourceIp: null, userAgent: null, requestId: null };

const session = (role: CurrentSession['user']['role'], extra: Partial<CurrentSession['user']> = {}): CurrentSession => ({
  idHash: 'h', csrfToken: 'c', expiresAt: 0, idleExpiresAt: 0, mfaPassed: true,
  user: {
    id: '00000000-0000-4000-8000-00000000000a', organizationId, email: 'x@relief.test', displayName: 'X', role, status: 'active', passwordHash: null,
    totpSecret: null, totpEnabled: true, totpLastStep: null, patientId: null, practitionerId: null, npi: null, ...extra,
  },
});

function authorizer() {
  const counted = Object.assign(Object.create(db) as TestDb, {
    query: (sql: string, params?: readonly unknown[]) => (sent.push(sql), db.query(sql, params)),
    one: (sql: string, params?: readonly unknown[]) => (sent.push(sql), db.one(sql, params)),
  } satisfies Queryable);
  const clock = fixedClock('2026-11-30T12:00:00Z');
  return createAuthorizer({ db: counted, clock, organizationId, audit: createAuditService({ db, clock, organizationId }) });
}

beforeAll(async () => {
  ({ db, organizationId } = await openDemoTestDb());
  patientId = (await db.one<{ id: string }>(
    `INSERT INTO patient (organization_id, first_name, last_name, date_of_birth, phone, email, preferred_language)
     VALUES ($1, 'Ada', 'Quiroga', '1970-01-01', '(512) 555-0100', 'ada@example.com', 'en') RETURNING id`, [organizationId]))!.id;
});
afterAll(async () => db?.dispose());

describe('authorize', () => {
  it('reads every fact a decision needs in one query, from the sources modules registered', async () => {
    const access = authorizer();
    const seen: FactSource['fact'][] = [];
    access.registerFactSource({ fact: 'patientExists', needed: () => (seen.push('patientExists'), true), sql: 'EXISTS (SELECT 1 FROM patient WHERE organization_id = :organization AND id = :patient)' });
    access.registerFactSource({ fact: 'careTeam', needed: ({ role }) => (seen.push('careTeam'), role === 'clinician'), sql: ':practitioner IS NOT NULL AND :user IS NOT NULL' });
    sent = [];
    const grant = await access.authorize(session('clinician', { practitionerId: '00000000-0000-4000-8000-00000000000b' }), 'chart.read', patientId, ctx);
    expect(grant).toMatchObject({ basis: 'care_team', patientExists: true, breakGlassUntil: null });
    expect(seen).toEqual(['patientExists', 'careTeam']);
    expect(sent).toHaveLength(1);
  });

  it('sends nothing when the decision needs no fact (a patient reading their own appointments)', async () => {
    const access = authorizer();
    access.registerFactSource({ fact: 'patientExists', needed: ({ permission }) => permission === 'chart.read', sql: 'true' });
    sent = [];
    const grant = await access.authorize(session('patient', { patientId }), 'appointment.read', patientId, ctx);
    expect(grant.basis).toBe('own');
    expect(sent).toEqual([]);
  });

  it('refuses a second source for the same fact', () => {
    const access = authorizer();
    const source: FactSource = { fact: 'careTeam', needed: () => true, sql: 'true' };
    access.registerFactSource(source);
    expect(() => access.registerFactSource(source)).toThrow(/registered twice/);
  });
});
