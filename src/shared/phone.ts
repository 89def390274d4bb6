/**
 * The phone numbers Relief accepts and how it reads them: digits with the
 * usual separators and an optional leading +, 7 to 20 characters, e.g.
 * (512) 555-0100. The contract, the desk's search and the web's tel: links
 * share these.
 */
export const PHONE_PATTERN = /^\+?[0-9 ().-]{7,20}$/;
export const PHONE_EXAMPLE = '(512) 555-0100';

/** The digits of a number, for comparing and searching ('(512) 555-0100' -> '5125550100'). */
export function phoneDigits(s: string): string {
  return s.replace(/\D/g, '');
}

/** A tel: target: a leading + kept, a 10-digit US number given its +1. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('+') ? digits : digits.length === 10 ? `+1${digits}` : digits}`;
}

/**
 * A number as E.164 (+15125550100), the form SMS providers take: a leading +
 * keeps its country code; 10 digits are a US number (+1, NANP), 11 starting
 * with 1 likewise; anything else is not a number we can text (null).
 */
export function toE164(phone: string): string | null {
  if (!PHONE_PATTERN.test(phone.trim())) return null;
  const digits = phoneDigits(phone);
  if (phone.trim().startsWith('+')) return digits.length >= 8 && digits.length <= 15 && digits[0] !== '0' ? `+${digits}` : null;
  if (digits.length === 10 && /^[2-9]/.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1') && /^[2-9]/.test(digits[1]!)) return `+${digits}`;
  return null;
}
