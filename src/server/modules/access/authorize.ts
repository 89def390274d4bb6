import type { Db } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../../shared/errors.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import { BREAK_GLASS_REQUIRED, decide, type Actor, type Basis, type Permission, type Role } from './engine/policy.js';
import * as repo from './access.repo.js';
import type { CurrentSession } from './session.js';

/** The facts other modules can tell the policy about one actor and one patient. */
export type FactName = 'careTeam' | 'patientExists';

/**
 * A fact a module knows and registers with access (scheduling: "this
 * clinician has a visit with the patient"; patients: "the patient exists";
 * later referrals: "referred by"). Its SQL is a boolean expression that may
 * use :organization, :patient, :user, :practitioner and :now; every fact one
 * decision needs is read in the same single query.
 */
export interface FactSource {
  fact: FactName;
  /** Whether deciding this permission for this role needs the fact (most decisions need none). */
  needed(q: { role: Role; permission: Permission }): boolean;
  sql: string;
}

/**
 * A decision that allowed, with what it was based on. Only authorize() makes
 * one; services take it instead of asking the policy again.
 */
export interface Grant {
  readonly permission: Permission;
  readonly basis: Basis;
  readonly userId: string;
  readonly role: Role;
  /** The patient in view, when the permission is about one. */
  readonly patientId: string | null;
  /** Known when the decision needed it (chart reads, break-glass); null when not asked. */
  readonly patientExists: boolean | null;
  /** When this clinician's emergency access to the patient ends, if it is in force (chart reads). */
  readonly breakGlassUntil: number | null;
}

/** Where a refusal is recorded: the route, or the patient. */
export interface Resource {
  type: string;
  id: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

export function createAuthorizer(deps: { db: Db; clock: Clock; organizationId: string; audit: AuditService }) {
  const { db, clock, organizationId, audit } = deps;
  const sources: FactSource[] = [];

  /** What the policy needs to know that depends on the patient, in at most one round trip. */
  async function gather(session: CurrentSession, permission: Permission, patientId: string): Promise<Record<string, unknown>> {
    const role = session.user.role;
    const columns: repo.FactColumn[] = [];
    if (role === 'caregiver') columns.push(repo.CAREGIVER_SCOPE);
    if (role === 'referrer') columns.push(repo.REFERRAL);
    if (role === 'clinician' && permission === 'chart.read') columns.push(repo.BREAK_GLASS_UNTIL);
    for (const s of sources) if (s.needed({ role, permission })) columns.push({ name: s.fact, sql: s.sql });
    if (columns.length === 0) return {};
    return repo.loadFacts(db, columns, { organization: organizationId, patient: patientId, user: session.user.id, practitioner: session.user.practitionerId, now: clock.now() });
  }

  /**
   * The one authorization of a request: gathers the facts the permission
   * needs, asks the policy once, records a refusal in the audit trail and
   * throws it. Another patient's record answers 404, as an unknown one does;
   * a clinician outside the care of an existing patient gets 403 with the
   * reason `break_glass_required`, so the console can offer emergency access.
   */
  async function authorize(session: CurrentSession | null, permission: Permission, patientId: string | undefined, ctx: AuditContext, resource?: Resource): Promise<Grant> {
    const where = resource ?? { type: 'patient', id: patientId ?? null };
    const recordedPatient = patientId && isUuid(patientId) ? patientId : null;
    const refuse = (reason: string, r: Resource = where) =>
      audit.record(ctx, { action: permission, resourceType: r.type, resourceId: r.id, patientId: recordedPatient, outcome: 'denied', reason });
    if (!session) {
      await refuse('not signed in');
      throw new AppError('UNAUTHENTICATED', 'Please sign in.', { reason: 'sign_in_required' });
    }
    const base: Actor = { userId: session.user.id, role: session.user.role, mfaPassed: session.mfaPassed, patientId: session.user.patientId, caregiverOf: [], referredPatients: [], breakGlass: [] };
    const byRole = decide(base, permission);
    if (!byRole.allow) {
      await refuse(byRole.reason);
      const mfa = byRole.reason === 'second factor required';
      throw new AppError('FORBIDDEN', mfa ? 'Finish signing in with your authenticator code first.' : 'Your role does not allow this.', { reason: mfa ? 'second_factor_required' : 'role' });
    }
    const grant = (basis: Basis, f: Record<string, unknown> = {}): Grant => ({
      permission, basis, userId: session.user.id, role: session.user.role, patientId: patientId ?? null,
      patientExists: f.patientExists === undefined ? null : f.patientExists === true, breakGlassUntil: typeof f.breakGlassUntil === 'number' ? f.breakGlassUntil : null,
    });
    if (patientId === undefined) return grant(byRole.basis);
    // A malformed id reaches no SQL: its request is refused by validation (422)
    // if the role could ask at all, so the role's answer is all it gets here.
    const facts = isUuid(patientId) ? await gather(session, permission, patientId) : { careTeam: true };
    const scope = facts.caregiverScope;
    const actor: Actor = {
      ...base,
      caregiverOf: scope === 'full' || scope === 'limited' ? [{ patientId, scope }] : [],
      referredPatients: facts.referral === true ? [patientId] : [],
      breakGlass: typeof facts.breakGlassUntil === 'number' ? [patientId] : [],
    };
    const d = decide(actor, permission, { patientId, careTeam: facts.careTeam === true });
    if (d.allow) return grant(d.basis, facts);
    if (d.reason === BREAK_GLASS_REQUIRED && facts.patientExists === true) {
      await refuse(d.reason, { type: 'patient', id: patientId });
      throw new AppError('FORBIDDEN', 'This patient is not under your care. To open the chart in an emergency, give a reason; the access is time-limited and reviewed.', { reason: 'break_glass_required' });
    }
    await refuse(d.reason);
    throw new AppError('NOT_FOUND', 'Not found.', { reason: 'not_found' });
  }

  return {
    authorize,
    /** Adds a fact source; each module's descriptor lists its own, and app.ts registers them at start. */
    registerFactSource(source: FactSource): void {
      if (sources.some((s) => s.fact === source.fact)) throw new Error(`Access fact ${source.fact} is registered twice`);
      sources.push(source);
    },
  };
}

/** A service's check that it was handed the grant it needs: a programming error, never a user's. */
export function assertGrant(grant: Grant, permission: Permission, patientId?: string): void {
  if (grant.permission !== permission || (patientId !== undefined && grant.patientId !== patientId)) {
    throw new Error(`A grant for ${grant.permission} ${grant.patientId ?? ''} was passed where ${permission} ${patientId ?? ''} is needed`);
  }
}
