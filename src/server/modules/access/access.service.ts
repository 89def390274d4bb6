import type { Db, Queryable } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../../shared/errors.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import type { Language, NoticeRequest } from '../notices/index.js';
import * as repo from './access.repo.js';
import { assertGrant, createAuthorizer, type Grant } from './authorize.js';
import { decide, type Actor, type Permission, type Role } from './engine/policy.js';

const DAY_MS = 86_400_000;
const BREAK_GLASS_TTL_MS = 4 * 3_600_000;
/** Caregiver invitations: per patient in a day, and emails to one address in a day. */
const CAREGIVER_INVITES_PER_PATIENT = 10;
const CAREGIVER_EMAILS_PER_ADDRESS = 3;

/**
 * What sharing needs from the accounts identity keeps, handed in by app.ts so
 * that access never imports identity (identity depends on access).
 */
export interface CaregiverAccounts {
  /**
   * In the caller's transaction: the account an invitation to this email is
   * for, creating an invited caregiver account (and the token of its link)
   * when there is none; `other` when the email belongs to another kind of
   * account. `language` is the invitee's own, else the sharing patient's.
   */
  caregiverAccount(t: Queryable, email: string, displayName: string, patientId: string): Promise<{ kind: 'other' } | { kind: 'caregiver'; userId: string; token: string | null; language: Language }>;
  /** Serialises counting on one subject for the rest of the transaction. */
  lockAttempts(t: Queryable, subject: string): Promise<void>;
  /** For each limit: how many attempts its window holds, and when it lets the next through (0 while under it). */
  tallyAttempts(t: Queryable, limits: { subject: string; max: number; windowMs: number }[], now: number): Promise<{ count: number; retryAt: number }[]>;
  addAttempts(t: Queryable, subjects: string[], now: number): Promise<void>;
}

export interface AccessDeps {
  db: Db;
  clock: Clock;
  organizationId: string;
  /** The clinic's name as it is now (the clinic settings may change it). */
  clinicName: () => string;
  audit: AuditService;
  accounts: CaregiverAccounts;
  /** Renders a registered notice in the recipient's language and puts it in the outbox, inside the caller's transaction. */
  enqueueNotice(t: Queryable, notice: NoticeRequest): Promise<unknown>;
  afterCommit(): void;
}

/**
 * Access: the one authorization of every request (authorize.ts), and what
 * it is decided from that access keeps itself: sharing with caregivers and
 * referring providers, and emergency access (break-glass).
 */
