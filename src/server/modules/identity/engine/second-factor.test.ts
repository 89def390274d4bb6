import { describe, expect, it } from 'vitest';
import { ACCOUNT_FREE, ACCOUNT_LOCK_AT, SESSION_END_AT, SESSION_TRIES, SESSION_WINDOW_MS, secondFactorVerdict, WINDOW_MS } from './second-factor.js';

describe('issue 9 defect 1: second-factor guessing is counted, slowed and locked', () => {
  const now = 1_800_000_000_000;
  const secondsAgo = (...s: number[]) => s.map((x) => now - x * 1000);
  const range = (n: number, from = 1, step = 1) => Array.from({ length: n }, (_, i) => from + i * step);

  it.each([
    ['nothing tried yet', [], [], true, null, null],
    [`${SESSION_TRIES - 1} wrong codes in a session`, secondsAgo(...range(SESSION_TRIES - 1)), secondsAgo(...range(SESSION_TRIES - 1)), true, null, null],
    [`${SESSION_TRIES} wrong codes lock the session for ${SESSION_WINDOW_MS / 60_000} minutes from the oldest of them`, secondsAgo(...range(SESSION_TRIES)), secondsAgo(...range(SESSION_TRIES)), false, now - SESSION_TRIES * 1000 + SESSION_WINDOW_MS, 'session_locked'],
    ['attempts refused while locked keep the session locked', secondsAgo(...range(SESSION_TRIES + 10, 0.1, 0.1)), secondsAgo(...range(SESSION_TRIES)), false, now - 100 * (SESSION_TRIES) + SESSION_WINDOW_MS, 'session_locked'],
    ['a session lock ends when its window has passed', secondsAgo(...range(SESSION_TRIES, 301)), [], true, null, null],
    [`the account slows after ${ACCOUNT_FREE + 1} wrong codes from any sessions`, [], secondsAgo(0.5, ...range(ACCOUNT_FREE, 400, 10)), false, now + 500, 'account_slowed'],
    [`the account locks at ${ACCOUNT_LOCK_AT} wrong codes in the hour`, [], secondsAgo(...range(ACCOUNT_LOCK_AT, 1000, 100)), false, now - (1000 + (ACCOUNT_LOCK_AT - 1) * 100) * 1000 + WINDOW_MS, 'account_locked'],
    [`${SESSION_END_AT} refused attempts end the session`, secondsAgo(...range(SESSION_END_AT, 400)), [], false, null, 'session_ended'],
  ] as [string, number[], number[], boolean, number | null, string | null][])('%s', (_name, session, account, allowed, retryAt, why) => {
    const v = secondFactorVerdict(session, account, now);
    expect(v.allowed).toBe(allowed);
    expect(v.retryAt).toBe(retryAt);
    expect(v.why).toBe(why);
    expect(v.endSession).toBe(why === 'session_ended');
  });

  it('allows a guesser far fewer than one code in ten thousand an hour', () => {
    // Retry the moment each refusal allows, across fresh sessions (each needs the password again).
    let t = now;
    let wrong = 0;
    const account: number[] = [];
    let session: number[] = [];
    while (t < now + WINDOW_MS) {
      const v = secondFactorVerdict(session, account, t);
      if (v.endSession) session = [];
      else if (v.allowed) {
        wrong++;
        account.push(t);
        session.push(t);
      } else {
        session.push(t);
        t = Math.max(t + 1, v.retryAt ?? t + 1);
        continue;
      }
      t += 1;
    }
    expect(wrong).toBeLessThan(ACCOUNT_LOCK_AT + 1);
    expect(wrong).toBeGreaterThanOrEqual(ACCOUNT_FREE);
  });
});
