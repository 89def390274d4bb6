import type { FieldIssue } from '../../shared/errors';
import { isPasswordHint, type IssueReason, type PasswordHint, type Reason } from '../../shared/reasons';
import { ApiError, NetworkError } from './api/client';
import { localeOf, type Lang, type MessageArgs, type MessageKey, type Translate } from './i18n/catalog';

/** A message without parameters. */
type PlainKey = { [K in MessageKey]: MessageArgs<K> extends [] ? K : never }[MessageKey];

/**
 * Words for each reason the server gives (shared/reasons.ts), in the reader's
 * language. The web never reads the server's English: a reason without words
 * here is a type error, so a new reason cannot reach a person untranslated.
 * Reasons a person meets only through a broken client share the general words.
 */
const REASON_WORDS: Record<Reason, PlainKey> = {
  rate_limited: 'console.error.throttled',
  too_many_attempts: 'problem.codesEnded', // only outside TOO_MANY: the second-factor step ended
  account_locked: 'console.error.throttled',
  too_many_codes: 'console.error.throttled',
  too_many_requests: 'console.error.throttled',
  too_many_invitations: 'console.error.throttled',
  sign_in_required: 'console.error.expired',
  session_ended: 'console.error.expired',
  sign_in_failed: 'console.signIn.wrong',
  awaiting_approval: 'problem.awaitingApproval',
  second_factor_required: 'problem.secondFactorRequired',
  totp_not_enrolled: 'problem.totpNotEnrolled',
  totp_already_enrolled: 'problem.totpAlreadyEnrolled',
  totp_setup_not_started: 'problem.totpSetupNotStarted',
  invitation_invalid: 'problem.invitationInvalid',
  reset_link_invalid: 'problem.resetLinkInvalid',
  csrf: 'problem.csrf',
  origin: 'console.error.forbidden',
  role: 'console.error.forbidden',
  exists: 'problem.exists',
  already_invited: 'problem.alreadyInvited',
  not_invited: 'problem.notInvited',
  not_pending_approval: 'problem.notPendingApproval',
  no_match: 'account.error.noMatch',
  account_exists: 'account.error.exists',
  already_shared: 'sharing.error.already',
  break_glass_required: 'problem.breakGlassRequired',
  slot_taken: 'book.error.taken',
  patient_busy: 'problem.patientBusy',
  slot_not_open: 'problem.slotNotOpen',
  too_soon: 'problem.tooSoon',
  beyond_booking_horizon: 'problem.beyondHorizon',
  staff_booking_only: 'book.error.visitType',
  not_cancellable: 'problem.notCancellable',
  not_reschedulable: 'problem.notReschedulable',
  already_started: 'problem.alreadyStarted',
  status_change_refused: 'problem.statusChange',
  idempotency_key_reused: 'console.error.invalid',
  already_sent: 'problem.alreadySent',
  not_failed: 'problem.notFailed',
  file_empty: 'problem.fileEmpty',
  file_too_large: 'problem.fileTooLarge',
  file_type_not_allowed: 'problem.fileType',
  file_type_mismatch: 'problem.fileTypeMismatch',
  file_has_script: 'problem.fileHasScript',
  too_many_files: 'problem.tooManyFiles',
  assignee_not_allowed: 'problem.assigneeNotAllowed',
  bad_url: 'console.error.invalid',
  url_too_long: 'console.error.invalid',
  body_too_large: 'console.error.invalid',
  unsupported_media_type: 'console.error.invalid',
  bad_content_length: 'console.error.invalid',
  malformed_json: 'console.error.invalid',
  header_too_large: 'console.error.invalid',
  request_timeout: 'console.error.network',
  bad_request: 'console.error.invalid',
  method_not_allowed: 'console.error.invalid',
  not_acceptable: 'console.error.invalid',
  payload_too_large: 'console.error.invalid',
  unauthorized: 'console.error.expired',
  forbidden: 'console.error.forbidden',
  conflict: 'console.error.conflict',
  not_found: 'problem.notFound',
  invalid: 'console.error.invalid',
  unknown_reference: 'console.error.invalid',
  concurrent_change: 'console.error.conflict',
  unavailable: 'problem.unavailable',
  settings_invalid: 'problem.settingsInvalid',
  time_zone_unknown: 'problem.timeZoneUnknown',
  hours_reversed: 'problem.hoursReversed',
  hours_overlap: 'problem.hoursOverlap',
  schedule_overlap: 'problem.scheduleOverlap',
  dates_reversed: 'problem.datesReversed',
  no_room_with_capability: 'problem.noRoomWithCapability',
  visit_type_unavailable: 'problem.visitTypeUnavailable',
  location_unavailable: 'problem.locationUnavailable',
  region_unknown: 'problem.regionUnknown',
  duplicate_name: 'problem.duplicateName',
  holiday_duplicate: 'problem.holidayDuplicate',
  setup_incomplete: 'problem.setupIncomplete',
  visit_type_not_bookable_online: 'problem.visitTypeNotOnline',
  online_booking_closed: 'problem.onlineBookingClosed',
  change_cutoff_passed: 'problem.changeCutoffPassed',
  practitioner_change_not_allowed: 'problem.practitionerChangeNotAllowed',
  waitlist_offer_taken: 'problem.waitlistOfferTaken',
  waitlist_offer_expired: 'problem.waitlistOfferExpired',
  waitlist_offer_withdrawn: 'problem.waitlistOfferWithdrawn',
  waitlist_not_open: 'problem.waitlistNotOpen',
  visit_type_request_only: 'problem.visitTypeRequestOnly',
  request_already_open: 'problem.requestAlreadyOpen',
  request_not_open: 'problem.requestNotOpen',
};

