import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/server/config';
import { migrate } from '../../src/server/db/migrate';
import { openDb } from '../../src/server/db/open';
import { seedDemoClinic } from '../../src/server/modules/clinic/seed-demo';
import { insertBooking } from '../../src/server/modules/scheduling/scheduling.repo';
import { sha256Hex } from '../../src/server/platform/codes';
import { localDateOf, localToInstant, type LocalDate } from '../../src/shared/time';

export interface TodayVisit {
  locationId: string;
  date: LocalDate;
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
  patient: { first: string; last: string; dob: string; phone: string; email: string },
): Promise<TodayVisit> {
  const db = await openDb(loadConfig(env));
  try {
    await migrate(db);
    const { organizationId } = await seedDemoClinic(db);
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
    const start = localToInstant(date, '07:00', where.timeZone);
    const end = start + 30 * 60_000;
    await db.tx(async (t) => {
      const booked = await insertBooking(t, {
        id: randomUUID(), organizationId, practitionerId: where.practitionerId, locationId: where.locationId, roomId: where.roomId,
        visitTypeId: where.visitTypeId, start, end, heldStart: start, heldEnd: end,
        reason: 'Two weeks after a lumbar epidural injection.', heardAbout: null, referringDoctor: null,
        bookedVia: 'staff', codeHash: sha256Hex(randomBytes(16).toString('hex')),
        patient: { details: { organizationId, firstName: patient.first, lastName: patient.last, dateOfBirth: patient.dob, phone: patient.phone, email: patient.email, preferredLanguage: 'en' } },
        idempotency: null,
        notifyPayload: JSON.stringify({ type: 'schedule.changed', locationId: where.locationId, dates: [date] }),
      });
      if (!booked) throw new Error('the visit for today was not written');
    });
    return { locationId: where.locationId, date };
  } finally {
    await db.close();
  }
}
