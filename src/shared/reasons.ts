/**
 * The stable words for why the server refused a request. The English message
 * of an error is for people reading the API; a client acts on, and translates,
 * these codes. Server and web both import them, so TypeScript checks that every
 * reason thrown is known here and that the web has words for each (issue 10,
 * part 6). Adding a reason: add it here, throw it, and give it a catalog entry.
 */
export const REASONS = [
  // Throttles: every TOO_MANY answer carries `retryAfterSec`.
  'rate_limited', // per-address limit of a public endpoint
  'too_many_attempts', // failed sign-ins or second-factor codes; with UNAUTHENTICATED: the second-factor step ended
  'account_locked', // failed sign-ins locked the account for a while
  'too_many_codes', // wrong codes sent to activate a patient record
  'too_many_requests', // password-reset requests from one connection
  'too_many_invitations', // caregiver invitations per day
  // Signing in and sessions.
  'sign_in_required',
  'session_ended',
  'sign_in_failed',
  'awaiting_approval',
  'second_factor_required',
  'totp_not_enrolled',
  'totp_already_enrolled',
  'totp_setup_not_started',
  'invitation_invalid',
  'reset_link_invalid',
  'csrf',
  'origin',
  'role',
  // Accounts, invitations and sharing.
  'exists',
  'already_invited',
  'not_invited',
  'not_pending_approval',
  'no_match',
  'account_exists',
  'already_shared',
  'break_glass_required',
  // Booking and the schedule.
  'slot_taken',
  'patient_busy',
  'slot_not_open',
  'too_soon',
  'beyond_booking_horizon',
  'staff_booking_only',
  'not_cancellable',
  'not_reschedulable',
  'already_started',
  'status_change_refused',
  'idempotency_key_reused',
  // Notices (the admin page of failed and waiting notices).
  'already_sent',
  'not_failed',
  // Files (platform/files.ts): the type is read from the bytes.
  'file_empty',
  'file_too_large',
  'file_type_not_allowed',
  'file_type_mismatch', // the file name's extension says one type, the bytes another (a PNG named x.pdf)
  'file_has_script', // a PDF carrying JavaScript (/JS or /JavaScript)
  // Secure messages (issue 12).
  'too_many_files', // more files on one message than it may carry (MESSAGE_FILES_MAX)
  'assignee_not_allowed', // a thread handed to someone who does not work in its pool (and is not a clinician)
  // The HTTP edge: requests refused before any route runs (server/http-edge.ts).
  'bad_url',
  'url_too_long',
  'body_too_large',
  'unsupported_media_type',
  'bad_content_length',
  'malformed_json',
  'header_too_large',
  'request_timeout',
  'bad_request',
  'method_not_allowed',
  'not_acceptable',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'conflict',
  // Anything else.
  'not_found',
  'invalid',
  'unknown_reference',
  'concurrent_change',
  'unavailable',
  // Clinic settings (issue 11): the settings engine's problems, the first of which is the refusal's reason.
  'settings_invalid', // a settings change or document with problems of several kinds (each named in `issues`)
  'time_zone_unknown',
  'hours_reversed', // opening (or start) time not before closing (or end) time
  'hours_overlap', // two opening hours of one location overlap on a weekday
  'schedule_overlap', // two weekly hours of one practitioner overlap
  'dates_reversed', // valid from after valid to
  'no_room_with_capability', // a visit type needs a kind of room no active room has
  'visit_type_unavailable', // a practitioner performs a visit type that is unknown or inactive
  'location_unavailable', // hours or a closure at a location that is unknown or inactive
  'region_unknown',
  'duplicate_name',
  'holiday_duplicate', // the same day closed twice for the same location
  'setup_incomplete', // online booking cannot open before the set-up checklist is done
  // Scheduling rules of the clinic's settings (issue 11).
  'visit_type_not_bookable_online', // the visit type's online policy is not 'anyone': call the location
  'online_booking_closed', // the clinic has not opened online booking (organization.online_booking)
  'change_cutoff_passed', // within the visit type's cancel/reschedule cutoff: call the location (details carry its phone)
  'practitioner_change_not_allowed', // a staff-only visit (a procedure) keeps its practitioner online
  // The earlier-visit waitlist (issue 12).
  'waitlist_offer_taken', // someone accepted the offered time first ("just taken"); the patient's visit stays as it was
  'waitlist_offer_expired', // the offer's time to accept has passed
  'waitlist_offer_withdrawn', // the patient left the list, or the visit waiting for an earlier time changed
  'waitlist_not_open', // only a booked visit still to come can wait for an earlier time
  // The patient's self-service (issue 12).
  'visit_type_request_only', // the visit type is booked by the desk on request: send a request instead
  'request_already_open', // the patient already has an open request for this visit type
  'request_not_open', // the desk already booked or declined this request
] as const;
export type Reason = (typeof REASONS)[number];

/**
 * Why one field was refused (`issues[].reason`), where a form says something
 * more useful than "check this field".
 */
export const ISSUE_REASONS = [
  'required',
  'date_invalid', // not a calendar date YYYY-MM-DD between 1900 and 2199
  'instant_invalid', // not a date-time with an offset between 1900 and 2199
  'birth_date_out_of_range',
  'text_control',
  'text_surrogate',
  'text_invisible',
  'password_too_short',
  'password_too_long',
  'password_too_common',
  'password_repeated',
  'password_sequence',
  'password_personal',
  'code_wrong',
  'npi_invalid',
  'staff_role_required',
  'practitioner_required',
  'practitioner_only_for_clinician',
  'unknown_practitioner',
  'unknown_location',
  'unknown_visit_type',
  'unknown_patient',
  'range_reversed',
  'range_too_long',
  'block_too_long',
  'start_in_past',
  'not_visit_day',
  // Clinic settings (issue 11): each problem the settings engine names, on its field.
  'time_zone_unknown',
  'hours_reversed',
  'hours_overlap',
  'schedule_overlap',
  'dates_reversed',
  'no_room_with_capability',
  'visit_type_unavailable',
  'location_unavailable',
  'region_unknown',
  'duplicate_name',
  'holiday_duplicate',
] as const;
export type IssueReason = (typeof ISSUE_REASONS)[number];

export function isReason(v: unknown): v is Reason {
  return typeof v === 'string' && (REASONS as readonly string[]).includes(v);
}

export function isIssueReason(v: unknown): v is IssueReason {
  return typeof v === 'string' && (ISSUE_REASONS as readonly string[]).includes(v);
}

/**
 * What would make a refused password better (`issues[].hint` with the reason
 * password_too_common): zxcvbn's suggestions by their stable keys, which the
 * web words in the reader's language (issue 11).
 */
export const PASSWORD_HINTS = [
  'l33t',
  'reverseWords',
  'allUppercase',
  'capitalization',
  'dates',
  'recentYears',
  'associatedYears',
  'sequences',
  'repeated',
  'longerKeyboardPattern',
  'anotherWord',
  'useWords',
  'noNeed',
  'pwned',
] as const;
export type PasswordHint = (typeof PASSWORD_HINTS)[number];

export function isPasswordHint(v: unknown): v is PasswordHint {
  return typeof v === 'string' && (PASSWORD_HINTS as readonly string[]).includes(v);
}
