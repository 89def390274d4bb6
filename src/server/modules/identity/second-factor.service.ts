import { newRecoveryCodes, tokenHash } from '../../platform/tokens.js';
import { matchTotp, newTotpSecret, otpauthUri } from '../../platform/totp.js';
import { AppError } from '../../../shared/errors.js';
import type { CurrentSession, IssuedSession } from '../access/index.js';
import type { AuditContext } from '../audit/index.js';
import { secondFactorVerdict } from './engine/second-factor.js';
import { WINDOW_MS } from './engine/throttle.js';
import { auditAs, type IdentityCore } from './identity.core.js';
import * as repo from './identity.repo.js';

/** Recovery codes are shown as 'k7fq-2mzp-9xwd'; accept them typed in capitals or without the dashes. */
function normalRecoveryCode(code: string): string {
  const plain = code.replace(/[^a-z0-9]/gi, '').toLowerCase();
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}

/** The second factor: an authenticator app (TOTP) set up once, and checked at each sign-in. */
export function createSecondFactor({ deps, sessions: { issueSession, forget } }: IdentityCore) {
  const { db, clock, organizationId, audit } = deps;

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
    return { secret, otpauthUri: otpauthUri(secret, current.user.email, deps.clinicName()) };
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

  return { verifySecondFactor, startTotpEnrollment, confirmTotpEnrollment };
}
