/**
 * Every action the server writes to the audit trail (issue 11): what it did,
 * and the permission named when a request was refused (a refusal records the
 * permission the route asks for, 'signed_in' for a page that only needs a
 * session). The audit log's pick list and its words (console catalog,
 * English and Spanish) come from this list; an action missing here still
 * shows, as its code. src/server/modules/audit/audit-actions.test.ts reads
 * the server's source and fails when an action it records is not listed.
 */
export const AUDIT_ACTIONS = [
  'appointment.cancel', 'appointment.create', 'appointment.read', 'appointment.reschedule', 'appointment.status', 'appointment.write',
  'appointment_request.book', 'appointment_request.create', 'appointment_request.decline', 'appointment_request.read',
  'audit.read',
  'break_glass.review', 'break_glass.start',
  'calendar_feed.create', 'calendar_feed.manage', 'calendar_feed.read', 'calendar_feed.renew', 'calendar_feed.revoke',
  'chart.read',
  'clinic.holiday.create', 'clinic.holiday.delete', 'clinic.location.create', 'clinic.location.update', 'clinic.logo.update', 'clinic.manage', 'clinic.organization.update', 'clinic.practitioner.create', 'clinic.practitioner.update',
  'clinic.region.create', 'clinic.region.update', 'clinic.room.create', 'clinic.room.update', 'clinic.settings.export', 'clinic.settings.import', 'clinic.visit_type.create', 'clinic.visit_type.update',
  'demo_mailbox.read',
  'disclosures.read',
  'inbox.read', 'inbox.write',
  'live.subscribe',
  'notice.retry', 'notice_preferences.manage', 'notice_preferences.read', 'notice_preferences.update', 'notices.manage', 'notices.read',
  'message.assign', 'message.claim', 'message.close', 'message.download', 'message.note', 'message.read', 'message.send',
  'patient.search',
  'schedule.block', 'schedule.read', 'schedule.unblock', 'schedule.write',
  'session.revoke', 'session.second_factor', 'session.self', 'session.sign_in', 'session.sign_out', 'session.sign_out_everywhere',
  'shared_records.read',
  'sharing.caregiver_grant', 'sharing.caregiver_revoke', 'sharing.manage', 'sharing.referral_revoke',
  'signed_in',
  'user.activate', 'user.activation_code', 'user.approve', 'user.create_admin', 'user.disable', 'user.invite', 'user.invite_accepted',
  'user.manage', 'user.password_reset', 'user.password_reset_requested', 'user.referrer_signup', 'user.reinvite', 'user.totp_enrolled',
  'waitlist.accept', 'waitlist.join', 'waitlist.leave', 'waitlist.offer', 'waitlist.offer_expired', 'waitlist.offer_read', 'waitlist.read', 'waitlist.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

/** Why access was granted (the access policy's basis): a chart read records it as its reason. */
export const ACCESS_BASES = ['own', 'caregiver', 'referral', 'care_team', 'role', 'break_glass'] as const;
export type AccessBasis = (typeof ACCESS_BASES)[number];

export function isAccessBasis(reason: string | null): reason is AccessBasis {
  return reason !== null && (ACCESS_BASES as readonly string[]).includes(reason);
}
