import type { Db } from '../src/server/db/db.js';
import * as admin from '../src/server/modules/clinic/clinic-admin.repo.js';

export interface ClinicShape {
  practitioners: number;
  locations: number;
  /** Rooms with the searched/booked capability ('exam'). */
  examRoomsPerLocation: number;
  /** Fluoroscopy suites: busy with procedures, never offered for the consult. */
  procedureRoomsPerLocation: number;
  zone: string;
}

export interface SyntheticClinic {
  shape: ClinicShape;
  organizationId: string;
  /** Bookable online: exam room, 30 min + 10 min buffer after, 15-min grid. */
  consultVisitTypeId: string;
  /** Staff-booked, fluoroscopy suite. */
  procedureVisitTypeId: string;
  locations: { id: string; examRoomIds: string[]; procedureRoomIds: string[] }[];
  practitionerIds: string[];
}

export const DAY_START_MIN = 8 * 60;
export const DAY_END_MIN = 17 * 60;
export const WORKDAYS = [1, 2, 3, 4, 5];

/** Practitioner p works Mon-Fri 08:00-17:00, at a location that rotates with the weekday. */
export const locationIndexOf = (shape: ClinicShape, practitioner: number, weekday: number): number =>
  (practitioner + weekday) % shape.locations;

/** The online consult both workloads book and search: the held range is 40 min. */
export const CONSULT = { durationMin: 30, bufferAfterMin: 10, slotStepMin: 15 };

const visitDefaults = { descriptionEn: '', descriptionEs: '', bufferBeforeMin: 0, minNoticeMin: 120, horizonDays: 90, cptCodes: [] };

/** Builds a synthetic clinic through the same insert helpers the demo seed uses, in one transaction. */
export async function buildSyntheticClinic(db: Db, shape: ClinicShape): Promise<SyntheticClinic> {
  return db.tx(async (t) => {
    const organizationId = await admin.insertOrganization(t, { slug: 'bench', name: 'Bench Pain Clinics' });
    const regionId = await admin.insertRegion(t, { organizationId, name: 'Bench', sort: 0 });
    const consultVisitTypeId = await admin.insertVisitType(t, {
      ...visitDefaults, organizationId, code: 'bench-consult', nameEn: 'Consultation', nameEs: 'Consulta', ...CONSULT,
      roomCapability: 'exam', online: 'anyone', sort: 0,
    });
    const procedureVisitTypeId = await admin.insertVisitType(t, {
      ...visitDefaults, organizationId, code: 'bench-procedure', nameEn: 'Procedure', nameEs: 'Procedimiento', durationMin: 45,
      bufferAfterMin: 0, roomCapability: 'fluoroscopy', slotStepMin: 15, online: 'staff_only', sort: 1,
    });
    const locations: SyntheticClinic['locations'] = [];
    for (let l = 0; l < shape.locations; l++) {
      const locationId = await admin.insertLocation(t, {
        organizationId, regionId, slug: `bench-${l + 1}`, name: `Bench ${l + 1}`, line1: `${100 + l} Main Street`,
        city: 'Chicago', state: 'IL', postalCode: '60601', phone: '(312) 555-0100', timeZone: shape.zone, sort: l,
      });
      for (const weekday of WORKDAYS) {
        await admin.insertLocationHours(t, { locationId, weekday, opensMin: DAY_START_MIN, closesMin: DAY_END_MIN });
      }
      const room = (name: string, capabilities: string[]) => admin.insertRoom(t, { organizationId, locationId, name, capabilities });
      const examRoomIds: string[] = [];
      for (let r = 0; r < shape.examRoomsPerLocation; r++) examRoomIds.push(await room(`Exam ${r + 1}`, ['exam', 'consult']));
      const procedureRoomIds: string[] = [];
      for (let r = 0; r < shape.procedureRoomsPerLocation; r++) procedureRoomIds.push(await room(`Fluoro ${r + 1}`, ['fluoroscopy']));
      locations.push({ id: locationId, examRoomIds, procedureRoomIds });
    }
    const practitionerIds: string[] = [];
    for (let p = 0; p < shape.practitioners; p++) {
      const practitionerId = await admin.insertPractitioner(t, {
        organizationId, name: `Dr. Bench ${p + 1}`, credentials: 'MD', role: 'physician', bioEn: '', bioEs: '', sort: p,
      });
      await admin.linkPractitionerVisitType(t, practitionerId, consultVisitTypeId);
      await admin.linkPractitionerVisitType(t, practitionerId, procedureVisitTypeId);
      for (const weekday of WORKDAYS) {
        await admin.insertWorkingHours(t, {
          organizationId, practitionerId, locationId: locations[locationIndexOf(shape, p, weekday)]!.id, weekday,
          startMin: DAY_START_MIN, endMin: DAY_END_MIN,
        });
      }
      practitionerIds.push(practitionerId);
    }
    return { shape, organizationId, consultVisitTypeId, procedureVisitTypeId, locations, practitionerIds };
  });
}
