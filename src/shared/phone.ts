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
