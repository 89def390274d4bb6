import type { Queryable } from '../../db/db.js';

const ms = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8`;

/** The names a fact's SQL may use; each becomes a positional parameter of the one facts query. */
export interface FactParams {
  organization: string;
  patient: string;
  user: string;
  practitioner: string | null;
  now: number;
}

/** One column of the facts query: a SQL expression over :organization, :patient, :user, :practitioner and :now. */
export interface FactColumn {
  name: string;
  sql: string;
}

/** What access itself knows about an actor and a patient (its own tables: sharing and break-glass). */
export const CAREGIVER_SCOPE: FactColumn = {
  name: 'caregiverScope',
  sql: `(SELECT scope FROM caregiver_grant WHERE caregiver_user_id = :user AND patient_id = :patient AND revoked_at IS NULL
         ORDER BY scope = 'full' DESC LIMIT 1)`,
};
/** A referral in force, the same rule the chart's sharing list shows (until the referrals module owns it). */
export const REFERRAL: FactColumn = {
  name: 'referral',
  sql: `EXISTS (SELECT 1 FROM referral WHERE referrer_user_id = :user AND patient_id = :patient
         AND status IN ('accepted', 'active') AND revoked_by_patient_at IS NULL)`,
};
export const BREAK_GLASS_UNTIL: FactColumn = {
  name: 'breakGlassUntil',
  sql: `(SELECT ${ms('max(expires_at)')} FROM break_glass WHERE user_id = :user AND patient_id = :patient
         AND expires_at > to_timestamp(:now / 1000.0))`,
};

/**
 * Every fact a decision needs, in one round trip: each column is a scalar
 * expression, and only the names it uses are sent as parameters.
 */
export async function loadFacts(db: Queryable, columns: readonly FactColumn[], p: FactParams): Promise<Record<string, unknown>> {
  const order: (keyof FactParams)[] = [];
  const bind = (sql: string) =>
    sql.replace(/(?<!:):(organization|patient|user|practitioner|now)\b/g, (_, name: keyof FactParams) => {
      if (!order.includes(name)) order.push(name);
      return `$${order.indexOf(name) + 1}${name === 'now' ? '::float8' : '::uuid'}`;
    });
  const select = columns.map((c, i) => `${bind(c.sql)} AS c${i}`).join(',\n  ');
  const row = await db.one<Record<string, unknown>>(`SELECT ${select}`, order.map((n) => p[n]));
  return Object.fromEntries(columns.map((c, i) => [c.name, row?.[`c${i}`] ?? null]));
}

export async function insertBreakGlass(db: Queryable, b: { organizationId: string; userId: string; patientId: string; reason: string; now: number; ttlMs: number }): Promise<string> {
  const row = await db.one<{ id: string }>(
    `INSERT INTO break_glass (organization_id, user_id, patient_id, reason, started_at, expires_at)
     VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0), to_timestamp(($5 + $6) / 1000.0)) RETURNING id`,
    [b.organizationId, b.userId, b.patientId, b.reason, b.now, b.ttlMs],
  );
  return row!.id;
}

export async function listBreakGlass(db: Queryable, organizationId: string, unreviewedOnly: boolean) {
  return db.query<{ id: string; userId: string; userName: string; patientId: string; patientName: string; patientDateOfBirth: string; reason: string; startedAt: number; expiresAt: number; reviewedAt: number | null; reviewerName: string | null }>(
    `SELECT b.id, b.user_id AS "userId", u.display_name AS "userName", b.patient_id AS "patientId",
       p.first_name || ' ' || p.last_name AS "patientName", to_char(p.date_of_birth, 'YYYY-MM-DD') AS "patientDateOfBirth", b.reason,
       ${ms('b.started_at')} AS "startedAt", ${ms('b.expires_at')} AS "expiresAt", ${ms('b.reviewed_at')} AS "reviewedAt",
       r.display_name AS "reviewerName"
     FROM break_glass b JOIN app_user u ON u.id = b.user_id JOIN patient p ON p.id = b.patient_id
       LEFT JOIN app_user r ON r.id = b.reviewed_by
     WHERE b.organization_id = $1 AND ($2::boolean = false OR b.reviewed_at IS NULL)
     ORDER BY b.started_at DESC LIMIT 500`,
    [organizationId, unreviewedOnly],
  );
}

export async function reviewBreakGlass(db: Queryable, organizationId: string, id: string, reviewerId: string, now: number): Promise<boolean> {
  const r = await db.query(
    `UPDATE break_glass SET reviewed_at = to_timestamp($4 / 1000.0), reviewed_by = $3
     WHERE organization_id = $1 AND id = $2 AND reviewed_at IS NULL RETURNING id`,
    [organizationId, id, reviewerId, now],
  );
  return r.length === 1;
}

/** A grant to a caregiver's account, or (with `unusableEmail`) an invitation that grants nothing. */
export async function insertCaregiverGrant(
  db: Queryable,
  g: { organizationId: string; caregiverUserId: string | null; unusableEmail?: string; invitedName: string; patientId: string; scope: 'full' | 'limited' },
): Promise<string> {
  const row = await db.one<{ id: string }>(
    `INSERT INTO caregiver_grant (organization_id, caregiver_user_id, unusable_email, invited_name, patient_id, scope) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [g.organizationId, g.caregiverUserId, g.unusableEmail ?? null, g.invitedName, g.patientId, g.scope],
  );
  return row!.id;
}

