import { describe, expect, it } from 'vitest';
import { isValidNpi } from './npi.js';
import { checkPassword, personalWords, strengthProblem, type PasswordProblem, type Strength } from './password-policy.js';
import { ACCOUNT_LOCK_AT, throttle, WINDOW_MS } from './throttle.js';

describe('throttle', () => {
  const now = 1_800_000_000_000;
  const at = (...secondsAgo: number[]) => secondsAgo.map((s) => now - s * 1000);
  it.each([
    ['no failures', [], [], true, null],
    ['five failures are free', at(1, 2, 3, 4, 5), [], true, null],
    ['the sixth waits 1 s from the last', at(0.5, 2, 3, 4, 5, 6), [], false, now + 500],
    ['the seventh waits 2 s', at(1, 2, 3, 4, 5, 6, 7), [], false, now + 1000],
    ['delays are capped at 15 minutes', at(...Array.from({ length: 30 }, (_, i) => i + 1)), [], false, now - 1000 + 15 * 60_000],
    ['failures older than an hour are forgotten', at(...Array.from({ length: 30 }, (_, i) => 3601 + i)), [], true, null],
    ['an address gets 20 free failures across accounts', [], at(...Array.from({ length: 20 }, (_, i) => i + 1)), true, null],
    ['the 21st from one address waits', [], at(0.5, ...Array.from({ length: 20 }, (_, i) => i + 2)), false, now + 500],
    ['a delay that has run out allows the attempt', [], at(1, ...Array.from({ length: 20 }, (_, i) => i + 2)), true, null],
  ] as [string, number[], number[], boolean, number | null][])('%s', (_name, acct, ip, allowed, retryAt) => {
    const v = throttle(acct, ip, now);
    expect(v.allowed).toBe(allowed);
    expect(v.retryAt).toBe(retryAt);
  });
  it(`locks an account at ${ACCOUNT_LOCK_AT} failures in the hour until the oldest ages out`, () => {
    const failures = Array.from({ length: ACCOUNT_LOCK_AT }, (_, i) => now - (i + 1) * 30_000);
    const v = throttle(failures, [], now);
    expect(v).toEqual({ allowed: false, locked: true, retryAt: Math.min(...failures) + WINDOW_MS });
  });
});

describe('password policy (NIST 800-63B): length and shape', () => {
  it.each([
    ['short', 'must be at least 12 characters'],
    ['x'.repeat(129), 'must be at most 128 characters'],
    ['aaaaaaaaaaaaaa', 'is a single repeated character'],
    ['abcdefghijklmno', 'is a simple sequence'],
    ['maria.lopez@example.com', 'must not be your email, your name or the clinic name'],
    ['Relief2026', 'must be at least 12 characters'],
  ])('%s is refused: %s', (pw, why) => {
    expect(checkPassword(pw, { email: 'maria.lopez@example.com', name: 'Maria Lopez' })).toBe(why);
  });
  it.each(['blue heron over lady bird lake', 'ñandú corre 🏃 rápido', 'CorrectHorse!Battery9', 'password1234'])('%s has the length and shape (guessability is zxcvbn\'s to judge)', (pw) => {
    expect(checkPassword(pw, { email: 'maria.lopez@example.com' })).toBeNull();
  });
  it('counts characters, not bytes', () => {
    expect(checkPassword('ñandú ñandú!')).toBeNull(); // 12 characters, 14 bytes
    expect(checkPassword('😀😀😀😀😀😀😀😀😀😀😀')).toBe('must be at least 12 characters');
  });
});

describe("issue 11: a password zxcvbn finds guessable is refused with its suggestion", () => {
  const verdict = (v: Partial<Strength>): Strength => ({ score: 4, isListedWord: false, usesPersonalData: false, suggestion: null, ...v });
  it.each([
    ['score 2', verdict({ score: 2, suggestion: 'anotherWord' }), { reason: 'password_too_common', hint: 'anotherWord' }],
    ['score 0 without a suggestion', verdict({ score: 0 }), { reason: 'password_too_common' }],
    ['one listed word, however strong its score', verdict({ score: 4, isListedWord: true, suggestion: 'useWords' }), { reason: 'password_too_common', hint: 'useWords' }],
    ['built on the name or email', verdict({ score: 1, usesPersonalData: true, suggestion: 'anotherWord' }), { reason: 'password_personal' }],
    ['a suggestion the web has no words for is left out', verdict({ score: 2, suggestion: 'somethingNew' }), { reason: 'password_too_common' }],
  ] as [string, Strength, Partial<PasswordProblem>][])('%s', (_name, v, expected) => {
    const problem = strengthProblem(v);
    expect(problem).toMatchObject(expected);
    expect(problem?.hint).toBe(expected.hint);
  });
  it.each([3, 4])('score %i and not one listed word is accepted', (score) => {
    expect(strengthProblem(verdict({ score, usesPersonalData: true }))).toBeNull();
  });
  it('names the person\'s own words for zxcvbn: email, its parts, the name\'s parts', () => {
    expect(personalWords({ email: 'maria.lopez@example.com', name: 'María López' })).toEqual(
      expect.arrayContaining(['maria.lopez@example.com', 'maria.lopez', 'maria', 'lopez', 'maría', 'lópez', 'relief']),
    );
  });
});

describe('NPI check digit (Luhn over 80840 + first nine digits)', () => {
  it.each([
    ['1234567893', true], // the CMS worked example
    ['1234567890', false],
    ['123456789', false],
    ['12345678931', false],
    ['abcdefghij', false],
    ['1245319599', true],
  ])('%s -> %s', (npi, ok) => expect(isValidNpi(npi)).toBe(ok));
});
