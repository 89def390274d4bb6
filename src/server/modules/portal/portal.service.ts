import type { Db } from '../../db/db.js';
import { AppError } from '../../../shared/errors.js';
import { toZonedIso } from '../../../shared/time.js';
import type { AuditContext, AuditService } from '../audit/audit.service.js';
import type { CurrentSession, IdentityService } from '../identity/identity.service.js';
import type { SchedulingService } from '../scheduling/scheduling.service.js';

/**
 * What a patient (or their caregiver, or a clinician caring for them) sees of
 * one patient's record. Each call asks the policy about that patient; another
 * patient's id answers 404, exactly as an unknown one.
 */
export function createPortalService(deps: { db: Db; organizationId: string; identity: IdentityService; audit: AuditService; scheduling: SchedulingService }) {
  const { identity, audit, scheduling } = deps;

  async function appointments(session: CurrentSession | null, ctx: AuditContext, patientId: string) {
    const careTeam = session?.user.practitionerId ? await scheduling.hasCareRelationship(session.user.practitionerId, patientId) : false;
    await identity.authorize(session, 'appointment.read', { patientId, careTeam }, ctx, { type: 'patient', id: patientId });
    const rows = await audit.readAudited(ctx, { action: 'appointment.read', resourceType: 'patient_appointments', resourceId: patientId, patientId }, scheduling.appointmentsOfPatientQuery(patientId));
    return rows.map((r) => ({ ...r, start: toZonedIso(r.start, r.timeZone), end: toZonedIso(r.end, r.timeZone) }));
  }

  async function disclosures(session: CurrentSession | null, ctx: AuditContext, patientId: string) {
    await identity.authorize(session, 'disclosures.read', { patientId }, ctx, { type: 'patient', id: patientId });
    const rows = await audit.disclosuresOf(patientId);
    await audit.recordRead(ctx, { action: 'disclosures.read', resourceType: 'patient', resourceId: patientId, patientId });
    return rows.map((e) => ({ at: new Date(e.occurredAt).toISOString(), who: e.actorName ?? (e.actorRole === 'code_holder' ? 'Holder of the confirmation code' : e.actorRole), role: e.actorRole, action: e.action, outcome: e.outcome }));
  }

  async function breakGlass(session: CurrentSession | null, ctx: AuditContext, patientId: string, reason: string) {
    if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    if (!(await scheduling.patientExists(patientId))) throw new AppError('NOT_FOUND', 'Not found.');
    const { expiresAt } = await identity.startBreakGlass(session, patientId, reason, ctx);
    return { patientId, expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * A caregiver's own list of the patients who share their record with them,
   * by name: the grants the policy holds for this session, so a revoked grant
   * is gone from the list as soon as it stops opening the record. Each name
   * shown is recorded in that patient's accounting of disclosures.
   */
  async function sharedWithMe(session: CurrentSession | null, ctx: AuditContext) {
    await identity.authorize(session, 'shared_records.read', {}, ctx, { type: 'caregiver_grant' });
    const grants = session!.actor.caregiverOf;
    if (grants.length === 0) return [];
    const names = new Map((await scheduling.patientNames(grants.map((g) => g.patientId))).map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
    const shown = grants.filter((g) => names.has(g.patientId));
    await audit.recordMany(ctx, { action: 'shared_records.read', resourceType: 'patient' }, shown.map((g) => ({ resourceId: g.patientId, patientId: g.patientId })));
    return shown
      .map((g) => ({ patientId: g.patientId, patientName: names.get(g.patientId)!, scope: g.scope }))
      .sort((a, b) => a.patientName.localeCompare(b.patientName));
  }

  return {
    appointments, disclosures, breakGlass, sharedWithMe,
    listCaregivers: identity.listCaregivers,
    inviteCaregiver: identity.inviteCaregiver,
    revokeSharing: identity.revokeSharing,
  };
}
export type PortalService = ReturnType<typeof createPortalService>;
