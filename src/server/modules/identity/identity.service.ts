import type { Db, Queryable } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import { hashPassword, verifyAgainstDummy, verifyPassword, warmPasswordHashing } from '../../platform/passwords.js';
import { newRecoveryCodes, newToken, tokenHash } from '../../platform/tokens.js';
import { matchTotp, newTotpSecret, otpauthUri } from '../../platform/totp.js';
import { AppError } from '../../../shared/errors.js';
import { decide, isStaff, MFA_REQUIRED, type Actor, type Basis, type Permission, type ResourceFacts, type Role } from '../access/engine/policy.js';
import type { AuditContext, AuditService } from '../audit/audit.service.js';
import { isValidNpi } from './engine/npi.js';
import { passwordProblem } from './engine/password-policy.js';
import { randomInt } from 'node:crypto';
import { secondFactorVerdict } from './engine/second-factor.js';
import { limitEnds, throttle, WINDOW_MS } from './engine/throttle.js';
import * as repo from './identity.repo.js';

export const ABSOLUTE_LIFETIME_MS = 12 * 3_600_000;
const DAY_MS = 86_400_000;
const INVITE_TTL_MS = 7 * DAY_MS;
const RESET_TTL_MS = 3_600_000;
const BREAK_GLASS_TTL_MS = 4 * 3_600_000;
/** Idle timeouts: 15 minutes for staff and outside clinicians, 30 for patients (issue 3). */
export function idleTimeoutSec(role: Role): number {
  return role === 'patient' || role === 'caregiver' ? 30 * 60 : 15 * 60;
}

/** A session as the HTTP layer sees it; `token` goes in the cookie and nowhere else. */
export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: number;
  idleTimeoutSec: number;
}

export interface CurrentSession {
  idHash: string;
  user: repo.UserRow;
  actor: Actor;
  csrfToken: string;
  expiresAt: number;
  idleExpiresAt: number;
  mfaPassed: boolean;
}

export interface Mail {
  recipient: string;
  subject: string;
  text: string;
  template: string;
}

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  organizationId: string;
  clinicName: string;
  publicUrl: string;
  audit: AuditService;
  /** Puts an email in the outbox inside the caller's transaction. */
  enqueueEmail(t: Queryable, mail: Mail): Promise<void>;
  /** Patient records, through the scheduling module's service (absent in tools that create staff only). */
  patients?: {
    match(m: { firstName: string; lastName: string; dateOfBirth: string }): Promise<{ id: string; email: string; firstName: string }[]>;
    byCode(appointmentId: string, code: string): Promise<{ id: string; email: string; firstName: string } | undefined>;
  };
  afterCommit(): void;
}

/** Recovery codes are shown as 'k7fq-2mzp-9xwd'; accept them typed in capitals or without the dashes. */
function normalRecoveryCode(code: string): string {
  const plain = code.replace(/[^a-z0-9]/gi, '').toLowerCase();
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}

const SIGN_IN_FAILED = 'The email or password is not correct.';
const NO_MATCH = 'We could not match those details. Check them, or call the clinic.';
const ACTIVATION_TTL_MS = 15 * 60_000;
const ACTIVATION_TRIES = 5;
/** Wrong activation codes from one address in 15 minutes, across every name tried. */
const ACTIVATION_IP_TRIES = 20;
/** Codes emailed to one patient in 15 minutes; further requests get the same answer and no email. */
const ACTIVATION_CODES_PER_PATIENT = 3;
/** Reset emails: per account and per source address, in an hour. */
const RESET_EMAILS_PER_ACCOUNT = 3;
const RESET_REQUESTS_PER_IP = 20;
/** Caregiver invitations: per patient in a day, and emails to one address in a day. */
const CAREGIVER_INVITES_PER_PATIENT = 10;
const CAREGIVER_EMAILS_PER_ADDRESS = 3;

/** A name as matching compares it: case, accents and spacing set aside. */
function normalName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
/**
 * Answers that must not tell a known email from an unknown one take at least
 * this long, whatever work each path did (OWASP ASVS 2.2.x, issue 3).
 */
export const UNIFORM_ANSWER_MS = 250;

async function atLeast<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = ms - (performance.now() - started);
    if (left > 0) await new Promise((r) => setTimeout(r, left));
  }
}

