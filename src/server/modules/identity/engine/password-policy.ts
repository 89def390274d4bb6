import { isPasswordHint, type IssueReason, type PasswordHint } from '../../../../shared/reasons.js';

/**
 * NIST SP 800-63B 5.1.1.2: at least 12 characters here (the guideline's floor
 * is 8; the clinic's is higher), at most 128, any characters, no composition
 * rules, and never a commonly used or breached password, a dictionary word, or
 * one made from the service's name or the user's own email. The length and
 * shape rules are here; how guessable the rest is comes from zxcvbn (platform
 * password-strength.ts) as a verdict that `strengthProblem` judges.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
/** zxcvbn scores 0 to 4; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const PASSWORD_MIN_SCORE = 3;

export interface PasswordProblem {
  reason: IssueReason;
  message: string;
  hint?: PasswordHint;
}

/** What zxcvbn said of a password (platform/password-strength.ts's StrengthVerdict). */
export interface Strength {
  score: number;
  isListedWord: boolean;
  usesPersonalData: boolean;
  suggestion: string | null;
}

/** Why a new password is refused by its length and shape (a stable reason for clients, words for API readers), or null. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return { reason: 'password_too_short', message: `must be at least ${PASSWORD_MIN} characters` };
  if (length > PASSWORD_MAX) return { reason: 'password_too_long', message: `must be at most ${PASSWORD_MAX} characters` };
  const squashed = password.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (/^(.)\1+$/.test(password)) return { reason: 'password_repeated', message: 'is a single repeated character' };
  if (isSequence(squashed)) return { reason: 'password_sequence', message: 'is a simple sequence' };
  const words = ['relief', 'reliefpain', 'painclinic', ...contextWords(context)];
  if (words.some((w) => w.length >= 4 && squashed.replace(/\d+$/, '') === w)) return { reason: 'password_personal', message: 'must not be your email, your name or the clinic name' };
  return null;
}

const SUGGESTION_WORDS: Record<PasswordHint, string> = {
  l33t: "avoid predictable substitutions like '@' for 'a'",
  reverseWords: 'avoid common words spelled backwards',
  allUppercase: 'capitalize some, but not all, letters',
  capitalization: 'capitalize more than the first letter',
  dates: 'avoid dates and years that are associated with you',
  recentYears: 'avoid recent years',
  associatedYears: 'avoid years that are associated with you',
  sequences: 'avoid common character sequences',
  repeated: 'avoid repeated words and characters',
  longerKeyboardPattern: 'use longer keyboard patterns and change typing direction',
  anotherWord: 'add more words that are less common',
  useWords: 'use multiple words, but avoid common phrases',
  noNeed: 'a few unrelated words are enough; symbols, digits and capitals are not needed',
  pwned: 'if you use this password elsewhere, change it there too',
};

/**
 * The refusal for a password zxcvbn finds too guessable: a score under
 * PASSWORD_MIN_SCORE, or a password that is one listed word (however long),
 * is `password_too_common` with zxcvbn's suggestion as its hint; one built on
 * the person's own name or email is `password_personal`.
 */
export function strengthProblem(s: Strength): PasswordProblem | null {
  if (s.score >= PASSWORD_MIN_SCORE && !s.isListedWord) return null;
  if (s.usesPersonalData) return { reason: 'password_personal', message: 'must not be built on your email or your name' };
  const hint = isPasswordHint(s.suggestion) ? s.suggestion : undefined;
  const message = `is too common or too easy to guess${hint ? `; ${SUGGESTION_WORDS[hint]}` : ''}`;
  return hint ? { reason: 'password_too_common', message, hint } : { reason: 'password_too_common', message };
}

/** The person's own words that a password must not be built on, as zxcvbn's user inputs. */
export function personalWords(c: { email?: string; name?: string }): string[] {
  const out = ['relief'];
  if (c.email) {
    const local = c.email.toLowerCase().split('@')[0]!;
    out.push(c.email.toLowerCase(), local, ...local.split(/[^\p{L}\p{N}]+/u));
  }
  if (c.name) out.push(...c.name.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  return [...new Set(out.filter((w) => w.length >= 3))];
}

export function checkPassword(password: string, context: { email?: string; name?: string } = {}): string | null {
  return passwordProblem(password, context)?.message ?? null;
}

function contextWords(c: { email?: string; name?: string }): string[] {
  const out: string[] = [];
  if (c.email) {
    const local = c.email.toLowerCase().split('@')[0]!;
    out.push(local.replace(/[^a-z0-9]/g, ''), c.email.toLowerCase().replace(/[^a-z0-9]/g, ''));
  }
  if (c.name) out.push(c.name.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return out;
}

function isSequence(s: string): boolean {
  if (s.length < 6) return false;
  const rows = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn'];
  return rows.some((row) => row.includes(s) || [...row].reverse().join('').includes(s));
}
