import type { LocalDate } from './time.js';

/**
 * The dates of birth the clinic accepts: not in the future (at the clinic's
 * date) and not before 1900. The booking forms, the desk and the server all
 * check this one rule (a future birth date once showed as '-5 years old').
 */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Whether `dob` ('YYYY-MM-DD') is a possible date of birth on `today` (the clinic's local date). */
export function isBirthDateInRange(dob: string, today: LocalDate | string): boolean {
  return dob >= EARLIEST_BIRTH_DATE && dob <= today;
}