/** A throttle's words with the wait filled in; reasons not listed use the general one. */
const WAIT_WORDS: Partial<Record<Reason, MessageKey & `problem.wait.${string}`>> = {
  rate_limited: 'problem.wait.rateLimited',
  too_many_attempts: 'problem.wait.throttled',
  account_locked: 'problem.wait.locked',
  too_many_codes: 'problem.wait.codes',
  too_many_requests: 'problem.wait.resets',
  too_many_invitations: 'problem.wait.invitations',
};

/** Throttled: the server said TOO_MANY (429). Nothing else counts, whatever its reason. */
export function isThrottled(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'TOO_MANY';
}

/** "45 seconds", "3 minutes", "2 hours" (rounded up) in the reader's language. */
export function formatWait(seconds: number, lang: Lang): string {
  const [amount, unit] = seconds < 60 ? [seconds, 'second'] : seconds < 120 * 60 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
  return new Intl.NumberFormat(localeOf(lang), { style: 'unit', unit, unitDisplay: 'long' }).format(Math.max(1, Math.ceil(amount)));
}

function throttledMessage(e: ApiError, t: Translate, lang: Lang): string {
  const key = (e.reason && WAIT_WORDS[e.reason]) ?? 'problem.wait.throttled';
  return e.retryAfterSec ? t(key, { wait: formatWait(e.retryAfterSec, lang) }) : t('console.error.throttled');
}

/** The words for a reason, in the reader's language. */
export function reasonMessage(reason: Reason, t: Translate): string {
  return t(REASON_WORDS[reason]);
}

/** One sentence for a failed request, in words a person can act on, from the server's reason and code. */
export function problemMessage(e: unknown, t: Translate, lang: Lang): string {
  if (e instanceof NetworkError) return t('console.error.network');
  if (!(e instanceof ApiError)) return t('console.error.generic');
  if (e.code === 'TOO_MANY') return throttledMessage(e, t, lang);
  if (e.reason) return reasonMessage(e.reason, t);
  if (e.status === 401) return t('console.error.expired');
  if (e.status === 403) return t('console.error.forbidden');
  if (e.status === 404) return t('problem.notFound');
  if (e.status === 409) return t('console.error.conflict');
  if (e.status >= 500) return t('console.error.generic');
  return t('console.error.invalid');
}

/** The field issues of a 422, keyed by the API's field path. */
export function fieldIssues(e: unknown): Record<string, FieldIssue> {
  const out: Record<string, FieldIssue> = {};
  if (e instanceof ApiError) for (const i of e.issues) out[i.field] ??= i;
  return out;
}

/**
 * The server's words for each refused field (an English detail for staff
 * screens that show it); forms for patients use `fieldIssues` and the reason.
 */
export function issuesByField(e: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldIssues(e)).map(([f, i]) => [f, i.message]));
}

export function hasIssues(e: unknown): e is ApiError & { issues: FieldIssue[] } {
  return e instanceof ApiError && e.issues.length > 0;
}

const PASSWORD_WORDS: Partial<Record<IssueReason, PlainKey>> = {
  password_too_short: 'console.password.tooShort',
  password_too_long: 'console.password.tooLong',
  password_too_common: 'console.password.tooCommon',
  password_repeated: 'console.password.repeated',
  password_sequence: 'console.password.sequence',
  password_personal: 'console.password.personal',
};

/**
 * Why the server refused a new password (NIST 800-63B checks in the identity
 * module), in the reader's language; the shortest rule when it gave no reason
 * (the schema's own length check).
 */
export function passwordMessage(issue: FieldIssue, t: Translate): string {
  if (isTextIssue(issue)) return t('error.text.characters');
  const key = issue.reason && PASSWORD_WORDS[issue.reason];
  const words = t(key || 'console.password.tooShort');
  // A password too easy to guess comes with zxcvbn's suggestion (issue 11), in the reader's language.
  return issue.reason === 'password_too_common' && isPasswordHint(issue.hint) ? `${words} ${t(HINT_WORDS[issue.hint])}` : words;
}

const HINT_WORDS: Record<PasswordHint, PlainKey> = {
  l33t: 'password.hint.l33t',
  reverseWords: 'password.hint.reverseWords',
  allUppercase: 'password.hint.allUppercase',
  capitalization: 'password.hint.capitalization',
  dates: 'password.hint.dates',
  recentYears: 'password.hint.recentYears',
  associatedYears: 'password.hint.associatedYears',
  sequences: 'password.hint.sequences',
  repeated: 'password.hint.repeated',
  longerKeyboardPattern: 'password.hint.longerKeyboardPattern',
  anotherWord: 'password.hint.anotherWord',
  useWords: 'password.hint.useWords',
  noNeed: 'password.hint.noNeed',
  pwned: 'password.hint.pwned',
};

/** Whether a field was refused for its characters (control, invisible or text-direction marks). */
export function isTextIssue(issue: Pick<FieldIssue, 'reason'> | undefined): boolean {
  return issue?.reason === 'text_control' || issue?.reason === 'text_surrogate' || issue?.reason === 'text_invisible';
}
