import type { Db } from '../src/server/db/db.js';
import * as admin from '../src/server/modules/clinic/clinic-admin.repo.js';
import { addDays, daysBetween, localToInstant, MINUTE_MS, minutesToWallTime, weekdayOf, type LocalDate } from '../src/shared/time.js';
import { seededRandom } from './stats.js';
import { DAY_END_MIN, DAY_START_MIN, locationIndexOf, WORKDAYS, type SyntheticClinic } from './synthetic-clinic.js';

const UNIT_MIN = 15;
const UNITS = (DAY_END_MIN - DAY_START_MIN) / UNIT_MIN;

interface Planned {
  practitionerId: string;
  locationId: string;
  roomId: string;
  visitTypeId: string;
  start: number;
  end: number;
  status: 'booked' | 'cancelled';
}

export interface BookedLoad {
  appointments: number;
  cancelledDecoys: number;
  /** Booked share of all practitioner working time in the range. */
  practitionerTimeBooked: number;
  /** Booked share of exam-room time (the rooms the consult search may offer). */
  examRoomTimeBooked: number;
}

/**
 * Books `fraction` of every practitioner's working time over [from, to] with
 * 30-60 min visits at random places, each in a random free room of its
 * location: exam rooms and fluoroscopy suites alike, because the exam rooms
 * alone cannot hold 60% of the practitioners' time. No practitioner or room is
 * double-booked (the exclusion constraints would refuse it). Adds a few
 * cancelled decoys, one afternoon of time off and one location holiday, which
 * both searches must honour.
 */
export async function bookPractitionerTime(db: Db, clinic: SyntheticClinic, r: { from: LocalDate; to: LocalDate; fraction: number; seed: number }): Promise<BookedLoad> {
  const random = seededRandom(r.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const planned: Planned[] = [];
  let bookedUnits = 0;
  let workUnits = 0;
  let examUnits = 0;
  let examCapacity = 0;
  const workdays: LocalDate[] = [];
  for (let d = 0; d <= daysBetween(r.from, r.to); d++) {
    const date = addDays(r.from, d);
    const weekday = weekdayOf(date);
    if (!WORKDAYS.includes(weekday)) continue;
    workdays.push(date);
    const dayStart = localToInstant(date, minutesToWallTime(DAY_START_MIN), clinic.shape.zone);
    const at = (unit: number) => dayStart + unit * UNIT_MIN * MINUTE_MS;
    for (const [l, loc] of clinic.locations.entries()) {
      const staff = clinic.practitionerIds.filter((_, p) => locationIndexOf(clinic.shape, p, weekday) === l);
      const rooms = [...loc.examRoomIds, ...loc.procedureRoomIds];
      const staffBusy = staff.map(() => new Uint8Array(UNITS));
      const roomBusy = rooms.map(() => new Uint8Array(UNITS));
      const target = Math.round(r.fraction * staff.length * UNITS);
      workUnits += staff.length * UNITS;
      examCapacity += loc.examRoomIds.length * UNITS;
      let booked = 0;
      for (let attempt = 0; booked < target && attempt < 100_000; attempt++) {
        const p = pick(staff.length);
        const len = 2 + pick(3);
        const u = pick(UNITS - len + 1);
        const isFree = (busy: Uint8Array) => busy.subarray(u, u + len).every((x) => x === 0);
        if (!isFree(staffBusy[p]!)) continue;
        const free = rooms.map((_, i) => i).filter((i) => isFree(roomBusy[i]!));
        if (free.length === 0) continue;
        const room = free[pick(free.length)]!;
        staffBusy[p]!.fill(1, u, u + len);
        roomBusy[room]!.fill(1, u, u + len);
        booked += len;
        const isExam = room < loc.examRoomIds.length;
        if (isExam) examUnits += len;
        planned.push({
          practitionerId: staff[p]!, locationId: loc.id, roomId: rooms[room]!, status: 'booked', start: at(u), end: at(u + len),
          visitTypeId: isExam ? clinic.consultVisitTypeId : clinic.procedureVisitTypeId,
        });
      }
      bookedUnits += booked;
      // Cancelled visits hold nothing: a search that forgets the status filter loses slots.
      for (let i = 0; i < staff.length; i++) {
        const u = pick(UNITS - 2);
        planned.push({
          practitionerId: staff[i]!, locationId: loc.id, roomId: rooms[pick(loc.examRoomIds.length)]!, status: 'cancelled',
          start: at(u), end: at(u + 2), visitTypeId: clinic.consultVisitTypeId,
        });
      }
    }
  }
  await insertAppointments(db, clinic, planned);
  await addClosures(db, clinic, workdays);
  return {
    appointments: planned.filter((a) => a.status === 'booked').length,
    cancelledDecoys: planned.filter((a) => a.status === 'cancelled').length,
    practitionerTimeBooked: bookedUnits / workUnits,
    examRoomTimeBooked: examUnits / examCapacity,
  };
}

async function insertAppointments(db: Db, clinic: SyntheticClinic, planned: Planned[]): Promise<void> {
  // One patient per visit: the patient exclusion constraint never fires.
  const patients = await db.query<{ id: string }>(
    `INSERT INTO patient (organization_id, first_name, last_name, date_of_birth, phone, email)
     SELECT $1, 'Bench', 'Patient' || g, DATE '1970-01-01', '(312) 555-0100', 'bench' || g || '@example.com'
     FROM generate_series(1, $2::int) g RETURNING id`,
    [clinic.organizationId, planned.length],
  );
  const rows = planned.map((a, i) => ({ ...a, patientId: patients[i]!.id }));
  await db.query(
    `INSERT INTO appointment (organization_id, patient_id, practitioner_id, location_id, room_id, visit_type_id,
       starts_at, ends_at, blocked, status, cancelled_at, reason, booked_via, confirmation_code_hash)
     SELECT $1, x."patientId", x."practitionerId", x."locationId", x."roomId", x."visitTypeId",
       to_timestamp(x.start / 1000.0), to_timestamp(x."end" / 1000.0),
       tstzrange(to_timestamp(x.start / 1000.0), to_timestamp(x."end" / 1000.0)), x.status,
       CASE WHEN x.status = 'cancelled' THEN now() END, 'Follow-up', 'staff', md5(x."patientId"::text)
     FROM json_to_recordset($2::json) AS x("patientId" uuid, "practitionerId" uuid, "locationId" uuid, "roomId" uuid,
       "visitTypeId" uuid, start float8, "end" float8, status text)`,
    [clinic.organizationId, JSON.stringify(rows)],
  );
}

async function addClosures(db: Db, clinic: SyntheticClinic, workdays: LocalDate[]): Promise<void> {
  const zone = clinic.shape.zone;
  const offDay = workdays[2]!;
  await admin.insertTimeOff(db, {
    organizationId: clinic.organizationId, practitionerId: clinic.practitionerIds[0]!, reason: 'Afternoon off',
    start: localToInstant(offDay, '13:00', zone), end: localToInstant(offDay, '17:00', zone),
  });
  await admin.insertHoliday(db, { organizationId: clinic.organizationId, locationId: clinic.locations[0]!.id, date: workdays.at(-1)!, name: 'Closed' });
}
