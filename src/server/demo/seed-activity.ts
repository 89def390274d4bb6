import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.js';
import { constraintOf, toAppError } from '../db/errors.js';
import { createAuditService, type AuditContext } from '../modules/audit/index.js';
import type { Clock } from '../platform/clock.js';
import { sha256Hex } from '../platform/codes.js';
import { newToken } from '../platform/tokens.js';
import { addDays, localDateOf, localToInstant } from '../../shared/time.js';
import * as repo from './demo-activity.repo.js';
import { DEMO_PATIENTS } from './demo-patients.js';
import { DEMO_DAYS_AHEAD, DEMO_DAYS_BACK, planDemoVisits, type PlannedVisit } from './demo-plan.js';

/** The demo clinic's days are Central Texas days. */
const DEMO_ZONE = 'America/Chicago';

/** Who wrote the demo's rows, as the audit trail names it. */
const SEED: AuditContext = { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: 'demo-seed', requestId: null };

/**
 * Gives the demo clinic a working look (issue 11, part 4): fictional patients
 * and two weeks of visits at every location, one week back and one ahead of
 * the clock's today in Central Texas (past ones completed, checked in, a few
 * cancelled or missed; future ones booked), each with its audit events, so the
 * desk, the charts and the audit log are not empty on a first look. Once: it
 * does nothing when a demo patient exists (a second process that seeds at the
 * same moment loses on patient_match and leaves the first one's rows). All in
 * one transaction; no notice is written, so nobody is emailed.
 */
export async function seedDemoActivity(db: Db, opts: { organizationId: string; clock: Clock }): Promise<{ created: boolean; patients: number; visits: number }> {
  const { organizationId, clock } = opts;
  const none = { created: false, patients: 0, visits: 0 };
  if (await repo.anyPatientWithEmail(db, organizationId, DEMO_PATIENTS.map((p) => p.email))) return none;
  const now = clock.now();
  const today = localDateOf(now, DEMO_ZONE);
  const fromDate = addDays(today, -DEMO_DAYS_BACK - 1);
  const toDate = addDays(today, DEMO_DAYS_AHEAD + 1);
  const clinic = await repo.loadPlanClinic(db, {
    organizationId, fromDate, toDate, from: localToInstant(fromDate, '00:00', DEMO_ZONE), to: localToInstant(addDays(toDate, 1), '00:00', DEMO_ZONE),
  });
  const plan = planDemoVisits({ clinic, patients: DEMO_PATIENTS, now, zone: DEMO_ZONE });
  const patients = DEMO_PATIENTS.map(({ area: _area, ...p }) => ({ id: randomUUID(), ...p }));
  const visits = plan.map((v) => ({
    ...v, id: randomUUID(), patientId: patients[v.patient]!.id, codeHash: sha256Hex(newToken()), updatedAt: now,
  }));
  const audit = createAuditService({ db, clock, organizationId });
  try {
    await db.tx(async (t) => {
      await repo.insertPatients(t, organizationId, patients);
      await repo.insertAppointments(t, organizationId, visits);
      for (const [what, list] of auditGroups(visits)) {
        const [action, reason] = JSON.parse(what) as [string, string];
        await audit.recordMany(SEED, { action, resourceType: 'appointment', reason }, list, t);
      }
    });
  } catch (err) {
    if (constraintOf(toAppError(err)) === 'patient_match') return none;
    throw err;
  }
  return { created: true, patients: patients.length, visits: visits.length };
}

/** The events a visit's history leaves, as the desk would have written them: booked, then its status, or cancelled. */
function auditGroups(visits: readonly (PlannedVisit & { id: string; patientId: string })[]): Map<string, { resourceId: string; patientId: string }[]> {
  const groups = new Map<string, { resourceId: string; patientId: string }[]>();
  const add = (action: string, reason: string, v: { id: string; patientId: string }) => {
    const key = JSON.stringify([action, reason]);
    const item = { resourceId: v.id, patientId: v.patientId };
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  };
  for (const v of visits) {
    add('appointment.create', 'demo data', v);
    if (v.status === 'cancelled') add('appointment.cancel', v.cancelReason ?? 'demo data', v);
    else if (v.status !== 'booked') add('appointment.status', `booked -> ${v.status}`, v);
  }
  return groups;
}
