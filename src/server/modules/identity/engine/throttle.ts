/**
 * Sign-in throttling (OWASP ASVS 2.2.1; NIST 800-63B 5.2.2): failures within
 * the last hour, per account and per source address, give a growing delay;
 * an account with 100 failures in the hour is locked until they age out.
 */
export const WINDOW_MS = 3_600_000;
export const ACCOUNT_LOCK_AT = 100;
export const FREE_ATTEMPTS = 5;
const IP_FREE_ATTEMPTS = 20;
const MAX_DELAY_MS = 15 * 60_000;

export interface ThrottleVerdict {
  allowed: boolean;
  /** When the next attempt is allowed (epoch ms), if not now. */
  retryAt: number | null;
  locked: boolean;
}

/**
 * Failures are epoch ms, any order. `limits` changes the account's free
 * attempts and lock (the second factor allows fewer than the password).
 */
export function throttle(accountFailures: readonly number[], ipFailures: readonly number[], now: number, limits: { free: number; lockAt: number } = { free: FREE_ATTEMPTS, lockAt: ACCOUNT_LOCK_AT }): ThrottleVerdict {
  const recent = (list: readonly number[]) => list.filter((t) => t > now - WINDOW_MS).sort((a, b) => a - b);
  const acct = recent(accountFailures);
  const ip = recent(ipFailures);
  if (acct.length >= limits.lockAt) {
    return { allowed: false, retryAt: acct[acct.length - limits.lockAt]! + WINDOW_MS, locked: true };
  }
  const retryAt = Math.max(nextAllowed(acct, limits.free), nextAllowed(ip, IP_FREE_ATTEMPTS));
  return retryAt > now ? { allowed: false, retryAt, locked: false } : { allowed: true, retryAt: null, locked: false };
}

/** After `free` failures, each further one doubles the wait from the last failure: 1 s, 2 s, 4 s ... capped at 15 min. */
function nextAllowed(sortedFailures: readonly number[], free: number): number {
  const extra = sortedFailures.length - free;
  if (extra <= 0) return 0;
  const delay = Math.min(1000 * 2 ** (extra - 1), MAX_DELAY_MS);
  return sortedFailures[sortedFailures.length - 1]! + delay;
}

/** When a limit of `max` events per `windowMs` lets the next one through: 0 while under it. */
export function limitEnds(times: readonly number[], max: number, windowMs: number): number {
  if (times.length < max) return 0;
  return [...times].sort((a, b) => b - a)[max - 1]! + windowMs;
}
