import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/server/config';
import { migrate } from '../../src/server/db/migrate';
import { openDb } from '../../src/server/db/open';
import { seedDemoClinic } from '../../src/server/modules/clinic/seed-demo';
import { bookingPatientQuery, insertPatientPart, type BookingPatient } from '../../src/server/modules/patients/patients.repo';
import { insertBooking } from '../../src/server/modules/scheduling/scheduling.repo';
import type { Db } from '../../src/server/db/db';
import { createAuditService } from '../../src/server/modules/audit/audit.service';
import { createIdentityService } from '../../src/server/modules/identity/identity.service';
import { systemClock } from '../../src/server/platform/clock';
import { sha256Hex } from '../../src/server/platform/codes';
import { localDateOf, localToInstant, type LocalDate } from '../../src/shared/time';

export interface TodayVisit {
  locationId: string;
  practitionerId: string;
  date: LocalDate;
}

/** Opens the server's database (same folder or DATABASE_URL) before it starts, migrated and with the demo clinic. */
async function withDb<T>(env: NodeJS.ProcessEnv, work: (db: Db, organizationId: string) => Promise<T>): Promise<T> {
  const db = await openDb(loadConfig(env));
  try {
    await migrate(db);
    const { organizationId } = await seedDemoClinic(db);
    return await work(db, organizationId);
  } finally {
    await db.close();
  }
}

/**
 * A staff account ready to sign in with its password (it enrols its
 * authenticator app at first sign-in), as an admin's accepted invitation
 * leaves it; a clinician is linked to a practitioner of the demo clinic.
 */
export async function createStaff(
  env: NodeJS.ProcessEnv,
  who: { email: string; name: string; password: string; role: 'clinician' | 'nurse' | 'front_desk' | 'referrer'; practitioner?: { id: string } | { name: string }; npi?: string },
): Promise<string> {
  return withDb(env, async (db, organizationId) => {
    const p = who.practitioner;
    const practitionerId = p && 'name' in p ? (await db.one<{ id: string }>('SELECT id FROM practitioner WHERE organization_id = $1 AND name = $2', [organizationId, p.name]))?.id : p?.id;
    if (p && !practitionerId) throw new Error(`no practitioner ${JSON.stringify(p)} in the demo clinic`);
    const audit = createAuditService({ db, clock: systemClock, organizationId });
    const identity = createIdentityService({
      db, clock: systemClock, organizationId, clinicName: () => 'Relief', publicUrl: env.PUBLIC_URL ?? 'http://127.0.0.1', audit,
      enqueueNotice: async () => undefined, afterCommit: () => undefined,
    });
    return identity.createUser({ email: who.email, displayName: who.name, role: who.role, password: who.password, ...(practitionerId ? { practitionerId } : {}), ...(who.npi ? { npi: who.npi } : {}) });
  });
}

/**
 * A patient already on today's list at the location that offers epidural
 * steroid injections, written straight into the server's database before it
 * starts (same folder or DATABASE_URL). The desk can check a patient in only on
 * the day of the visit, and a phone booking lands wherever the real clock
 * leaves room (none late at night or on a Sunday); this visit is there at any
 * hour. It is a follow-up at 07:00 local time with the first practitioner who
 * sees follow-ups there, in an exam room, outside the hours the journey books.
 */
export async function seedVisitToday(
  env: NodeJS.ProcessEnv,
  patient: { first: string; last: string; dob: string; phone: string; email: string; language?: 'en' | 'es' },
  /** When the follow-up starts (default 07:00 local today); e.g. a few hours ahead, inside the online change cutoff. */
  opts: { start?: number } = {},
): Promise<TodayVisit> {
  return withDb(env, async (db, organizationId) => {
    const where = await db.one<{ locationId: string; timeZone: string; practitionerId: string; roomId: string; visitTypeId: string }>(
      `SELECT l.id AS "locationId", l.time_zone AS "timeZone", p.id AS "practitionerId", r.id AS "roomId", f.id AS "visitTypeId"
       FROM location l
       JOIN visit_type esi ON esi.organization_id = l.organization_id AND esi.code = 'epidural-steroid-injection'
       JOIN visit_type f ON f.organization_id = l.organization_id AND f.code = 'follow-up'
       JOIN practitioner p ON p.organization_id = l.organization_id AND p.active
       JOIN room r ON r.location_id = l.id AND r.active AND f.room_capability = ANY (r.capabilities)
       WHERE l.organization_id = $1
         AND EXISTS (SELECT 1 FROM working_hours w JOIN practitioner_visit_type pv ON pv.practitioner_id = w.practitioner_id
                     WHERE w.location_id = l.id AND pv.visit_type_id = esi.id)
         AND EXISTS (SELECT 1 FROM working_hours w WHERE w.location_id = l.id AND w.practitioner_id = p.id)
         AND EXISTS (SELECT 1 FROM practitioner_visit_type pv WHERE pv.practitioner_id = p.id AND pv.visit_type_id = f.id)
       ORDER BY l.sort, l.name, p.sort, p.name, r.name
       LIMIT 1`,
      [organizationId],
    );
    if (!where) throw new Error('the demo clinic has no location with injections and follow-ups');
    const date = localDateOf(Date.now(), where.timeZone);
    const start = opts.start ?? localToInstant(date, '07:00', where.timeZone);
    const end = start + 30 * 60_000;
    const details = { organizationId, firstName: patient.first, lastName: patient.last, dateOfBirth: patient.dob, phone: patient.phone, email: patient.email, preferredLanguage: patient.language ?? 'en' };
    const known = bookingPatientQuery(organizationId, { details });
    const existing = await db.one<{ json_build_object: BookingPatient }>(known.sql, known.params);
    const patientId = existing?.json_build_object.id ?? randomUUID();
    await insertBooking(db, {
      id: randomUUID(), organizationId, patientId, practitionerId: where.practitionerId, locationId: where.locationId, roomId: where.roomId,
      visitTypeId: where.visitTypeId, start, end, heldStart: start, heldEnd: end,
      reason: 'Two weeks after a lumbar epidural injection.', heardAbout: null, referringDoctor: null,
      bookedVia: 'staff', codeHash: sha256Hex(randomBytes(16).toString('hex')),
      idempotency: null,
    }, existing ? [] : [insertPatientPart({ id: patientId, ...details })]);
    return { locationId: where.locationId, practitionerId: where.practitionerId, date };
  });
}
