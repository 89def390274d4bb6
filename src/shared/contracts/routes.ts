import { z } from 'zod';
import {
  Appointment,
  AvailabilityQuery,
  AvailabilityResponse,
  BookingRequest,
  BookingResponse,
  CancelRequest,
  CodeQuery,
  IdParam,
  ManagedAppointment,
  OnlineBookingStatus,
  PatientAppointmentParams,
  PatientCancelRequest,
  PatientRescheduleOptionsQuery,
  PatientRescheduleRequest,
  RescheduleOptionsQuery,
  RescheduleRequest,
} from './booking.js';
import {
  AssigneeQuery,
  AssignRequest,
  InboxCounts,
  InboxQuery,
  Message,
  PatientInbox,
  PatientThread,
  StaffInbox,
  StaffMessage,
  StaffRef,
  StaffThread,
  StaffThreadParams,
  StaffThreadSummary,
  ThreadParams,
} from './messages.js';
import { ListOf, Location, Practitioner, Uuid, VisitType } from './clinic.js';
import {
  ClinicDocument,
  ClinicSettings,
  HolidayInput,
  ImportResult,
  LocationInput,
  LogoUpload,
  OnlineBookingSwitch,
  OrganizationInput,
  PractitionerInput,
  RegionInput,
  RoomInput,
  SettingsChange,
  SetupStatus,
  VisitTypeInput,
} from './clinic-settings.js';
import {
  ActivateFromBooking,
  ActivateWithCode,
  ActivationCodeRequest,
  ActiveSession,
  AuditEvent,
  AuditQuery,
  BreakGlassEntry,
  BreakGlassRequest,
  CaregiverGrant,
  CaregiverInvite,
  InviteInfo,
  InviteRequest,
  InviteResponse,
  NewPasswordRequest,
  PasswordResetRequest,
  ReferrerSignup,
  SecondFactorRequest,
  SessionInfo,
  SharedRecord,
  SignInRequest,
  StaffUser,
  TokenParam,
  TotpConfirmed,
  TotpConfirmRequest,
  TotpEnrollment,
  VisitorAnswer,
} from './identity.js';
import { DemoMailbox, NoticeList, NoticeListQuery, NoticePreferences, NoticePreferencesInput } from './notices.js';
import { PatientAppointment, PatientChart } from './portal.js';
import {
  AcceptedOffer, AcceptOfferRequest, CalendarFeedCreated, CalendarFeedStatus, OfferTokenParam, PublicWaitlistOffer, StaffWaitlistOffer, StaffWaitlistQuery,
  WaitlistEntry, WaitlistEntryAnswer, WaitlistRequest,
} from './waitlist.js';
import {
  AppointmentRequest,
  AppointmentRequestInput,
  BookFromRequest,
  DeclineRequest,
  PatientAvailabilityQuery,
  PatientBookingRequest,
  PatientHome,
  SelfServiceOffers,
  StaffAppointmentRequest,
} from './self-service.js';
import {
  BlockRequest,
  BlockResponse,
  DeskBookingRequest,
  DeskBookingResponse,
  DeskCancel,
  DeskPatient,
  DeskReschedule,
  PatientSearchQuery,
  ScheduleQuery,
  ScheduleResponse,
  StatusChange,
} from './staff.js';

/**
 * The routes the web calls, keyed "METHOD /path/:param", each with the shared
 * Zod schemas of its parameters, query, body and answer (issue 10, part 7).
 * The web's typed client (web/app/api/routes.ts) takes a key from this table
 * and gets its request and answer types from it, so nothing is typed by hand;
 * it imports this module's types only, so Zod stays out of the main bundle.
 * The server declares the same schemas on its routes; route-contracts.test.ts
 * checks that every route here exists there with the same fields.
 */
export interface RouteContract {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The answer's body; none for 204 answers (and answers the web does not read). */
  response?: z.ZodType;
}

const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const Status = z.object({ status: z.string() });
const PatientParam = z.strictObject({ patientId: Uuid });
const GrantParam = z.strictObject({ patientId: Uuid, id: Uuid });
const UserParam = z.strictObject({ id: Uuid });

/** Why an access to a patient's record was refused, in words a patient can be given (access's engine/disclosures.ts). */
export const DisclosureRefusal = z.enum([
  'not_signed_in', 'session_ended', 'second_factor', 'role', 'not_care_team', 'no_referral', 'caregiver_limited', 'not_their_record', 'wrong_code', 'too_many', 'other',
]);