export function createAccessService(deps: AccessDeps) {
  const { db, clock, organizationId, audit, accounts } = deps;
  const authorizer = createAuthorizer(deps);

  /**
   * A patient (or whoever the policy lets manage sharing) invites a caregiver
   * to see their record. The answer is the same whether or not the email has an
   * account: one that belongs to another kind of account (staff, a patient)
   * gets an invitation that grants nothing, which the patient's list shows as
   * unusable (issue 9, defect 8). Invitations are limited per patient, and
   * emails per address, so the form cannot be used to mail anyone at will.
   */
  async function inviteCaregiver(grant: Grant, patientId: string, input: { email: string; displayName: string; scope: 'full' | 'limited' }, ctx: AuditContext) {
    assertGrant(grant, 'sharing.manage', patientId);
    const now = clock.now();
    const email = input.email.trim();
    const perPatient = `caregiver-invite:${patientId}`;
    const perAddress = `caregiver-mail:${email.toLowerCase()}`;
    const result = await db.tx(async (t) => {
      await accounts.lockAttempts(t, perPatient);
      const [invites, mails] = await accounts.tallyAttempts(t, [
        { subject: perPatient, max: CAREGIVER_INVITES_PER_PATIENT, windowMs: DAY_MS },
        { subject: perAddress, max: CAREGIVER_EMAILS_PER_ADDRESS, windowMs: DAY_MS },
      ], now);
      if (invites!.retryAt > now) return { refusedFor: (invites!.retryAt - now) / 1000 };
      const mailAllowed = mails!.count < CAREGIVER_EMAILS_PER_ADDRESS;
      await accounts.addAttempts(t, mailAllowed ? [perPatient, perAddress] : [perPatient], now);
      const account = await accounts.caregiverAccount(t, email, input.displayName, patientId);
      if (account.kind === 'other') {
        const grantId = await repo.insertCaregiverGrant(t, { organizationId, caregiverUserId: null, unusableEmail: email, invitedName: input.displayName, patientId, scope: input.scope });
        await audit.record(ctx, { action: 'sharing.caregiver_grant', resourceType: 'caregiver_grant', resourceId: grantId, patientId, outcome: 'failure', reason: 'email belongs to another kind of account' }, t);
        return { grantId };
      }
      const grantId = await repo.insertCaregiverGrant(t, { organizationId, caregiverUserId: account.userId, invitedName: input.displayName, patientId, scope: input.scope });
      if (mailAllowed) {
        await deps.enqueueNotice(t, {
          template: 'account.caregiver_invitation', language: account.language, to: email,
          params: { displayName: input.displayName, token: account.token }, subject: { type: 'caregiver_grant', id: grantId },
        });
      }
      await audit.record(ctx, { action: 'sharing.caregiver_grant', resourceType: 'caregiver_grant', resourceId: grantId, patientId, reason: `scope ${input.scope}${mailAllowed ? '' : '; no email (limit for this address reached)'}` }, t);
      return { grantId };
    }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'CONFLICT' && !err.details.issues) throw new AppError('CONFLICT', 'This person already has access to the record.', { reason: 'already_shared' });
      throw err;
    });
    if ('refusedFor' in result) {
      await audit.record(ctx, { action: 'sharing.caregiver_grant', resourceType: 'patient', resourceId: patientId, patientId, outcome: 'denied', reason: 'too many invitations today' });
      throw AppError.tooMany('You have sent as many caregiver invitations as a day allows. Please try again tomorrow, or call the clinic.', result.refusedFor!, 'too_many_invitations');
    }
    deps.afterCommit();
    return { grantId: result.grantId };
  }

  /** Ends a caregiver's or a referring provider's access to the record; the next request is decided without it. */
  async function revokeSharing(grant: Grant, patientId: string, what: { kind: 'caregiver' | 'referral'; id: string }, ctx: AuditContext): Promise<void> {
    assertGrant(grant, 'sharing.manage', patientId);
    await db.tx(async (t) => {
      const ended = what.kind === 'caregiver' ? await repo.revokeCaregiverGrant(t, organizationId, patientId, what.id) : await repo.revokeReferral(t, organizationId, patientId, what.id);
      if (!ended) throw new AppError('NOT_FOUND', 'No such active access.', { reason: 'not_found' });
      await audit.record(ctx, { action: what.kind === 'caregiver' ? 'sharing.caregiver_revoke' : 'sharing.referral_revoke', resourceType: what.kind, resourceId: what.id, patientId }, t);
    });
  }

  /** Emergency access to a chart outside the clinician's care: reasoned, four hours, reviewed. */
  async function startBreakGlass(grant: Grant, patientId: string, reason: string, ctx: AuditContext) {
    assertGrant(grant, 'break_glass.start', patientId);
    if (!grant.patientExists) throw new AppError('NOT_FOUND', 'Not found.', { reason: 'not_found' });
    const now = clock.now();
    await db.tx(async (t) => {
      await repo.insertBreakGlass(t, { organizationId, userId: grant.userId, patientId, reason, now, ttlMs: BREAK_GLASS_TTL_MS });
      await audit.record(ctx, { action: 'break_glass.start', resourceType: 'patient', resourceId: patientId, patientId, reason }, t);
    });
    return { patientId, expiresAt: new Date(now + BREAK_GLASS_TTL_MS).toISOString() };
  }

  /** Who accessed a patient's record (accounting of disclosures, 45 CFR 164.528). */
  async function disclosures(grant: Grant, ctx: AuditContext, patientId: string) {
    assertGrant(grant, 'disclosures.read', patientId);
    const rows = await audit.disclosuresOf(patientId);
    await audit.recordRead(ctx, { action: 'disclosures.read', resourceType: 'patient', resourceId: patientId, patientId });
    return rows.map((e) => ({
      at: new Date(e.occurredAt).toISOString(), who: e.actorName ?? (e.actorRole === 'code_holder' ? 'Holder of the confirmation code' : e.actorRole), role: e.actorRole, action: e.action, outcome: e.outcome,
      // Opened through emergency access (break-glass), not a care relationship: the patient is told so.
      // A refused attempt opened nothing, so it is not flagged as an emergency access.
      emergency: e.outcome === 'success' && (e.action === 'break_glass.start' || (e.action === 'chart.read' && e.reason === 'break_glass')),
    }));
  }

  return {
    authorize: authorizer.authorize,
    /** Whether the policy lets this person do something that concerns no one patient (a live topic's check). */
    allows(who: { userId: string; role: Role; mfaPassed: boolean }, permission: Permission): boolean {
      const actor: Actor = { ...who, patientId: null, caregiverOf: [], referredPatients: [], breakGlass: [] };
      return decide(actor, permission).allow;
    },
    registerFactSource: authorizer.registerFactSource,
    inviteCaregiver, revokeSharing, startBreakGlass, disclosures,
    listCaregivers(grant: Grant, patientId: string) {
      assertGrant(grant, 'sharing.manage', patientId);
      return repo.listCaregiverGrants(db, organizationId, patientId);
    },
    /** The records shared with this caregiver, for whoever already holds a shared_records.read grant. */
    sharedWith(grant: Grant) {
      assertGrant(grant, 'shared_records.read');
      return repo.grantsToCaregiver(db, organizationId, grant.userId);
    },
    /** The review list names patients, so reading it is itself audited, as reading the audit trail is. */
    async listBreakGlass(unreviewedOnly: boolean, ctx: AuditContext) {
      const rows = await repo.listBreakGlass(db, organizationId, unreviewedOnly);
      await audit.record(ctx, { action: 'audit.read', resourceType: 'break_glass', reason: `${rows.length} break-glass access${rows.length === 1 ? '' : 'es'}` });
      return rows;
    },
    async reviewBreakGlass(grant: Grant, id: string, ctx: AuditContext): Promise<void> {
      assertGrant(grant, 'audit.read');
      await db.tx(async (t) => {
        if (!(await repo.reviewBreakGlass(t, organizationId, id, grant.userId, clock.now()))) throw new AppError('NOT_FOUND', 'No such unreviewed break-glass access.', { reason: 'not_found' });
        await audit.record(ctx, { action: 'break_glass.review', resourceType: 'break_glass', resourceId: id }, t);
      });
    },
  };
}
export type AccessService = ReturnType<typeof createAccessService>;
