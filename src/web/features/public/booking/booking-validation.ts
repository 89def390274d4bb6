import { isBirthDateInRange } from '../../../../shared/birth-date';
import type { BookingRequest } from '../../../../shared/contracts/booking';
import { BookingRequest as BookingRequestSchema, HeardAbout } from '../../../../shared/contracts/booking';
import type { FieldIssue } from '../../../../shared/errors';
import { isIssueReason } from '../../../../shared/reasons';
import type { Lang, MessageKey, Translate } from '../../../app/i18n/catalog';
import { isTextIssue } from '../../../app/problems';
import { en } from '../../../app/i18n/en';

export type HeardAboutValue = (typeof HeardAbout.options)[number];
export const HEARD_ABOUT_OPTIONS = HeardAbout.options;

/** What the patient types; strings as in the inputs. */
export interface DetailsValues {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  preferredLanguage: Lang;
  reason: string;
  heardAbout: HeardAboutValue | '';
  referringDoctor: string;
}

export function emptyDetails(lang: Lang): DetailsValues {
  return {
    firstName: '',
    lastName: '',
    dateOfBirth: '',
    phone: '',
    email: '',
    preferredLanguage: lang,
    reason: '',
    heardAbout: '',
    referringDoctor: '',
  };
}

/** The fields of the form in screen order, by their API path. */
export const FIELD_ORDER = [
  'patient.firstName',
  'patient.lastName',
  'patient.dateOfBirth',
  'patient.phone',
  'patient.email',
  'patient.preferredLanguage',
  'reason',
  'heardAbout',
  'referringDoctor',
] as const;
export type FieldPath = (typeof FIELD_ORDER)[number];

export function isFieldPath(s: string): s is FieldPath {
  return (FIELD_ORDER as readonly string[]).includes(s);
}

/** The DOM id of a field's control, e.g. 'f-patient-email'. */
export function fieldId(path: FieldPath): string {
  return path === 'patient.preferredLanguage' ? 'f-patient-preferredLanguage-en' : `f-${path.replace('.', '-')}`;
}

export interface SlotChoice {
  visitTypeId: string;
  practitionerId: string;
  locationId: string;
  start: string;
}

export function toBookingRequest(slot: SlotChoice, v: DetailsValues): BookingRequest {
  return {
    ...slot,
    patient: {
      firstName: v.firstName.trim(),
      lastName: v.lastName.trim(),
      dateOfBirth: v.dateOfBirth,
      phone: v.phone.trim(),
      email: v.email.trim(),
      preferredLanguage: v.preferredLanguage,
    },
    reason: v.reason.trim(),
    ...(v.heardAbout ? { heardAbout: v.heardAbout } : {}),
    ...(v.referringDoctor.trim() ? { referringDoctor: v.referringDoctor.trim() } : {}),
  };
}

export type FieldErrors = Partial<Record<FieldPath, string>>;

function catalogMessage(field: FieldPath, t: Translate): string {
  return t(`error.${field}` as Extract<MessageKey, `error.${string}`>);
}

/** The catalog's words for a refused field, from the issue's reason (never its English). */
function issueMessage(field: FieldPath, issue: Pick<FieldIssue, 'reason'>, t: Translate): string {
  if (isTextIssue(issue)) return t('error.text.characters');
  if (issue.reason === 'birth_date_out_of_range') return t('error.patient.dateOfBirthRange');
  return catalogMessage(field, t);
}

/** The reason a shared schema attached to a Zod issue (see textIssue in shared/contracts/fields.ts). */
function reasonOfZodIssue(issue: { params?: { reason?: unknown } }): Pick<FieldIssue, 'reason'> {
  const reason = issue.params?.reason;
  return isIssueReason(reason) ? { reason } : {};
}

/**
 * The same Zod contract the server applies, checked before sending, so most
 * mistakes are caught without a round trip. Messages come from the catalog.
 */
export function validateDetails(req: BookingRequest, todayLocal: string, t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  const parsed = BookingRequestSchema.safeParse(req);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      if (isFieldPath(path) && !errors[path]) errors[path] = issueMessage(path, reasonOfZodIssue(issue as { params?: { reason?: unknown } }), t);
    }
  }
  const dob = req.patient.dateOfBirth;
  if (!errors['patient.dateOfBirth'] && !isBirthDateInRange(dob, todayLocal)) {
    errors['patient.dateOfBirth'] = t('error.patient.dateOfBirthRange');
  }
  return errors;
}

/**
 * Field errors from the server's 422 body. In English the server's own words
 * are the most specific; in Spanish the catalog message for the field is shown.
 */
function otherIssueKey(field: string): 'book.error.start' | 'book.error.visitType' | 'book.error.request' {
  if (field === 'start') return 'book.error.start';
  if (field === 'visitTypeId') return 'book.error.visitType';
  return 'book.error.request';
}

export function serverFieldErrors(issues: FieldIssue[], lang: Lang, t: Translate): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    if (isFieldPath(issue.field)) {
      if (fields[issue.field]) continue;
      const label = t(`field.${issue.field}` as keyof typeof en & `field.${string}`);
      fields[issue.field] = lang === 'en' && issue.message ? `${label}: ${issue.message}` : issueMessage(issue.field, issue, t);
    } else {
      // Outside the form's fields (the chosen time, the visit, the request itself): the server's
      // words in English, the catalog's in Spanish.
      const message = lang === 'en' && issue.message ? issue.message : t(otherIssueKey(issue.field));
      if (!other.includes(message)) other.push(message);
    }
  }
  return { fields, other };
}
