import type { Queryable } from '../../db/db.js';
import { verifyAgainstDummy, verifyPassword } from '../../platform/passwords.js';
import { newToken, tokenHash } from '../../platform/tokens.js';
import { AppError } from '../../../shared/errors.js';
import type { CurrentSession, IssuedSession, Role } from '../access/index.js';
import type { AuditContext } from '../audit/index.js';
import { throttle, WINDOW_MS } from './engine/throttle.js';
import { auditAs, needsSecondFactor, UNIFORM_ANSWER_MS, type IdentityDeps } from './identity.core.js';
import * as repo from './identity.repo.js';

export const ABSOLUTE_LIFETIME_MS = 12 * 3_600_000;
const SIGN_IN_FAILED = 'The email or password is not correct.';

/** Idle timeouts: 15 minutes for staff and outside clinicians, 30 for patients (issue 3). */
export function idleTimeoutSec(role: Role): number {
  return role === 'patient' || role === 'caregiver' ? 30 * 60 : 15 * 60;
}

/** Sessions: sign-in with a password, the session cookie's resolution, sign-out and revocation. */
export function createSessions(deps: IdentityDeps) {
  const { db, clock, organizationId, audit } = deps;

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
      const row = await repo.loadSession(db, idHash);
      if (!row || row.session.revokedAt !== null || row.user.status === 'disabled' || row.user.organizationId !== organizationId) {
        forget(idHash);
        return null;
      }
      const { session: s, user } = row;
      entry = { at: now, value: { idHash, user, csrfToken: s.csrfToken, expiresAt: s.expiresAt, mfaPassed: s.mfaPassed, lastSeenAt: s.lastSeenAt, idleTimeoutSec: s.idleTimeoutSec } };
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
    return { idHash, user: v.user, csrfToken: v.csrfToken, expiresAt: v.expiresAt, idleExpiresAt: v.lastSeenAt + v.idleTimeoutSec * 1000, mfaPassed: v.mfaPassed };
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

  async function signOut(current: CurrentSession, everywhere: boolean, ctx: AuditContext): Promise<void> {
    await db.tx(async (t) => {
      if (everywhere) await repo.revokeUserSessions(t, current.user.id, clock.now());
      else await repo.revokeSession(t, current.idHash, clock.now());
      if (everywhere) forgetUser(current.user.id);
      else forget(current.idHash);
      await audit.record(auditAs(ctx, current.user), { action: everywhere ? 'session.sign_out_everywhere' : 'session.sign_out', resourceType: 'session' }, t);
    });
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
    issueSession, forget, forgetUser, resolveSession, signIn, signOut, onSessionsEnded, activeSessions,
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
  };
}
