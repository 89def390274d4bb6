/**
 * Scenario builders for tests on the demo clinic: readable set-up through the
 * services' own paths, not raw inserts.
 *
 *   const g = given(t);
 *   const ana = await g.patient({ firstName: 'Ana' });
 *   const visit = await g.visit({ patient: ana, with: 'Dr. Elena Ortiz', on: '2026-12-08' });
 *
 * A patient is written by the patients module's own insert; a visit is booked
 * by the scheduling service as the front desk would (the first open slot of
 * the day with that practitioner), so the engine, the constraints, the notice
 * and the audit event are all real.
 */
import { randomUUID } from 'node:crypto';
import type { PatientDetails } from '../../shared/contracts/booking.js';
import type { LocalDate } from '../../shared/time.js';
import type { TestApp } from './test-app.js';
import { demoIds } from './test-app.js';
import type { Mailer } from '../platform/mailer.js';

export interface GivenPatient extends PatientDetails {
  id: string;
}

export interface GivenVisit {
  appointmentId: string;
  patientId: string;
  practitionerId: string;
  locationId: string;
  start: string;
}

let serial = 0;

export function given(t: TestApp<Mailer | null>) {
  let ids: Awaited<ReturnType<typeof demoIds>> | undefined;
  const demo = async () => (ids ??= await demoIds(t.app));
  const system = { actorUserId: null, actorRole: 'system', sourceIp: null, userAgent: null, requestId: 'test-given' };

  return {
    /** A patient of the demo clinic; every detail may be given, the rest are made up (and unique in this run). */
    async patient(over: Partial<PatientDetails> = {}): Promise<GivenPatient> {
      const n = ++serial;
      const details: PatientDetails = {
        firstName: 'Pat', lastName: `Given${n}`, dateOfBirth: '1968-04-12', phone: '(512) 555-0142',
        email: `given${n}.${randomUUID().slice(0, 8)}@example.com`, preferredLanguage: 'en', ...over,
      };
      const id = randomUUID();
      const part = t.app.services.patients.newPatientPart(id, details);
      await t.db.query(part.sql, part.params);
      return { id, ...details };
    },

    /**
     * A booked visit for `patient` with the practitioner named `with` (the
     * demo's name, e.g. 'Dr. Elena Ortiz') and/or at the location `at` (its
     * slug, e.g. 'round-rock') on a local date: the first open slot of that
     * visit type (a new-patient consult unless `visitType`), or the `nth`.
     */
    async visit(v: { patient: { id: string }; with?: string; at?: string; on: LocalDate; visitType?: string; reason?: string; nth?: number }): Promise<GivenVisit> {
      const d = await demo();
      const visitTypeId = d.visitType(v.visitType ?? 'new-patient-consult');
      const practitioner = v.with ? d.practitioner(v.with) : undefined;
      const location = v.at ? d.location(v.at) : undefined;
      const { slots } = await t.app.services.scheduling.availability({ visitType: visitTypeId, from: v.on, to: v.on, practitioner, location });
      const slot = slots[v.nth ?? 0];
      if (!slot) throw new Error(`given.visit: ${v.with ?? v.at} has no open ${v.visitType ?? 'new-patient-consult'} slot on ${v.on}`);
      const { body } = await t.app.services.scheduling.book(
        { visitTypeId, practitionerId: slot.practitionerId, locationId: slot.locationId, start: slot.start, patientId: v.patient.id, reason: v.reason ?? 'Low back pain after surgery.' },
        { via: 'staff', ctx: system },
      );
      return { appointmentId: body.appointment.id, patientId: v.patient.id, practitionerId: slot.practitionerId, locationId: slot.locationId, start: slot.start };
    },

    /**
     * The visit took place (an established patient, issue 12). Written
     * directly: the desk marks a visit completed only from its day on, and
     * the test clock has not reached it.
     */
    async seen(v: GivenVisit): Promise<void> {
      await t.db.query("UPDATE appointment SET status = 'completed' WHERE id = $1", [v.appointmentId]);
    },
  };
}
