import type { Db, Queryable } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import type { NoticePreferences, NoticePreferencesInput } from '../../../shared/contracts/notices.js';
import { AppError } from '../../../shared/errors.js';
import { toE164 } from '../../../shared/phone.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import { findContact, savePreferences, type PatientContact } from './preferences.repo.js';

/**
 * The access guard's decision for the request, as this module reads it (the
 * access module is built after notices, so its Grant type is not imported):
 * the service checks that it was made for this permission and patient.
 */
export interface PreferencesGrant {
  permission: string;
  patientId: string | null;
}

const PERMISSION = 'notice_preferences.manage';

function assertGranted(grant: PreferencesGrant | null, patientId: string): void {
  if (!grant || grant.permission !== PERMISSION || grant.patientId !== patientId) {
    throw new Error(`a grant for ${grant?.permission ?? 'nothing'} ${grant?.patientId ?? ''} was passed where ${PERMISSION} ${patientId} is needed`);
  }
}

/** A patient's notice preferences: read and replaced whole, each read and change audited with the patient named. */
export function createPreferences(deps: { db: Db; clock: Clock; organizationId: string; audit: AuditService; smsSending: () => boolean }) {
  const { db, organizationId } = deps;

  function view(c: PatientContact): NoticePreferences {
    return {
      channels: c.channels, quietHours: c.quietHours, clinicQuietHours: c.clinicQuietHours,
      email: c.email, smsNumber: toE164(c.phone), smsSending: deps.smsSending(),
    };
  }

  async function contactOf(q: Queryable, patientId: string): Promise<PatientContact> {
    const c = await findContact(q, organizationId, patientId);
    // The guard found the patient; this is a record merged or removed since.
    if (!c) throw new AppError('NOT_FOUND', 'No such patient.', { reason: 'not_found' });
    return c;
  }

  async function get(grant: PreferencesGrant | null, patientId: string, ctx: AuditContext): Promise<NoticePreferences> {
    assertGranted(grant, patientId);
    const c = await contactOf(db, patientId);
    await deps.audit.recordRead(ctx, { action: 'notice_preferences.read', resourceType: 'notice_preferences', resourceId: patientId, patientId });
    return view(c);
  }

  /** Replaces the choices; the change and its audit event commit together. */
  async function put(grant: PreferencesGrant | null, patientId: string, input: NoticePreferencesInput, ctx: AuditContext): Promise<NoticePreferences> {
    assertGranted(grant, patientId);
    return db.tx(async (t) => {
      await contactOf(t, patientId);
      await savePreferences(t, { organizationId, patientId, now: deps.clock.now(), channels: input.channels, quietHours: input.quietHours });
      const summary = Object.entries(input.channels).map(([k, v]) => `${k}=${v}`).join(' ');
      const quiet = input.quietHours ? `${input.quietHours.start}-${input.quietHours.end}` : 'clinic default';
      await deps.audit.record(ctx, { action: 'notice_preferences.update', resourceType: 'notice_preferences', resourceId: patientId, patientId, reason: `${summary}; quiet hours ${quiet}` }, t);
      return view((await findContact(t, organizationId, patientId))!);
    });
  }

  return { get, put };
}
