import type { IssueReason } from '../../../../shared/reasons.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

/**
 * NIST SP 800-63B 5.1.1.2: at least 12 characters here (the guideline's floor
 * is 8; the clinic's is higher), at most 128, any characters, no composition
 * rules, and never a commonly used or breached password or one made from the
 * service's name or the user's own email.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export interface PasswordProblem {
  reason: IssueReason;
  message: string;
}

/** Why a new password is refused (a stable reason for clients, words for API readers), or null. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return { reason: 'password_too_short', message: `must be at least ${PASSWORD_MIN} characters` };
  if (length > PASSWORD_MAX) return { reason: 'password_too_long', message: `must be at most ${PASSWORD_MAX} characters` };
  const lower = password.toLowerCase();
  const squashed = lower.replace(/[^a-z0-9]/g, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(squashed)) return { reason: 'password_too_common', message: 'is too common; choose a longer phrase of your own' };
  if (/^(.)\1+$/.test(password)) return { reason: 'password_repeated', message: 'is a single repeated character' };
  if (isSequence(squashed)) return { reason: 'password_sequence', message: 'is a simple sequence' };
  const words = ['relief', 'reliefpain', 'painclinic', ...contextWords(context)];
  if (words.some((w) => w.length >= 4 && squashed.replace(/\d+$/, '') === w)) return { reason: 'password_personal', message: 'must not be your email, your name or the clinic name' };
  return null;
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