export async function listCaregiverGrants(db: Queryable, organizationId: string, patientId: string) {
  return db.query<{ id: string; caregiverUserId: string | null; name: string; email: string; status: 'invited' | 'pending_approval' | 'active' | 'disabled' | 'unusable'; scope: 'full' | 'limited'; createdAt: number }>(
    `SELECT g.id, g.caregiver_user_id AS "caregiverUserId", coalesce(u.display_name, g.invited_name) AS name,
       coalesce(u.email, g.unusable_email) AS email, coalesce(u.status, 'unusable') AS status, g.scope, ${ms('g.created_at')} AS "createdAt"
     FROM caregiver_grant g LEFT JOIN app_user u ON u.id = g.caregiver_user_id
     WHERE g.organization_id = $1 AND g.patient_id = $2 AND g.revoked_at IS NULL ORDER BY g.created_at`,
    [organizationId, patientId],
  );
}

/** The grants in force to one caregiver's account: the records shared with them. */
export function grantsToCaregiver(db: Queryable, organizationId: string, caregiverUserId: string) {
  return db.query<{ patientId: string; scope: 'full' | 'limited' }>(
    `SELECT patient_id AS "patientId", scope FROM caregiver_grant WHERE organization_id = $1 AND caregiver_user_id = $2 AND revoked_at IS NULL`,
    [organizationId, caregiverUserId],
  );
}

/** Ends a grant; undefined if there was none in force, else whose account it was (null for an unusable invitation). */
export async function revokeCaregiverGrant(db: Queryable, organizationId: string, patientId: string, grantId: string): Promise<{ userId: string | null } | undefined> {
  return db.one<{ userId: string | null }>(
    `UPDATE caregiver_grant SET revoked_at = now() WHERE organization_id = $1 AND patient_id = $2 AND id = $3 AND revoked_at IS NULL
     RETURNING caregiver_user_id AS "userId"`,
    [organizationId, patientId, grantId],
  );
}

export async function revokeReferral(db: Queryable, organizationId: string, patientId: string, referralId: string): Promise<{ userId: string } | undefined> {
  return db.one<{ userId: string }>(
    `UPDATE referral SET revoked_by_patient_at = now() WHERE organization_id = $1 AND patient_id = $2 AND id = $3 AND revoked_by_patient_at IS NULL
     RETURNING referrer_user_id AS "userId"`,
    [organizationId, patientId, referralId],
  );
}
