import type { Queryable } from '../../db/db.js';
import { hashPassword } from '../../platform/passwords.js';
import { newToken, tokenHash } from '../../platform/tokens.js';
import { AppError } from '../../../shared/errors.js';
import { isStaff, type CaregiverAccounts, type IssuedSession, type Role } from '../access/index.js';
import type { AuditContext } from '../audit/index.js';
import { limitEnds } from './engine/throttle.js';
import { auditAs, INVITE_TTL_MS, needsSecondFactor, passwordIssue, type IdentityCore } from './identity.core.js';
import * as repo from './identity.repo.js';

/**
 * Invitations: staff invited by an administrator, and the caregiver accounts
 * access's sharing invites (through the CaregiverAccounts port).
 */
export function createInvitations({ deps, sessions: { issueSession } }: IdentityCore) {
  const { db, clock, organizationId, audit } = deps;

  async function inviteStaff(input: { email: string; displayName: string; role: Role; practitionerId?: string | undefined }, ctx: AuditContext): Promise<{ userId: string; inviteUrl: string }> {
    if (!isStaff(input.role)) throw AppError.invalid('role', 'must be a staff role (front_desk, nurse, clinician, billing, admin)', 'staff_role_required');
    if (input.role === 'clinician' && !input.practitionerId) throw AppError.invalid('practitionerId', 'is required for a clinician', 'practitioner_required');
    if (input.role !== 'clinician' && input.practitionerId) throw AppError.invalid('practitionerId', 'is only for a clinician', 'practitioner_only_for_clinician');
    if (input.practitionerId && !(await repo.practitionerExists(db, organizationId, input.practitionerId))) {
      throw AppError.invalid('practitionerId', 'is not a practitioner of this clinic');
    }
    let inviteUrl = '';
    const userId = await db.tx(async (t) => {
      const existing = await repo.findUserByEmail(t, organizationId, input.email);
      if (existing?.status === 'invited') {
        throw new AppError('CONFLICT', 'An account with that email is already invited.', { issues: [{ field: 'email', message: 'is already invited; send a new link from the list' }], reason: 'already_invited' });
      }
      if (existing) throw new AppError('CONFLICT', 'An account with that email already exists.', { issues: [{ field: 'email', message: 'already has an account' }], reason: 'exists' });
      const id = await repo.insertUser(t, { organizationId, email: input.email, displayName: input.displayName, role: input.role, status: 'invited', practitionerId: input.practitionerId ?? null });
      inviteUrl = await issueInvite(t, { id, email: input.email, displayName: input.displayName });
      await audit.record(ctx, { action: 'user.invite', resourceType: 'user', resourceId: id, reason: `role ${input.role}` }, t);
      return id;
    });
    deps.afterCommit();
    return { userId, inviteUrl };
  }

  /** A fresh invitation link (emailed too) for the user's first sign-in; the link it replaces stops working. */
  async function issueInvite(t: Queryable, user: { id: string; email: string; displayName: string }): Promise<string> {
    const token = newToken();
    const inviteUrl = `${deps.publicUrl}/console/invite/${token}`;
    await repo.spendTokens(t, user.id, 'invite', clock.now());
    await repo.insertToken(t, { organizationId, userId: user.id, tokenHash: tokenHash(token), purpose: 'invite', now: clock.now(), ttlMs: INVITE_TTL_MS });
    await deps.enqueueNotice(t, {
      template: 'account.staff_invitation', language: await repo.languageOfUser(t, user.id), to: user.email,
      params: { displayName: user.displayName, token }, subject: { type: 'user', id: user.id },
    });
    return inviteUrl;
  }

  /** An invitation lost or expired: a new link for an account that has not been set up yet. */
  async function reissueInvite(userId: string, ctx: AuditContext): Promise<{ userId: string; inviteUrl: string }> {
    const inviteUrl = await db.tx(async (t) => {
      const user = await repo.findUserById(t, organizationId, userId);
      // Staff only: a caregiver's link is the patient's to send. An admin who
      // could take a new one could set its password and read that record.
      if (!user || !isStaff(user.role)) throw new AppError('NOT_FOUND', 'No such staff account.', { reason: 'not_found' });
      if (user.status !== 'invited') throw new AppError('CONFLICT', 'This account has already been set up; it needs no invitation.', { reason: 'not_invited' });
      const url = await issueInvite(t, user);
      await audit.record(ctx, { action: 'user.reinvite', resourceType: 'user', resourceId: userId }, t);
      return url;
    });
    deps.afterCommit();
    return { userId, inviteUrl };
  }

  async function describeInvite(token: string): Promise<{ email: string; displayName: string; role: Role }> {
    const userId = await repo.peekToken(db, tokenHash(token), 'invite', clock.now());
    const user = userId ? await repo.findUserById(db, organizationId, userId) : undefined;
    if (!user) throw new AppError('NOT_FOUND', 'This invitation link is not valid or has expired. Ask an administrator for a new one.', { reason: 'invitation_invalid' });
    return { email: user.email, displayName: user.displayName, role: user.role };
  }

  async function acceptInvite(token: string, password: string, ctx: AuditContext): Promise<{ session: IssuedSession; user: repo.UserRow; next: 'done' | 'enroll_totp' }> {
    const invited = await describeInvite(token);
    await passwordIssue(password, { email: invited.email, name: invited.displayName });
    const hash = await hashPassword(password);
    return db.tx(async (t) => {
      const userId = await repo.consumeToken(t, tokenHash(token), 'invite', clock.now());
      if (!userId) throw new AppError('NOT_FOUND', 'This invitation link was already used or has expired.', { reason: 'invitation_invalid' });
      await repo.setPassword(t, userId, hash, 'active');
      const user = (await repo.findUserById(t, organizationId, userId))!;
      await audit.record(auditAs(ctx, user), { action: 'user.invite_accepted', resourceType: 'user', resourceId: userId }, t);
      const mfa = needsSecondFactor(user);
      return { session: await issueSession(t, user, !mfa, ctx), user, next: mfa ? ('enroll_totp' as const) : ('done' as const) };
    });
  }

  /** What access's sharing needs of accounts (it cannot import identity: identity depends on access). */
  const caregiverAccounts: CaregiverAccounts = {
    async caregiverAccount(t, email, displayName, patientId) {
      const user = await repo.findUserByEmail(t, organizationId, email);
      if (user && user.role !== 'caregiver') return { kind: 'other' };
      // The invitee's own language if they have one, else the patient's (who knows what they read).
      const language = await repo.inviteeLanguage(t, { userId: user?.id ?? null, patientId });
      if (user) return { kind: 'caregiver', userId: user.id, token: null, language };
      const token = newToken();
      const id = await repo.insertUser(t, { organizationId, email, displayName, role: 'caregiver', status: 'invited' });
      await repo.setUserLanguage(t, id, language);
      await repo.insertToken(t, { organizationId, userId: id, tokenHash: tokenHash(token), purpose: 'invite', now: clock.now(), ttlMs: INVITE_TTL_MS });
      return { kind: 'caregiver', userId: id, token, language };
    },
    lockAttempts: (t, subject) => repo.lockSubject(t, subject),
    async tallyAttempts(t, limits, now) {
      const seen = await repo.recentFailures(t, limits.map((l) => l.subject), now - Math.max(...limits.map((l) => l.windowMs)));
      return limits.map((l) => {
        const times = seen.filter((f) => f.subject === l.subject && f.at > now - l.windowMs).map((f) => f.at);
        return { count: times.length, retryAt: limitEnds(times, l.max, l.windowMs) };
      });
    },
    addAttempts: (t, subjects, now) => repo.insertFailures(t, organizationId, subjects, now),
  };

  return { inviteStaff, reissueInvite, describeInvite, acceptInvite, caregiverAccounts };
}
