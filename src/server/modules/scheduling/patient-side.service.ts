import { Uuid } from '../../../shared/contracts/clinic.js';
import { AppError } from '../../../shared/errors.js';
import { assertGrant, type Grant, type Permission } from '../access/index.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { ManageService } from './manage.service.js';

/**
 * A signed-in patient's own appointments, managed without the confirmation
 * code (issue 11): the patient, or a caregiver their access grants. Access
 * decided whose record the path names; the appointment must be one of that
 * record's (else 404, as an unknown one). The rules are the code routes':
 * the visit type's cutoff, a staff-only visit kept with its practitioner,
 * the same audit events and notices. Staff (and referrers, who may read)
 * manage visits at the desk, not through the patient's pages.
 */
export function createPatientSide(deps: { manage: ManageService; audit: AuditService }) {
  const { manage, audit } = deps;
  const isPatientSide = (grant: Grant) => grant.basis === 'own' || grant.basis === 'caregiver';
  const notHere = () => new AppError('FORBIDDEN', "These are the patient's own pages; staff change appointments at the schedule desk.", { reason: 'role' });

  /** Before the request's body is read: whoever the grant is not the patient's or their caregiver's is refused, and the refusal recorded. */
  async function assertPatientSide(grant: Grant, ctx: AuditContext, appointmentId: string): Promise<void> {
    if (isPatientSide(grant)) return;
    // The path is not validated yet: a malformed id is recorded as text, never as a patient.
    const patientId = grant.patientId && Uuid.safeParse(grant.patientId).success ? grant.patientId : null;
    await audit.record(ctx, { action: grant.permission, resourceType: 'appointment', resourceId: appointmentId.slice(0, 100), patientId, outcome: 'denied', reason: `${grant.role} uses the desk, not the patient's pages` });
    throw notHere();
  }

  function auth(grant: Grant, permission: Permission, patientId: string): { patientId: string } {
    assertGrant(grant, permission, patientId);
    if (!isPatientSide(grant)) throw notHere();
    return { patientId };
  }

  return {
    assertPatientSide,
    cancel: (grant: Grant, patientId: string, id: string, reason: string, ctx: AuditContext) =>
      manage.cancel(id, auth(grant, 'appointment.write', patientId), reason, ctx),
    reschedule: (grant: Grant, patientId: string, id: string, r: { start: string; practitionerId?: string | undefined; locationId?: string | undefined }, ctx: AuditContext) =>
      manage.reschedule(id, auth(grant, 'appointment.write', patientId), r, ctx),
    rescheduleOptions: (grant: Grant, patientId: string, id: string, q: { from: string; to: string; anyPractitioner: 'true' | 'false' }) =>
      manage.rescheduleOptions(id, auth(grant, 'appointment.read', patientId), q),
    calendar: (grant: Grant, patientId: string, id: string, ctx: AuditContext) =>
      manage.calendar(id, auth(grant, 'appointment.read', patientId), ctx),
  };
}
