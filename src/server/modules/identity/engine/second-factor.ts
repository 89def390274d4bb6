/**
 * Second-factor guessing (issue 9, defect 1). A six-digit code with a window of
 * one step either side is guessed by chance once in about 333,000 tries, so the
 * tries must be few: per half-signed-in session, and per account across every
 * session the password opens (NIST 800-63B 5.2.2 allows at most 100 failures;
 * we allow far fewer). Pure: the caller passes the recent attempts and `now`.
 */
import { throttle, WINDOW_MS } from './throttle.js';

/** Wrong codes a session may send in SESSION_WINDOW_MS before it is locked for the rest of that window. */
export const SESSION_TRIES = 5;
export const SESSION_WINDOW_MS = 5 * 60_000;
/** Refused attempts (wrong or sent while locked) after which the half-signed-in session is ended. */
export const SESSION_END_AT = 30;
/** Wrong codes an account may take in an hour before the delays begin, and before it is locked. */
export const ACCOUNT_FREE = 5;
export const ACCOUNT_LOCK_AT = 20;

export interface SecondFactorVerdict {
  allowed: boolean;
  /** When the next attempt is allowed (epoch ms), if not now. */
  retryAt: number | null;
  why: 'session_ended' | 'session_locked' | 'account_slowed' | 'account_locked' | null;
  /** The session has been refused so often that it must sign in with the password again. */
  endSession: boolean;
}

/**
 * `sessionAttempts`: this session's refused attempts (wrong codes and attempts
 * refused while locked), epoch ms; `accountFailures`: the account's wrong codes
 * from any session. A session locked by its own attempts stays locked while
 * they keep coming; the account slows with delays that double after
 * ACCOUNT_FREE wrong codes and locks at ACCOUNT_LOCK_AT in the hour.
 */
export function secondFactorVerdict(sessionAttempts: readonly number[], accountFailures: readonly number[], now: number): SecondFactorVerdict {
  if (sessionAttempts.length >= SESSION_END_AT) return { allowed: false, retryAt: null, why: 'session_ended', endSession: true };
  const recent = sessionAttempts.filter((t) => t > now - SESSION_WINDOW_MS).sort((a, b) => b - a);
  if (recent.length >= SESSION_TRIES) {
    return { allowed: false, retryAt: recent[SESSION_TRIES - 1]! + SESSION_WINDOW_MS, why: 'session_locked', endSession: false };
  }
  const account = throttle(accountFailures, [], now, { free: ACCOUNT_FREE, lockAt: ACCOUNT_LOCK_AT });
  if (!account.allowed) return { allowed: false, retryAt: account.retryAt, why: account.locked ? 'account_locked' : 'account_slowed', endSession: false };
  return { allowed: true, retryAt: null, why: null, endSession: false };
}

export { WINDOW_MS };