/** One line of a patient's accounting of disclosures. */
export const Disclosure = z.object({
  at: z.string(),
  who: z.string(),
  role: z.string(),
  action: z.string(),
  outcome: z.string(),
  /** Opened through emergency access (break-glass) rather than a care relationship. */
  emergency: z.boolean().optional(),
  /** The reason the clinician gave for that emergency access (issue 11). */
  emergencyReason: z.string().optional(),
  /** Why an attempt that did not succeed was refused, as a stable word the patient's page puts in words (issue 11). */
  refusal: DisclosureRefusal.optional(),
});

export const ROUTES = {
  // The public site
  'GET /api/locations': { response: ListOf(Location) },
  'GET /api/practitioners': { response: ListOf(Practitioner) },
  'GET /api/visit-types': { response: ListOf(VisitType) },
  'GET /api/online-booking': { response: OnlineBookingStatus },
  'GET /api/availability': { query: AvailabilityQuery, response: AvailabilityResponse },
  'POST /api/appointments': { body: BookingRequest, response: BookingResponse },
  'GET /api/appointments/:id': { params: IdParam, query: CodeQuery, response: ManagedAppointment },
  'GET /api/appointments/:id/availability': { params: IdParam, query: RescheduleOptionsQuery, response: AvailabilityResponse },
  'POST /api/appointments/:id/cancel': { params: IdParam, body: CancelRequest, response: ManagedAppointment },
  'POST /api/appointments/:id/reschedule': { params: IdParam, body: RescheduleRequest, response: ManagedAppointment },
  // Signing in, sessions, invitations, accounts
  'GET /api/session': { response: SessionInfo },
  'GET /api/session/visitor': { response: VisitorAnswer },
  'POST /api/session': { body: SignInRequest, response: SessionInfo },
  'DELETE /api/session': {},
  'POST /api/session/second-factor': { body: SecondFactorRequest, response: SessionInfo },
  'POST /api/session/totp/enroll': { response: TotpEnrollment },
  'POST /api/session/totp/confirm': { body: TotpConfirmRequest, response: TotpConfirmed },
  'POST /api/session/sign-out-everywhere': {},
  'GET /api/session/list': { response: Items(ActiveSession) },
  'DELETE /api/session/list/:id': { params: z.strictObject({ id: z.string() }) },
  'GET /api/invites/:token': { params: TokenParam, response: InviteInfo },
  'POST /api/invites/:token': { params: TokenParam, body: NewPasswordRequest, response: SessionInfo },
  'POST /api/password-reset': { body: PasswordResetRequest },
  'POST /api/password-reset/:token': { params: TokenParam, body: NewPasswordRequest },
  'POST /api/account/activate': { body: ActivateFromBooking, response: SessionInfo },
  'POST /api/account/activation-code': { body: ActivationCodeRequest, response: Status },
  'POST /api/account/activate-with-code': { body: ActivateWithCode, response: SessionInfo },
  'POST /api/referrers/signup': { body: ReferrerSignup, response: Status },
  // A patient's record: their pages, caregivers, a clinician's chart
  'GET /api/patients/:patientId/appointments': { params: PatientParam, response: Items(PatientAppointment) },
  'GET /api/patients/:patientId/disclosures': { params: PatientParam, response: Items(Disclosure) },
  'GET /api/patients/:patientId/caregivers': { params: PatientParam, response: Items(CaregiverGrant) },
  'POST /api/patients/:patientId/caregivers': { params: PatientParam, body: CaregiverInvite, response: z.object({ grantId: Uuid }) },
  'DELETE /api/patients/:patientId/caregivers/:id': { params: GrantParam },
  'GET /api/caregiver/patients': { response: Items(SharedRecord) },
  'GET /api/patients/:patientId/chart': { params: PatientParam, response: PatientChart },
  // Issue 12: how the patient hears from the clinic (email, text or both per kind) and their quiet hours
  'GET /api/patients/:patientId/notice-preferences': { params: PatientParam, response: NoticePreferences },
  'PUT /api/patients/:patientId/notice-preferences': { params: PatientParam, body: NoticePreferencesInput, response: NoticePreferences },
  'POST /api/patients/:patientId/break-glass': { params: PatientParam, body: BreakGlassRequest, response: z.object({ patientId: Uuid, expiresAt: z.string() }) },
  // A signed-in patient's (or caregiver's) own appointment, without the confirmation code (issue 11)
  'POST /api/patients/:patientId/appointments/:id/cancel': { params: PatientAppointmentParams, body: PatientCancelRequest, response: ManagedAppointment },
  'POST /api/patients/:patientId/appointments/:id/reschedule': { params: PatientAppointmentParams, body: PatientRescheduleRequest, response: ManagedAppointment },
  'GET /api/patients/:patientId/appointments/:id/availability': { params: PatientAppointmentParams, query: PatientRescheduleOptionsQuery, response: AvailabilityResponse },
  /** text/calendar, for a link or a download: no JSON answer. */
  'GET /api/patients/:patientId/appointments/:id/calendar.ics': { params: PatientAppointmentParams },
  // Issue 12: the patient's calendar feed and the earlier-visit waitlist
  'GET /api/patients/:patientId/calendar-feed': { params: PatientParam, response: CalendarFeedStatus },
  'POST /api/patients/:patientId/calendar-feed': { params: PatientParam, response: CalendarFeedCreated },
  'DELETE /api/patients/:patientId/calendar-feed': { params: PatientParam },
  /** text/calendar for calendar apps, at '<token>.ics': no JSON answer. */
  'GET /api/calendar/:file': { params: z.strictObject({ file: z.string() }) },
  'GET /api/patients/:patientId/waitlist': { params: PatientParam, response: Items(WaitlistEntry) },
  'GET /api/patients/:patientId/appointments/:id/waitlist': { params: PatientAppointmentParams, response: WaitlistEntryAnswer },
  'POST /api/patients/:patientId/appointments/:id/waitlist': { params: PatientAppointmentParams, body: WaitlistRequest, response: WaitlistEntryAnswer },
  'DELETE /api/patients/:patientId/appointments/:id/waitlist': { params: PatientAppointmentParams },
  'POST /api/patients/:patientId/appointments/:id/waitlist/accept': { params: PatientAppointmentParams, body: AcceptOfferRequest, response: AcceptedOffer },
  'GET /api/waitlist/offers/:token': { params: OfferTokenParam, response: PublicWaitlistOffer },
  'POST /api/waitlist/offers/:token/accept': { params: OfferTokenParam, response: AcceptedOffer },
  'GET /api/staff/waitlist': { query: StaffWaitlistQuery, response: Items(StaffWaitlistOffer) },
  // The patient's self-service (issue 12): home, what they may book or request, their own booking and requests
  'GET /api/patients/:patientId/home': { params: PatientParam, response: PatientHome },
  'GET /api/patients/:patientId/visit-types': { params: PatientParam, response: SelfServiceOffers },
  'GET /api/patients/:patientId/availability': { params: PatientParam, query: PatientAvailabilityQuery, response: AvailabilityResponse },
  'POST /api/patients/:patientId/appointments': { params: PatientParam, body: PatientBookingRequest, response: BookingResponse },
  'GET /api/patients/:patientId/appointment-requests': { params: PatientParam, response: Items(AppointmentRequest) },
  'POST /api/patients/:patientId/appointment-requests': { params: PatientParam, body: AppointmentRequestInput, response: AppointmentRequest },
  // The schedule desk
  'GET /api/staff/schedule': { query: ScheduleQuery, response: ScheduleResponse },
  'GET /api/staff/patients': { query: PatientSearchQuery, response: Items(DeskPatient) },
  'GET /api/staff/availability': { query: AvailabilityQuery, response: AvailabilityResponse },
  'POST /api/staff/appointments': { body: DeskBookingRequest, response: DeskBookingResponse },
  'POST /api/staff/appointments/:id/status': { params: IdParam, body: StatusChange, response: Appointment },
  'POST /api/staff/appointments/:id/cancel': { params: IdParam, body: DeskCancel, response: Appointment },
  'POST /api/staff/appointments/:id/reschedule': { params: IdParam, body: DeskReschedule, response: Appointment },
  'POST /api/staff/blocks': { body: BlockRequest, response: BlockResponse },
  'DELETE /api/staff/blocks/:id': { params: IdParam },
  'GET /api/staff/appointment-requests': { response: Items(StaffAppointmentRequest) },
  'POST /api/staff/appointment-requests/:id/decline': { params: IdParam, body: DeclineRequest, response: AppointmentRequest },
  'POST /api/staff/appointment-requests/:id/book': { params: IdParam, body: BookFromRequest, response: DeskBookingResponse },
  // Administration
  'GET /api/admin/users': { response: Items(StaffUser) },
  'POST /api/admin/users/invite': { body: InviteRequest, response: InviteResponse },
  'POST /api/admin/users/:id/approve': { params: UserParam },
  'POST /api/admin/users/:id/reinvite': { params: UserParam, response: InviteResponse },
  'POST /api/admin/users/:id/disable': { params: UserParam },
  'GET /api/admin/break-glass': { query: z.strictObject({ all: z.enum(['true', 'false']).default('false') }), response: Items(BreakGlassEntry) },
  'POST /api/admin/break-glass/:id/review': { params: UserParam },
  'GET /api/admin/audit': { query: AuditQuery, response: Items(AuditEvent) },
  'GET /api/admin/notices': { query: NoticeListQuery, response: NoticeList },
  'POST /api/admin/notices/:id/retry': { params: UserParam },
  'GET /api/admin/demo-mailbox': { response: DemoMailbox },
  // Clinic settings (issue 11): each change answers the settings after it and the visits it left outside them
  'GET /api/admin/clinic': { response: ClinicSettings },
  'PUT /api/admin/clinic/organization': { body: OrganizationInput, response: SettingsChange },
  'PUT /api/admin/clinic/logo': { body: LogoUpload, response: SettingsChange },
  'POST /api/admin/clinic/regions': { body: RegionInput, response: SettingsChange },
  'PUT /api/admin/clinic/regions/:id': { params: UserParam, body: RegionInput, response: SettingsChange },
  'POST /api/admin/clinic/locations': { body: LocationInput, response: SettingsChange },
  'PUT /api/admin/clinic/locations/:id': { params: UserParam, body: LocationInput, response: SettingsChange },
  'POST /api/admin/clinic/locations/:id/rooms': { params: UserParam, body: RoomInput, response: SettingsChange },
  'PUT /api/admin/clinic/rooms/:id': { params: UserParam, body: RoomInput, response: SettingsChange },
  'POST /api/admin/clinic/holidays': { body: HolidayInput, response: SettingsChange },
  'DELETE /api/admin/clinic/holidays/:id': { params: UserParam, response: SettingsChange },
  'POST /api/admin/clinic/practitioners': { body: PractitionerInput, response: SettingsChange },
  'PUT /api/admin/clinic/practitioners/:id': { params: UserParam, body: PractitionerInput, response: SettingsChange },
  'POST /api/admin/clinic/visit-types': { body: VisitTypeInput, response: SettingsChange },
  'PUT /api/admin/clinic/visit-types/:id': { params: UserParam, body: VisitTypeInput, response: SettingsChange },
  'GET /api/admin/clinic/setup': { response: SetupStatus },
  'PUT /api/admin/clinic/online-booking': { body: OnlineBookingSwitch, response: SetupStatus },
  'GET /api/admin/clinic/export': { response: ClinicDocument },
  'POST /api/admin/clinic/import': { body: ClinicDocument, response: ImportResult },
  // Secure messages (issue 12). POSTs that carry files are multipart/form-data: their form fields are
  // NewThreadFields / ReplyFields / StaffReplyFields, each file a part named `files` (no JSON `body` here).
  'GET /api/patients/:patientId/threads': { params: PatientParam, response: PatientInbox },
  'POST /api/patients/:patientId/threads': { params: PatientParam, response: PatientThread },
  'GET /api/patients/:patientId/threads/:id': { params: ThreadParams, response: PatientThread },
  'POST /api/patients/:patientId/threads/:id/messages': { params: ThreadParams, response: Message },
  'POST /api/patients/:patientId/threads/:id/read': { params: ThreadParams },
  'GET /api/patients/:patientId/attachments/:id': { params: GrantParam },
  'GET /api/staff/inbox': { query: InboxQuery, response: StaffInbox },
  'GET /api/staff/inbox/counts': { response: InboxCounts },
  'GET /api/staff/inbox/assignees': { query: AssigneeQuery, response: Items(StaffRef) },
  'POST /api/staff/patients/:patientId/threads': { params: PatientParam, response: StaffThread },
  'GET /api/staff/threads/:id': { params: StaffThreadParams, response: StaffThread },
  'POST /api/staff/threads/:id/messages': { params: StaffThreadParams, response: StaffMessage },
  'POST /api/staff/threads/:id/claim': { params: StaffThreadParams, response: StaffThreadSummary },
  'POST /api/staff/threads/:id/assign': { params: StaffThreadParams, body: AssignRequest, response: StaffThreadSummary },
  'POST /api/staff/threads/:id/close': { params: StaffThreadParams, response: StaffThreadSummary },
  'POST /api/staff/threads/:id/read': { params: StaffThreadParams },
  'GET /api/staff/attachments/:id': { params: StaffThreadParams },
} as const satisfies Record<`${'GET' | 'POST' | 'PUT' | 'DELETE'} /api/${string}`, RouteContract>;

export type Routes = typeof ROUTES;
export type RouteKey = keyof Routes;