export function createIdentityService(deps: IdentityDeps) {
  const { db, clock, organizationId, audit } = deps;
  warmPasswordHashing();

  function passwordIssue(password: string, ctx: { email?: string; name?: string }): void {
    const problem = passwordProblem(password, ctx);
    if (problem) throw AppError.invalid('password', problem.message, problem.reason);
  }

  async function issueSession(t: Queryable, user: repo.UserRow, mfaPassed: boolean, ctx: AuditContext): Promise<IssuedSession> {
    const token = newToken();
    const csrfToken = newToken();
    const now = clock.now();
    const s = { token, csrfToken, expiresAt: now + ABSOLUTE_LIFETIME_MS, idleTimeoutSec: idleTimeoutSec(user.role) };
    await repo.insertSession(t, {
      organizationId, idHash: tokenHash(token), userId: user.id, now, expiresAt: s.expiresAt, idleTimeoutSec: s.idleTimeoutSec,
      mfaPassed, csrfToken, sourceIp: ctx.sourceIp, userAgent: ctx.userAgent,
    });
    return s;
  }

  const needsSecondFactor = (u: repo.UserRow) => MFA_REQUIRED.includes(u.role) || u.totpEnabled;
  const auditAs = (ctx: AuditContext, u: repo.UserRow): AuditContext => ({ ...ctx, actorUserId: u.id, actorRole: u.role });

  // Resolved sessions are kept for a moment: most requests of a page come in a
  // burst. Sign-out, revocation and rotation in this process drop the entry at
  // once; another process drops it when it hears the notice (onSessionsEnded),
  // and in any case within SESSION_CACHE_MS.
  const SESSION_CACHE_MS = 2000;
  const cache = new Map<string, { at: number; value: Omit<CurrentSession, 'idleExpiresAt'> & { lastSeenAt: number; idleTimeoutSec: number } }>();
  const forget = (idHash: string) => cache.delete(idHash);
  const forgetUser = (userId: string) => {
    for (const [k, v] of cache) if (v.value.user.id === userId) cache.delete(k);
  };

  /** Resolves the session cookie; an expired, idle or revoked session is no session. */
  async function resolveSession(token: string | undefined): Promise<CurrentSession | null> {
    if (!token || token.length > 100) return null;
    const idHash = tokenHash(token);
    const now = clock.now();
    let entry = cache.get(idHash);
    if (!entry || now - entry.at > SESSION_CACHE_MS || now < entry.at) {
      const row = await repo.loadSession(db, idHash, now);
      if (!row || row.session.revokedAt !== null || row.user.status === 'disabled' || row.user.organizationId !== organizationId) {
        forget(idHash);
        return null;
      }
      const { session: s, user } = row;
      const actor: Actor = {
        userId: user.id, role: user.role, mfaPassed: s.mfaPassed, patientId: user.patientId,
        caregiverOf: row.caregiverOf, referredPatients: row.referred, breakGlass: row.breakGlass,
      };
      entry = { at: now, value: { idHash, user, actor, csrfToken: s.csrfToken, expiresAt: s.expiresAt, mfaPassed: s.mfaPassed, lastSeenAt: s.lastSeenAt, idleTimeoutSec: s.idleTimeoutSec } };
      if (cache.size > 10_000) cache.clear();
      cache.set(idHash, entry);
    }
    const v = entry.value;
    if (now >= v.expiresAt || now >= v.lastSeenAt + v.idleTimeoutSec * 1000) {
      forget(idHash);
      return null;
    }
    // Sliding idle window; written at most every 30 s to spare the database.
    if (now - v.lastSeenAt > 30_000) {
      await repo.touchSession(db, idHash, now);
      v.lastSeenAt = now;
    }
    return { idHash, user: v.user, actor: v.actor, csrfToken: v.csrfToken, expiresAt: v.expiresAt, idleExpiresAt: v.lastSeenAt + v.idleTimeoutSec * 1000, mfaPassed: v.mfaPassed };
  }

  async function signIn(email: string, password: string, ctx: AuditContext): Promise<{ session: IssuedSession; user: repo.UserRow; next: 'done' | 'totp' | 'enroll_totp' }> {
    const now = clock.now();
    const acct = `acct:${email.trim().toLowerCase()}`;
    const ip = `ip:${ctx.sourceIp ?? 'unknown'}`;
    const failures = await repo.recentFailures(db, [acct, ip], now - WINDOW_MS);
    const verdict = throttle(failures.filter((f) => f.subject === acct).map((f) => f.at), failures.filter((f) => f.subject === ip).map((f) => f.at), now);
    if (!verdict.allowed) {
      await audit.record(ctx, { action: 'session.sign_in', resourceType: 'session', outcome: 'denied', reason: verdict.locked ? 'locked' : 'throttled' });
      const wait = Math.max(1, Math.ceil((verdict.retryAt! - now) / 1000));
      throw AppError.tooMany(verdict.locked
        ? `Too many failed sign-ins. This account is locked for ${Math.ceil(wait / 60)} minutes; you can reset your password.`
        : `Too many failed sign-ins. Please wait ${wait} ${wait === 1 ? 'second' : 'seconds'} and try again.`, wait, verdict.locked ? 'account_locked' : 'too_many_attempts');
    }
    const started = performance.now();
    const user = await repo.findUserByEmail(db, organizationId, email.trim());
    const ok = user?.passwordHash && user.status !== 'disabled' ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
    if (ok && user?.status === 'pending_approval') {
      throw new AppError('RULE', 'Your account is waiting for the clinic to approve it. We will email you when it is ready.', { reason: 'awaiting_approval' });
    }
    if (!ok || !user || user.status !== 'active') {
      await db.tx(async (t) => {
        await repo.insertFailures(t, organizationId, [acct, ip], now);
        await audit.record(user ? auditAs(ctx, user) : ctx, { action: 'session.sign_in', resourceType: 'session', outcome: 'failure', reason: 'bad credentials' }, t);
      });
      // A failure takes at least as long whichever way it failed (argon2 work is already equal).
      const left = UNIFORM_ANSWER_MS - (performance.now() - started);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
      throw new AppError('UNAUTHENTICATED', SIGN_IN_FAILED, { reason: 'sign_in_failed' });
    }
    const mfa = needsSecondFactor(user);
    const session = await db.tx(async (t) => {
      await repo.clearFailures(t, acct);
      const s = await issueSession(t, user, !mfa, ctx);
      await audit.record(auditAs(ctx, user), { action: 'session.sign_in', resourceType: 'session', reason: mfa ? 'password accepted; second factor pending' : null }, t);
      return s;
    });
    return { session, user, next: !mfa ? 'done' : user.totpEnabled ? 'totp' : 'enroll_totp' };
  }

  /**
   * The second factor: a TOTP code or a one-time recovery code. Rotates the
   * session (privilege change). Every attempt is decided under a lock on the
   * account, and a wrong one is written and audited in a transaction that
   * commits, then answered: guesses are counted, slowed and locked whatever the
   * caller does (issue 9, defect 1).
   */
  async function verifySecondFactor(current: CurrentSession, input: { code?: string | undefined; recoveryCode?: string | undefined }, ctx: AuditContext): Promise<IssuedSession> {
    const user = current.user;
    if (!user.totpEnabled || !user.totpSecret) throw new AppError('RULE', 'Set up your authenticator app first.', { reason: 'totp_not_enrolled' });
    const now = clock.now();
    const c = auditAs(ctx, user);
    const acct = `mfa:${user.id}`;
    const sess = `mfa-session:${current.idHash}`;
    const field = input.code ? 'code' : 'recoveryCode';
    const outcome = await db.tx(async (t) => {
      await repo.lockSubject(t, acct);
      const seen = await repo.recentFailures(t, [acct, sess], now - WINDOW_MS);
      const verdict = secondFactorVerdict(seen.filter((f) => f.subject === sess).map((f) => f.at), seen.filter((f) => f.subject === acct).map((f) => f.at), now);
      if (!verdict.allowed) {
        await repo.insertFailures(t, organizationId, [sess], now);
        if (verdict.endSession) {
          await repo.revokeSession(t, current.idHash, now);
          forget(current.idHash);
        }
        await audit.record(c, { action: 'session.second_factor', resourceType: 'session', outcome: 'denied', reason: verdict.why }, t);
        return { kind: 'refused' as const, verdict };
      }
      let accepted = false;
      if (input.code) {
        const step = matchTotp(user.totpSecret!, input.code.trim(), now, user.totpLastStep);
        accepted = step !== null && (await repo.advanceTotpStep(t, user.id, step));
      } else if (input.recoveryCode) {
        accepted = await repo.useRecoveryCode(t, user.id, tokenHash(normalRecoveryCode(input.recoveryCode)));
      }
      if (!accepted) {
        await repo.insertFailures(t, organizationId, [acct, sess], now);
        await audit.record(c, { action: 'session.second_factor', resourceType: 'session', outcome: 'failure', reason: `wrong ${input.code ? 'code' : 'recovery code'}` }, t);
        return { kind: 'wrong' as const };
      }
      await repo.clearFailures(t, sess);
      await repo.revokeSession(t, current.idHash, now);
      forget(current.idHash);
      const s = await issueSession(t, user, true, ctx);
      await audit.record(c, { action: 'session.second_factor', resourceType: 'session', reason: input.code ? 'totp' : 'recovery code' }, t);
      return { kind: 'ok' as const, session: s };
    });
    if (outcome.kind === 'ok') return outcome.session;
    if (outcome.kind === 'wrong') throw AppError.invalid(field, 'is not correct or was already used', 'code_wrong');
    const { verdict } = outcome;
    if (verdict.endSession) {
      throw new AppError('UNAUTHENTICATED', 'Too many wrong codes: this sign-in has ended. Sign in again with your password.', { reason: 'too_many_attempts' });
    }
    const wait = Math.max(1, Math.ceil((verdict.retryAt! - now) / 1000));
    throw AppError.tooMany(
      wait >= 120 ? `Too many wrong codes. Wait ${Math.ceil(wait / 60)} minutes and try again.` : `Too many wrong codes. Wait ${wait} ${wait === 1 ? 'second' : 'seconds'} and try again.`,
      wait,
    );
  }

  async function startTotpEnrollment(current: CurrentSession): Promise<{ secret: string; otpauthUri: string }> {
    if (current.user.totpEnabled) throw new AppError('CONFLICT', 'Two-factor sign-in is already set up for this account.', { reason: 'totp_already_enrolled' });
    const secret = newTotpSecret();
    await repo.setPendingTotp(db, current.user.id, secret);
    return { secret, otpauthUri: otpauthUri(secret, current.user.email, deps.clinicName) };
  }

  async function confirmTotpEnrollment(current: CurrentSession, code: string, ctx: AuditContext): Promise<{ session: IssuedSession; recoveryCodes: string[] }> {
    const fresh = await repo.findUserById(db, organizationId, current.user.id);
    if (!fresh?.totpSecret || fresh.totpEnabled) throw new AppError('RULE', 'Start the set-up of your authenticator app first.', { reason: 'totp_setup_not_started' });
    const step = matchTotp(fresh.totpSecret, code.trim(), clock.now(), null);
    if (step === null) throw AppError.invalid('code', 'is not correct; check the time on your phone and try the next code', 'code_wrong');
    const recoveryCodes = newRecoveryCodes();
    const session = await db.tx(async (t) => {
      await repo.enableTotp(t, fresh.id, step);
      await repo.replaceRecoveryCodes(t, fresh.id, recoveryCodes.map(tokenHash));
      await repo.revokeSession(t, current.idHash, clock.now());
      forget(current.idHash);
      const s = await issueSession(t, fresh, true, ctx);
      await audit.record(auditAs(ctx, fresh), { action: 'user.totp_enrolled', resourceType: 'user', resourceId: fresh.id }, t);
      return s;
    });
    return { session, recoveryCodes };
  }

  async function signOut(current: CurrentSession, everywhere: boolean, ctx: AuditContext): Promise<void> {
    await db.tx(async (t) => {
      if (everywhere) await repo.revokeUserSessions(t, current.user.id, clock.now());
      else await repo.revokeSession(t, current.idHash, clock.now());
      if (everywhere) forgetUser(current.user.id);
      else forget(current.idHash);
      await audit.record(auditAs(ctx, current.user), { action: everywhere ? 'session.sign_out_everywhere' : 'session.sign_out', resourceType: 'session' }, t);
    });
  }

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
    await deps.enqueueEmail(t, {
      recipient: user.email,
      subject: `${deps.clinicName}: you are invited to the staff console`,
      text: `Hello ${user.displayName},\n\nYou have been invited to the ${deps.clinicName} staff console. Set your password and two-factor sign-in here within 7 days:\n${inviteUrl}\n`,
      template: 'account.invite',
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
    passwordIssue(password, { email: invited.email, name: invited.displayName });
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

  /**
   * Emails a reset link, at most RESET_EMAILS_PER_ACCOUNT an hour to one
   * account, with the same answer either way. One address may ask
   * RESET_REQUESTS_PER_IP times an hour, whatever the emails it names, so its
   * 429 says nothing about any account (issue 9, defect 7).
   */
  async function requestPasswordReset(email: string, ctx: AuditContext): Promise<void> {
    const now = clock.now();
    const ip = `reset-ip:${ctx.sourceIp ?? 'unknown'}`;
    await db.tx(async (t) => {
      await repo.lockSubject(t, ip);
      const retryAt = limitEnds((await repo.recentFailures(t, [ip], now - WINDOW_MS)).map((f) => f.at), RESET_REQUESTS_PER_IP, WINDOW_MS);
      if (retryAt > now) {
        await audit.record(ctx, { action: 'user.password_reset_requested', resourceType: 'user', outcome: 'denied', reason: 'too many requests from this address' }, t);
        throw AppError.tooMany('Too many reset requests from this connection. Please try again later.', (retryAt - now) / 1000, 'too_many_requests');
      }
      await repo.insertFailures(t, organizationId, [ip], now);
    });
    return atLeast(UNIFORM_ANSWER_MS, () => passwordResetWork(email, ctx));
  }

  async function passwordResetWork(email: string, ctx: AuditContext): Promise<void> {
    const user = await repo.findUserByEmail(db, organizationId, email.trim());
    // The same answer and comparable work whether or not the account exists.
    const token = newToken();
    if (!user || user.status !== 'active') {
      await audit.record(ctx, { action: 'user.password_reset_requested', resourceType: 'user', outcome: 'failure', reason: 'no such active account' });
      return;
    }
    const now = clock.now();
    const sent = `reset-sent:${user.id}`;
    if (limitEnds((await repo.recentFailures(db, [sent], now - WINDOW_MS)).map((f) => f.at), RESET_EMAILS_PER_ACCOUNT, WINDOW_MS) > now) {
      await audit.record(auditAs(ctx, user), { action: 'user.password_reset_requested', resourceType: 'user', resourceId: user.id, outcome: 'denied', reason: 'reset emails limited' });
      return;
    }
    await db.tx(async (t) => {
      // The newest link is the only one that works: an older email, forwarded or left in an inbox, opens nothing.
      await repo.spendTokens(t, user.id, 'password_reset', now);
      await repo.insertFailures(t, organizationId, [sent], now);
      await repo.insertToken(t, { organizationId, userId: user.id, tokenHash: tokenHash(token), purpose: 'password_reset', now, ttlMs: RESET_TTL_MS });
      await deps.enqueueEmail(t, {
        recipient: user.email,
        subject: `${deps.clinicName}: reset your password`,
        text: `Someone asked to reset the password of your ${deps.clinicName} account. If it was you, choose a new password within one hour:\n${deps.publicUrl}/reset-password/${token}\n\nIf it was not you, ignore this email; your password has not changed.\n`,
        template: 'account.password_reset',
      });
      await audit.record(auditAs(ctx, user), { action: 'user.password_reset_requested', resourceType: 'user', resourceId: user.id }, t);
    });
    deps.afterCommit();
  }

  async function resetPassword(token: string, password: string, ctx: AuditContext): Promise<void> {
    const userId = await repo.peekToken(db, tokenHash(token), 'password_reset', clock.now());
    const user = userId ? await repo.findUserById(db, organizationId, userId) : undefined;
    if (!user) throw new AppError('NOT_FOUND', 'This reset link is not valid, was already used, or has expired.', { reason: 'reset_link_invalid' });
    passwordIssue(password, { email: user.email, name: user.displayName });
    const hash = await hashPassword(password);
    await db.tx(async (t) => {
      if (!(await repo.consumeToken(t, tokenHash(token), 'password_reset', clock.now()))) {
        throw new AppError('NOT_FOUND', 'This reset link is not valid, was already used, or has expired.', { reason: 'reset_link_invalid' });
      }
      await repo.setPassword(t, user.id, hash);
      // A completed reset spends every other link still out (issue 9, defect 7).
      await repo.spendTokens(t, user.id, 'password_reset', clock.now());
      await repo.revokeUserSessions(t, user.id, clock.now());
      forgetUser(user.id);
      await repo.clearFailures(t, `acct:${user.email.toLowerCase()}`);
      await audit.record(auditAs(ctx, user), { action: 'user.password_reset', resourceType: 'user', resourceId: user.id }, t);
    });
  }

  /** Checks a permission; records the denial, and hides other patients' records behind a 404. */
  /** Asks the policy; a refusal is audited and thrown. Returns the basis of the grant. */
  async function authorize(current: CurrentSession | null, permission: Permission, facts: ResourceFacts, ctx: AuditContext, resource: { type: string; id?: string | null }): Promise<Basis> {
    const d = decide(current?.actor ?? null, permission, facts);
    if (d.allow) return d.basis;
    await audit.record(ctx, { action: permission, resourceType: resource.type, resourceId: resource.id ?? null, patientId: facts.patientId ?? null, outcome: 'denied', reason: d.reason });
    if (!current) throw new AppError('UNAUTHENTICATED', 'Please sign in.', { reason: 'sign_in_required' });
    if (facts.patientId !== undefined) throw new AppError('NOT_FOUND', 'Not found.', { reason: 'not_found' });
    throw new AppError('FORBIDDEN', 'Your role does not allow this.', { reason: 'role' });
  }

  async function startBreakGlass(current: CurrentSession, patientId: string, reason: string, ctx: AuditContext): Promise<{ expiresAt: number }> {
    const now = clock.now();
    await db.tx(async (t) => {
      await repo.insertBreakGlass(t, { organizationId, userId: current.user.id, patientId, reason, now, ttlMs: BREAK_GLASS_TTL_MS });
      forget(current.idHash);
      await audit.record(ctx, { action: 'break_glass.start', resourceType: 'patient', resourceId: patientId, patientId, reason }, t);
    });
    return { expiresAt: now + BREAK_GLASS_TTL_MS };
  }

  const patientsPort = () => {
    if (!deps.patients) throw new AppError('UNAVAILABLE', 'Patient accounts are not available here.', { reason: 'unavailable' });
    return deps.patients;
  };

  /** A patient who has a booking confirmation creates their account with it. */
  async function activateFromBooking(input: { appointmentId: string; code: string; email: string; password: string }, ctx: AuditContext) {
    const patient = await patientsPort().byCode(input.appointmentId, input.code);
    if (!patient || patient.email.toLowerCase() !== input.email.trim().toLowerCase()) {
      await audit.record(ctx, { action: 'user.activate', resourceType: 'patient', outcome: 'failure', reason: 'no matching booking' });
      throw new AppError('NOT_FOUND', NO_MATCH, { reason: 'no_match' });
    }
    return createPatientAccount(patient, input.password, ctx, 'booking confirmation');
  }

  async function createPatientAccount(patient: { id: string; email: string; firstName: string }, password: string, ctx: AuditContext, how: string) {
    passwordIssue(password, { email: patient.email, name: patient.firstName });
    const hash = await hashPassword(password);
    return db.tx(async (t) => {
      const existing = await repo.findUserByPatient(t, organizationId, patient.id);
      if (existing?.status === 'active') throw new AppError('CONFLICT', 'This record already has an account. Sign in, or reset your password.', { reason: 'account_exists' });
      let userId = existing?.id;
      if (userId) await repo.setPassword(t, userId, hash, 'active');
      else userId = await repo.insertUser(t, { organizationId, email: patient.email, displayName: patient.firstName, role: 'patient', status: 'active', passwordHash: hash, patientId: patient.id });
      const user = (await repo.findUserById(t, organizationId, userId))!;
      await audit.record(auditAs(ctx, user), { action: 'user.activate', resourceType: 'user', resourceId: userId, patientId: patient.id, reason: how }, t);
      return { session: await issueSession(t, user, true, ctx), user, next: 'done' as const };
    });
  }

  /** Sends a one-time code to the email on file of the patient matching name and birth date; the same answer either way. */
  function requestActivationCode(m: { firstName: string; lastName: string; dateOfBirth: string }, ctx: AuditContext): Promise<void> {
    return atLeast(UNIFORM_ANSWER_MS, () => activationCodeWork(m, ctx));
  }

  async function activationCodeWork(m: { firstName: string; lastName: string; dateOfBirth: string }, ctx: AuditContext): Promise<void> {
    const matches = await patientsPort().match(m);
    const patient = matches.length === 1 ? matches[0]! : undefined;
    const existing = patient ? await repo.findUserByPatient(db, organizationId, patient.id) : undefined;
    if (!patient || existing?.status === 'active') {
      await audit.record(ctx, { action: 'user.activation_code', resourceType: 'patient', outcome: 'failure', reason: patient ? 'already active' : `${matches.length} matches` });
      return;
    }
    const now = clock.now();
    const sent = `activation-sent:${patient.id}`;
    if (limitEnds((await repo.recentFailures(db, [sent], now - ACTIVATION_TTL_MS)).map((f) => f.at), ACTIVATION_CODES_PER_PATIENT, ACTIVATION_TTL_MS) > now) {
      await audit.record(ctx, { action: 'user.activation_code', resourceType: 'patient', resourceId: patient.id, patientId: patient.id, outcome: 'denied', reason: 'too many codes asked for' });
      return;
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await db.tx(async (t) => {
      const userId = existing?.id ?? (await repo.insertUser(t, { organizationId, email: patient.email, displayName: patient.firstName, role: 'patient', status: 'invited', patientId: patient.id }));
      // One code at a time: a new one spends the last, so guesses cannot aim at several.
      await repo.spendTokens(t, userId, 'activation', now);
      await repo.insertFailures(t, organizationId, [sent], now);
      await repo.insertToken(t, { organizationId, userId, tokenHash: tokenHash(`${userId}:${code}`), purpose: 'activation', now: clock.now(), ttlMs: ACTIVATION_TTL_MS });
      await deps.enqueueEmail(t, {
        recipient: patient.email,
        subject: `${deps.clinicName}: your account code`,
        text: `Hello ${patient.firstName},\n\nYour code to set up your ${deps.clinicName} patient account is ${code}. It works once, for 15 minutes.\n\nIf you did not ask for it, ignore this email.\n`,
        template: 'account.activation_code',
      });
      await audit.record(ctx, { action: 'user.activation_code', resourceType: 'patient', resourceId: patient.id, patientId: patient.id }, t);
    });
    deps.afterCommit();
  }

  /**
   * Wrong codes are counted per name and birth date as typed, whether or not
   * they match a patient, and per source address; every failure answers the
   * same, in the same time, so nothing tells a patient from anyone else
   * (issue 9, defect 5).
   */
  async function activateWithCode(input: { firstName: string; lastName: string; dateOfBirth: string; code: string; password: string }, ctx: AuditContext) {
    const now = clock.now();
    const subject = `activate:${tokenHash(`${normalName(input.firstName)}|${normalName(input.lastName)}|${input.dateOfBirth}`)}`;
    const ip = `activate-ip:${ctx.sourceIp ?? 'unknown'}`;
    const found = await atLeast(UNIFORM_ANSWER_MS, async () => {
      const seen = await repo.recentFailures(db, [subject, ip], now - ACTIVATION_TTL_MS);
      const retryAt = Math.max(
        limitEnds(seen.filter((f) => f.subject === subject).map((f) => f.at), ACTIVATION_TRIES, ACTIVATION_TTL_MS),
        limitEnds(seen.filter((f) => f.subject === ip).map((f) => f.at), ACTIVATION_IP_TRIES, ACTIVATION_TTL_MS),
      );
      if (retryAt > now) {
        await audit.record(ctx, { action: 'user.activate', resourceType: 'patient', outcome: 'denied', reason: 'too many wrong codes' });
        return { refused: (retryAt - now) / 1000 };
      }
      const matches = await patientsPort().match(input);
      const patient = matches.length === 1 ? matches[0]! : undefined;
      const user = patient ? await repo.findUserByPatient(db, organizationId, patient.id) : undefined;
      const ok = patient && user && user.status === 'invited' && (await repo.consumeToken(db, tokenHash(`${user.id}:${input.code.trim()}`), 'activation', now));
      if (ok && patient) return { patient };
      await db.tx(async (t) => {
        await repo.insertFailures(t, organizationId, [subject, ip], now);
        await audit.record(ctx, { action: 'user.activate', resourceType: 'patient', outcome: 'failure', reason: 'wrong code or no match', patientId: patient?.id ?? null }, t);
      });
      return {};
    });
    if ('refused' in found) throw AppError.tooMany('Too many wrong codes. Ask for a new code in 15 minutes, or call the clinic.', found.refused!, 'too_many_codes');
    if (!found.patient) throw new AppError('NOT_FOUND', NO_MATCH, { reason: 'no_match' });
    return createPatientAccount(found.patient, input.password, ctx, 'code sent to the email on file');
  }

  /**
   * A referring provider asks for an account: the NPI must pass its check digit;
   * staff approve it. The answer is the same whether or not the email is taken,
   * and the owner of a taken email is told someone tried.
   */
  async function signUpReferrer(input: { npi: string; displayName: string; email: string; password: string; practice?: string | undefined }, ctx: AuditContext): Promise<void> {
    if (!isValidNpi(input.npi)) throw AppError.invalid('npi', 'is not a valid NPI (10 digits with a correct check digit)', 'npi_invalid');
    passwordIssue(input.password, { email: input.email, name: input.displayName });
    return atLeast(UNIFORM_ANSWER_MS, () => referrerSignupWork(input, ctx));
  }

  async function referrerSignupWork(input: { npi: string; displayName: string; email: string; password: string; practice?: string | undefined }, ctx: AuditContext): Promise<void> {
    const hash = await hashPassword(input.password);
    await db.tx(async (t) => {
      const existing = await repo.findUserByEmail(t, organizationId, input.email);
      if (existing) {
        await deps.enqueueEmail(t, {
          recipient: existing.email,
          subject: `${deps.clinicName}: someone tried to sign up with your email`,
          text: `Someone asked for a referring-provider account with this email address, which already has an account. If it was you, sign in or reset your password. If not, you can ignore this email.\n`,
          template: 'account.signup_existing',
        });
        await audit.record(ctx, { action: 'user.referrer_signup', resourceType: 'user', resourceId: existing.id, outcome: 'failure', reason: 'email already registered' }, t);
        return;
      }
      const id = await repo.insertUser(t, { organizationId, email: input.email.trim(), displayName: input.practice ? `${input.displayName} (${input.practice})` : input.displayName, role: 'referrer', status: 'pending_approval', passwordHash: hash, npi: input.npi });
      await audit.record(ctx, { action: 'user.referrer_signup', resourceType: 'user', resourceId: id, reason: `NPI ${input.npi}` }, t);
    });
    deps.afterCommit();
  }

  async function setAccountStatus(userId: string, change: 'approve' | 'disable', ctx: AuditContext): Promise<void> {
    await db.tx(async (t) => {
      const user = await repo.findUserById(t, organizationId, userId);
      if (!user) throw new AppError('NOT_FOUND', 'No such account.', { reason: 'not_found' });
      if (change === 'approve') {
        if (user.status !== 'pending_approval') throw new AppError('RULE', 'Only an account waiting for approval can be approved.', { reason: 'not_pending_approval' });
        await repo.setStatus(t, userId, 'active');
      } else {
        await repo.setStatus(t, userId, 'disabled');
        await repo.revokeUserSessions(t, userId, clock.now());
        forgetUser(userId);
      }
      await audit.record(ctx, { action: change === 'approve' ? 'user.approve' : 'user.disable', resourceType: 'user', resourceId: userId }, t);
    });
  }

  /**
   * A patient (or whoever the policy lets manage sharing) invites a caregiver
   * to see their record. The answer is the same whether or not the email has an
   * account: one that belongs to another kind of account (staff, a patient)
   * gets an invitation that grants nothing, which the patient's list shows as
   * unusable (issue 9, defect 8). Invitations are limited per patient, and
   * emails per address, so the form cannot be used to mail anyone at will.
   */
  async function inviteCaregiver(current: CurrentSession | null, patientId: string, input: { email: string; displayName: string; scope: 'full' | 'limited' }, ctx: AuditContext) {
    await authorize(current, 'sharing.manage', { patientId }, ctx, { type: 'patient', id: patientId });
    const now = clock.now();
    const email = input.email.trim();
    const perPatient = `caregiver-invite:${patientId}`;
    const perAddress = `caregiver-mail:${email.toLowerCase()}`;
    const token = newToken();
    const result = await db.tx(async (t) => {
      await repo.lockSubject(t, perPatient);
      const seen = await repo.recentFailures(t, [perPatient, perAddress], now - DAY_MS);
      const retryAt = limitEnds(seen.filter((f) => f.subject === perPatient).map((f) => f.at), CAREGIVER_INVITES_PER_PATIENT, DAY_MS);
      if (retryAt > now) return { refusedFor: (retryAt - now) / 1000 };
      const mailAllowed = seen.filter((f) => f.subject === perAddress).length < CAREGIVER_EMAILS_PER_ADDRESS;
      await repo.insertFailures(t, organizationId, mailAllowed ? [perPatient, perAddress] : [perPatient], now);
      let user = await repo.findUserByEmail(t, organizationId, email);
      if (user && user.role !== 'caregiver') {
        const grantId = await repo.insertCaregiverGrant(t, { organizationId, caregiverUserId: null, unusableEmail: email, invitedName: input.displayName, patientId, scope: input.scope });
        await audit.record(ctx, { action: 'sharing.caregiver_grant', resourceType: 'caregiver_grant', resourceId: grantId, patientId, outcome: 'failure', reason: 'email belongs to another kind of account' }, t);
        return { grantId, caregiverUserId: null };
      }
      let inviteUrl: string | null = null;
      if (!user) {
        const id = await repo.insertUser(t, { organizationId, email, displayName: input.displayName, role: 'caregiver', status: 'invited' });
        await repo.insertToken(t, { organizationId, userId: id, tokenHash: tokenHash(token), purpose: 'invite', now, ttlMs: INVITE_TTL_MS });
        inviteUrl = `${deps.publicUrl}/caregiver-invite/${token}`;
        user = (await repo.findUserById(t, organizationId, id))!;
      }
      const grantId = await repo.insertCaregiverGrant(t, { organizationId, caregiverUserId: user.id, invitedName: input.displayName, patientId, scope: input.scope });
      if (mailAllowed) {
        await deps.enqueueEmail(t, {
          recipient: email,
          subject: `${deps.clinicName}: you have been given access as a caregiver`,
          text: `Hello ${input.displayName},\n\nA patient of ${deps.clinicName} has named you as a caregiver. ${inviteUrl ? `Set up your account within 7 days here:\n${inviteUrl}\n` : 'Sign in to your account to see what has been shared with you.\n'}`,
          template: 'account.caregiver_invite',
        });
      }
      await audit.record(ctx, { action: 'sharing.caregiver_grant', resourceType: 'caregiver_grant', resourceId: grantId, patientId, reason: `scope ${input.scope}${mailAllowed ? '' : '; no email (limit for this address reached)'}` }, t);
      return { grantId, caregiverUserId: user.id };
    }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'CONFLICT' && !err.details.issues) throw new AppError('CONFLICT', 'This person already has access to the record.', { reason: 'already_shared' });
      throw err;
    });
    if ('refusedFor' in result) {
      await audit.record(ctx, { action: 'sharing.caregiver_grant', resourceType: 'patient', resourceId: patientId, patientId, outcome: 'denied', reason: 'too many invitations today' });
      throw AppError.tooMany('You have sent as many caregiver invitations as a day allows. Please try again tomorrow, or call the clinic.', result.refusedFor!, 'too_many_invitations');
    }
    deps.afterCommit();
    if (result.caregiverUserId) forgetUser(result.caregiverUserId);
    return { grantId: result.grantId };
  }

  async function listCaregivers(current: CurrentSession | null, patientId: string, ctx: AuditContext) {
    await authorize(current, 'sharing.manage', { patientId }, ctx, { type: 'patient', id: patientId });
    return repo.listCaregiverGrants(db, organizationId, patientId);
  }

  /** Ends a caregiver's or a referring provider's access to the record at once. */
  async function revokeSharing(current: CurrentSession | null, patientId: string, what: { kind: 'caregiver' | 'referral'; id: string }, ctx: AuditContext): Promise<void> {
    await authorize(current, 'sharing.manage', { patientId }, ctx, { type: 'patient', id: patientId });
    const userId = await db.tx(async (t) => {
      const ended = what.kind === 'caregiver' ? await repo.revokeCaregiverGrant(t, organizationId, patientId, what.id) : await repo.revokeReferral(t, organizationId, patientId, what.id);
      if (!ended) throw new AppError('NOT_FOUND', 'No such active access.', { reason: 'not_found' });
      await audit.record(ctx, { action: what.kind === 'caregiver' ? 'sharing.caregiver_revoke' : 'sharing.referral_revoke', resourceType: what.kind, resourceId: what.id, patientId }, t);
      return ended.userId;
    });
    if (userId) forgetUser(userId);
  }

  /**
   * Calls back with the id hashes of sessions ended in any server process
   * (sign-out, revocation, disabled account, password reset, rotation), once
   * the ending has committed. Resolves to an unsubscribe function.
   */
  function onSessionsEnded(listener: (idHashes: readonly string[]) => void): Promise<() => Promise<void>> {
    return db.listen(repo.SESSION_ENDED_CHANNEL, (payload) => {
      const ended = repo.sessionsEndedIn(payload);
      for (const h of ended) forget(h);
      if (ended.length > 0) listener(ended);
    });
  }

  /** Of these sessions, those still in force now, with the instants each would end (lifetime, idle window). */
  async function activeSessions(idHashes: readonly string[]): Promise<Map<string, { expiresAt: number; idleExpiresAt: number }>> {
    if (idHashes.length === 0) return new Map();
    const rows = await repo.activeSessions(db, organizationId, idHashes, clock.now());
    return new Map(rows.map((r) => [r.idHash, { expiresAt: r.expiresAt, idleExpiresAt: r.idleExpiresAt }]));
  }

  return {
    onSessionsEnded, activeSessions,
    inviteCaregiver, listCaregivers, revokeSharing,
    activateFromBooking, requestActivationCode, activateWithCode, signUpReferrer, setAccountStatus,
    breakGlassExpiry: (userId: string, patientId: string) => repo.breakGlassExpiry(db, userId, patientId, clock.now()),
    /** The review list names patients, so reading it is itself audited, as reading the audit trail is. */
    async listBreakGlass(unreviewedOnly: boolean, ctx: AuditContext) {
      const rows = await repo.listBreakGlass(db, organizationId, unreviewedOnly);
      await audit.record(ctx, { action: 'audit.read', resourceType: 'break_glass', reason: `${rows.length} break-glass access${rows.length === 1 ? '' : 'es'}` });
      return rows;
    },
    async reviewBreakGlass(current: CurrentSession, id: string, ctx: AuditContext): Promise<void> {
      await db.tx(async (t) => {
        if (!(await repo.reviewBreakGlass(t, organizationId, id, current.user.id, clock.now()))) throw new AppError('NOT_FOUND', 'No such unreviewed break-glass access.', { reason: 'not_found' });
        await audit.record(ctx, { action: 'break_glass.review', resourceType: 'break_glass', resourceId: id }, t);
      });
    },
    resolveSession, signIn, verifySecondFactor, startTotpEnrollment, confirmTotpEnrollment, signOut,
    inviteStaff, reissueInvite, describeInvite, acceptInvite, requestPasswordReset, resetPassword, authorize, startBreakGlass,
    listSessions: (current: CurrentSession) => repo.listSessions(db, current.user.id, clock.now()),
    async revokeSession(current: CurrentSession, idHashPrefix: string, ctx: AuditContext): Promise<void> {
      const sessions = await repo.listSessions(db, current.user.id, clock.now());
      const target = sessions.find((s) => s.idHash.startsWith(idHashPrefix) && idHashPrefix.length >= 12);
      if (!target) throw new AppError('NOT_FOUND', 'No such active session.', { reason: 'not_found' });
      await db.tx(async (t) => {
        await repo.revokeSession(t, target.idHash, clock.now());
        forget(target.idHash);
        await audit.record(ctx, { action: 'session.revoke', resourceType: 'session', resourceId: idHashPrefix }, t);
      });
    },
    listStaff: () => repo.listUsers(db, organizationId),
    /** Creates an active account directly: for the first administrator on a fresh install and for tests. */
    async createUser(input: { email: string; displayName: string; role: Role; password: string; patientId?: string; practitionerId?: string; npi?: string }): Promise<string> {
      passwordIssue(input.password, { email: input.email, name: input.displayName });
      const passwordHash = await hashPassword(input.password);
      return repo.insertUser(db, { organizationId, ...input, status: 'active', passwordHash });
    },
    purgeExpired: () => repo.purgeExpired(db, organizationId, clock.now()),
  };
}
export type IdentityService = ReturnType<typeof createIdentityService>;
