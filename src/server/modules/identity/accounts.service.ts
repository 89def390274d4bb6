import { randomInt } from 'node:crypto';
import { hashPassword } from '../../platform/passwords.js';
import { newToken, tokenHash } from '../../platform/tokens.js';
import { AppError } from '../../../shared/errors.js';
import type { Role } from '../access/index.js';
import type { AuditContext } from '../audit/index.js';
import { isValidNpi } from './engine/npi.js';
import { limitEnds, WINDOW_MS } from './engine/throttle.js';
import { atLeast, auditAs, passwordIssue, UNIFORM_ANSWER_MS, type IdentityCore } from './identity.core.js';
import * as repo from './identity.repo.js';

const RESET_TTL_MS = 3_600_000;
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

/** A name as matching compares it: case, accents and spacing set aside. */
function normalName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Accounts: a patient's activation, a referring provider's sign-up, password reset, and an account's status. */
export function createAccounts({ deps, sessions: { issueSession, forgetUser } }: IdentityCore) {
  const { db, clock, organizationId, audit } = deps;

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
      await deps.enqueueNotice(t, {
        template: 'account.password_reset', language: await repo.languageOfUser(t, user.id), to: user.email,
        params: { token }, subject: { type: 'user', id: user.id },
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
    // A caller the desk booked without an email address (issue 11) has nowhere to receive a code: the same answer as no match.
    if (!patient || existing?.status === 'active' || !patient.email) {
      await audit.record(ctx, { action: 'user.activation_code', resourceType: 'patient', outcome: 'failure', reason: !patient ? `${matches.length} matches` : patient.email ? 'already active' : 'no email on file' });
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
      await deps.enqueueNotice(t, {
        template: 'account.activation_code', language: patient.language, to: patient.email,
        params: { firstName: patient.firstName, code }, subject: { type: 'user', id: userId },
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
        await deps.enqueueNotice(t, {
          template: 'account.signup_existing', language: await repo.languageOfUser(t, existing.id), to: existing.email,
          params: {}, subject: { type: 'user', id: existing.id },
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

  return {
    activateFromBooking, requestActivationCode, activateWithCode, signUpReferrer, setAccountStatus, requestPasswordReset, resetPassword,
    listStaff: () => repo.listUsers(db, organizationId),
    /** Creates an active account directly: for the first administrator on a fresh install and for tests. */
    async createUser(input: { email: string; displayName: string; role: Role; password: string; patientId?: string; practitionerId?: string; npi?: string }): Promise<string> {
      passwordIssue(input.password, { email: input.email, name: input.displayName });
      const passwordHash = await hashPassword(input.password);
      return repo.insertUser(db, { organizationId, ...input, status: 'active', passwordHash });
    },
  };
}
