import type { Db } from '../../db/db.js';
import { AppError } from '../../../shared/errors.js';
import { toZonedIso } from '../../../shared/time.js';
import type { PatientChart } from '../../../shared/contracts/portal.js';
import { BREAK_GLASS_REQUIRED, decide } from '../access/engine/policy.js';
import type { AuditContext, AuditService } from '../audit/audit.service.js';
import type { CurrentSession, IdentityService } from '../identity/identity.service.js';
import type { SchedulingService } from '../scheduling/scheduling.service.js';
import { chartOf } from './portal.repo.js';

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

  /**
   * One patient's chart summary. A clinician outside the patient's care is
   * refused with 403 and the reason `break_glass_required`, rather than 404, so
   * the console can offer emergency access: clinicians may already find any
   * patient by name, so the answer tells them nothing new. The route's guard
   * refuses roles without chart.read (403, the same for every id); a patient,
   * caregiver or referrer asking for a chart not theirs gets 404, as for an
   * unknown id. Each read records the basis it was allowed on, so reads under
   * emergency access stand out in the audit trail and the patient's accounting.
   */
  async function chart(session: CurrentSession | null, ctx: AuditContext, patientId: string): Promise<PatientChart> {
    const careTeam = session?.user.practitionerId ? await scheduling.hasCareRelationship(session.user.practitionerId, patientId) : false;
    const facts = { patientId, careTeam };
    const mayBreakGlass = !!session && decide(session.actor, 'break_glass.start').allow;
    if (mayBreakGlass && !decide(session.actor, 'chart.read', facts).allow && (await scheduling.patientExists(patientId))) {
      await audit.record(ctx, { action: 'chart.read', resourceType: 'patient', resourceId: patientId, patientId, outcome: 'denied', reason: BREAK_GLASS_REQUIRED });
      throw new AppError('FORBIDDEN', 'This patient is not under your care. To open the chart in an emergency, give a reason; the access is time-limited and reviewed.', { reason: 'break_glass_required' });
    }
    const basis = await identity.authorize(session, 'chart.read', facts, ctx, { type: 'patient', id: patientId });
    const row = await chartOf(deps.db, deps.organizationId, patientId);
    if (!row) {
      await audit.recordRead(ctx, { action: 'chart.read', resourceType: 'patient', resourceId: patientId, outcome: 'failure', reason: 'unknown patient' });
      throw new AppError('NOT_FOUND', 'Not found.', { reason: 'not_found' });
    }
    const expiresAt = basis === 'break_glass' ? await identity.breakGlassExpiry(session!.user.id, patientId) : undefined;
    await audit.recordRead(ctx, { action: 'chart.read', resourceType: 'patient', resourceId: patientId, patientId, reason: basis });
    return {
      patient: row.patient,
      visits: row.visits.map((v) => ({ ...v, start: toZonedIso(v.start, v.timeZone), end: toZonedIso(v.end, v.timeZone) })),
      sharing: row.sharing,
      access: { basis, expiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString() },
    };
  }

  async function disclosures(session: CurrentSession | null, ctx: AuditContext, patientId: string) {
    await identity.authorize(session, 'disclosures.read', { patientId }, ctx, { type: 'patient', id: patientId });
    const rows = await audit.disclosuresOf(patientId);
    await audit.recordRead(ctx, { action: 'disclosures.read', resourceType: 'patient', resourceId: patientId, patientId });
    return rows.map((e) => ({
      at: new Date(e.occurredAt).toISOString(), who: e.actorName ?? (e.actorRole === 'code_holder' ? 'Holder of the confirmation code' : e.actorRole), role: e.actorRole, action: e.action, outcome: e.outcome,
      // Opened through emergency access (break-glass), not a care relationship: the patient is told so.
      // A refused attempt opened nothing, so it is not flagged as an emergency access.
      emergency: e.outcome === 'success' && (e.action === 'break_glass.start' || (e.action === 'chart.read' && e.reason === 'break_glass')),
    }));
  }

  async function breakGlass(session: CurrentSession | null, ctx: AuditContext, patientId: string, reason: string) {
    if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in.', { reason: 'sign_in_required' });
    if (!(await scheduling.patientExists(patientId))) throw new AppError('NOT_FOUND', 'Not found.', { reason: 'not_found' });
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
    appointments, chart, disclosures, breakGlass, sharedWithMe,
    listCaregivers: identity.listCaregivers,
    inviteCaregiver: identity.inviteCaregiver,
    revokeSharing: identity.revokeSharing,
  };
}
export type PortalService = ReturnType<typeof createPortalService>;
