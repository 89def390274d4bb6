import type { Queryable } from '../../db/db.js';

/** The kinds of notice a patient chooses a channel for (account and security emails have no choice: email). */
export const NOTICE_KINDS = ['appointment_reminder', 'appointment_change', 'message', 'waitlist_offer'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type ChannelChoice = 'email' | 'sms' | 'both';

export interface StoredPreferences {
  channels: Record<NoticeKind, ChannelChoice>;
  /** Null: the clinic's default quiet hours. */
  quietHours: { start: string; end: string } | null;
}

/** A patient's contact and choices: what notifying them needs, in one read. */
export interface PatientContact extends StoredPreferences {
  patientId: string;
  firstName: string;
  email: string;
  phone: string;
  language: 'en' | 'es';
  /** The clinic's quiet hours (a clinic setting), for a patient who chose none. */
  clinicQuietHours: { start: string; end: string };
}

const KIND_COLUMNS = NOTICE_KINDS.join(', ');

type ContactRow = Omit<PatientContact, 'channels' | 'quietHours' | 'clinicQuietHours'> & Record<NoticeKind, ChannelChoice | null>
  & { quietStart: string | null; quietEnd: string | null; clinicQuietStart: string; clinicQuietEnd: string };

function toContact(r: ContactRow): PatientContact {
  return {
    patientId: r.patientId, firstName: r.firstName, email: r.email, phone: r.phone, language: r.language,
    channels: Object.fromEntries(NOTICE_KINDS.map((k) => [k, r[k] ?? 'email'])) as Record<NoticeKind, ChannelChoice>,
    quietHours: r.quietStart && r.quietEnd ? { start: r.quietStart, end: r.quietEnd } : null,
    clinicQuietHours: { start: r.clinicQuietStart, end: r.clinicQuietEnd },
  };
}

/** The patient's address, phone, language and choices (email for every kind when they made none). */
export async function findContact(db: Queryable, organizationId: string, patientId: string): Promise<PatientContact | undefined> {
  const row = await db.one<ContactRow>(
    `SELECT p.id AS "patientId", p.first_name AS "firstName", p.email, p.phone, p.preferred_language AS language, ${NOTICE_KINDS.map((k) => `np.${k}`).join(', ')},
       np.quiet_start AS "quietStart", np.quiet_end AS "quietEnd", o.sms_quiet_start AS "clinicQuietStart", o.sms_quiet_end AS "clinicQuietEnd"
     FROM patient p JOIN organization o ON o.id = p.organization_id LEFT JOIN notice_preference np ON np.patient_id = p.id
     WHERE p.id = $1 AND p.organization_id = $2`,
    [patientId, organizationId],
  );
  return row && toContact(row);
}

/** Stores the patient's choices whole (an upsert); their quiet hours null: the clinic's default. */
export async function savePreferences(db: Queryable, p: { organizationId: string; patientId: string; now: number } & StoredPreferences): Promise<void> {
  await db.query(
    `INSERT INTO notice_preference (patient_id, organization_id, ${KIND_COLUMNS}, quiet_start, quiet_end, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_timestamp($9 / 1000.0))
     ON CONFLICT (patient_id) DO UPDATE SET ${NOTICE_KINDS.map((k) => `${k} = EXCLUDED.${k}`).join(', ')},
       quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end, updated_at = EXCLUDED.updated_at`,
    [p.patientId, p.organizationId, ...NOTICE_KINDS.map((k) => p.channels[k]), p.quietHours?.start ?? null, p.quietHours?.end ?? null, p.now],
  );
}
