import type { Queryable } from '../../db/db.js';
import type { RoleName } from '../../../shared/contracts/identity.js';

type Role = RoleName;

const ms = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8`;

export interface UserRow {
  id: string;
  organizationId: string;
  email: string;
  displayName: string;
  role: Role;
  status: 'invited' | 'pending_approval' | 'active' | 'disabled';
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  patientId: string | null;
  practitionerId: string | null;
  npi: string | null;
}

const USER_COLUMNS = `id, organization_id AS "organizationId", email, display_name AS "displayName", role, status,
  password_hash AS "passwordHash", totp_secret AS "totpSecret", totp_enabled_at IS NOT NULL AS "totpEnabled",
  totp_last_step::float8 AS "totpLastStep", patient_id AS "patientId", practitioner_id AS "practitionerId", npi`;

export async function insertUser(
  db: Queryable,
  u: { organizationId: string; email: string; displayName: string; role: Role; status: UserRow['status']; passwordHash?: string | null; patientId?: string | null; practitionerId?: string | null; npi?: string | null },
): Promise<string> {
  const row = await db.one<{ id: string }>(
    `INSERT INTO app_user (organization_id, email, display_name, role, status, password_hash, patient_id, practitioner_id, npi)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [u.organizationId, u.email, u.displayName, u.role, u.status, u.passwordHash ?? null, u.patientId ?? null, u.practitionerId ?? null, u.npi ?? null],
  );
  return row!.id;
}

/** Whether a practitioner of this organization has this id (a clinician's account is linked to one). */
export async function practitionerExists(db: Queryable, organizationId: string, id: string): Promise<boolean> {
  return !!(await db.one('SELECT 1 AS ok FROM practitioner WHERE organization_id = $1 AND id = $2', [organizationId, id]));
}

export function findUserByEmail(db: Queryable, organizationId: string, email: string): Promise<UserRow | undefined> {
  return db.one<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE organization_id = $1 AND lower(email) = lower($2)`, [organizationId, email]);
}

export function findUserById(db: Queryable, organizationId: string, id: string): Promise<UserRow | undefined> {
  return db.one<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
}

export function listUsers(db: Queryable, organizationId: string): Promise<UserRow[]> {
  return db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE organization_id = $1 AND role <> 'patient' ORDER BY display_name`, [organizationId]);
}

export async function setPassword(db: Queryable, userId: string, hash: string, status?: UserRow['status']): Promise<void> {
  await db.query(`UPDATE app_user SET password_hash = $2, status = coalesce($3, status), updated_at = now() WHERE id = $1`, [userId, hash, status ?? null]);
}

export async function setStatus(db: Queryable, userId: string, status: UserRow['status']): Promise<void> {
  await db.query('UPDATE app_user SET status = $2, updated_at = now() WHERE id = $1', [userId, status]);
}

/** Stores a secret awaiting its first code; an enabled second factor is not replaced this way. */
export async function setPendingTotp(db: Queryable, userId: string, secret: string): Promise<boolean> {
  const r = await db.query('UPDATE app_user SET totp_secret = $2 WHERE id = $1 AND totp_enabled_at IS NULL RETURNING id', [userId, secret]);
  return r.length === 1;
}

export async function enableTotp(db: Queryable, userId: string, step: number): Promise<void> {
  await db.query('UPDATE app_user SET totp_enabled_at = now(), totp_last_step = $2 WHERE id = $1', [userId, step]);
}

/** Accepts a time step only if it is newer than the last one: concurrent replays of one code lose. */
export async function advanceTotpStep(db: Queryable, userId: string, step: number): Promise<boolean> {
  const r = await db.query(
    'UPDATE app_user SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id',
    [userId, step],
  );
  return r.length === 1;
}

export async function insertToken(
  db: Queryable,
  t: { organizationId: string; userId: string; tokenHash: string; purpose: 'invite' | 'password_reset' | 'activation'; now: number; ttlMs: number },
): Promise<void> {
  await db.query(
    `INSERT INTO one_time_token (token_hash, organization_id, user_id, purpose, created_at, expires_at)
     VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0), to_timestamp(($5 + $6) / 1000.0))`,
    [t.tokenHash, t.organizationId, t.userId, t.purpose, t.now, t.ttlMs],
  );
}

/** Uses a token once: the first caller gets its user; a used or expired token gets nothing. */
export async function consumeToken(db: Queryable, tokenHash: string, purpose: string, now: number): Promise<string | undefined> {
  const row = await db.one<{ userId: string }>(
    `UPDATE one_time_token SET used_at = to_timestamp($3 / 1000.0)
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > to_timestamp($3 / 1000.0)
     RETURNING user_id AS "userId"`,
    [tokenHash, purpose, now],
  );
  return row?.userId;
}

/** Spends every unused token of one purpose for a user (a new one replaces them). */
export async function spendTokens(db: Queryable, userId: string, purpose: string, now: number): Promise<void> {
  await db.query(`UPDATE one_time_token SET used_at = to_timestamp($3 / 1000.0) WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose, now]);
}

export async function peekToken(db: Queryable, tokenHash: string, purpose: string, now: number): Promise<string | undefined> {
  const row = await db.one<{ userId: string }>(
    `SELECT user_id AS "userId" FROM one_time_token
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > to_timestamp($3 / 1000.0)`,
    [tokenHash, purpose, now],
  );
  return row?.userId;
}

export async function replaceRecoveryCodes(db: Queryable, userId: string, hashes: string[]): Promise<void> {
  await db.query('DELETE FROM recovery_code WHERE user_id = $1', [userId]);
  await db.query('INSERT INTO recovery_code (user_id, code_hash) SELECT $1, unnest($2::text[])', [userId, hashes]);
}

export async function useRecoveryCode(db: Queryable, userId: string, hash: string): Promise<boolean> {
  const r = await db.query('UPDATE recovery_code SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id', [userId, hash]);
  return r.length === 1;
}

export async function insertFailures(db: Queryable, organizationId: string, subjects: string[], at: number): Promise<void> {
  await db.query('INSERT INTO auth_failure (organization_id, subject, at) SELECT $1, unnest($2::text[]), to_timestamp($3 / 1000.0)', [organizationId, subjects, at]);
}

export async function recentFailures(db: Queryable, subjects: string[], since: number): Promise<{ subject: string; at: number }[]> {
  return db.query(`SELECT subject, ${ms('at')} AS at FROM auth_failure WHERE subject = ANY($1::text[]) AND at > to_timestamp($2 / 1000.0)`, [subjects, since]);
}

export async function clearFailures(db: Queryable, ...subjects: string[]): Promise<void> {
  await db.query('DELETE FROM auth_failure WHERE subject = ANY($1::text[])', [subjects]);
}

/**
 * Takes a transaction-long lock on a throttling subject, so that concurrent
 * attempts on it are counted one after another: a burst of parallel guesses
 * cannot all read the same count before any of them is written.
 */
export async function lockSubject(db: Queryable, subject: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [subject]);
}

export interface SessionRow {
  idHash: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  idleTimeoutSec: number;
  mfaPassed: boolean;
  csrfToken: string;
  sourceIp: string | null;
  userAgent: string | null;
  revokedAt: number | null;
}

const SESSION_COLUMNS = `id_hash AS "idHash", user_id AS "userId", ${ms('created_at')} AS "createdAt", ${ms('last_seen_at')} AS "lastSeenAt",
  ${ms('expires_at')} AS "expiresAt", idle_timeout_sec AS "idleTimeoutSec", mfa_passed AS "mfaPassed", csrf_token AS "csrfToken",
  source_ip AS "sourceIp", user_agent AS "userAgent", ${ms('revoked_at')} AS "revokedAt"`;

export async function insertSession(
  db: Queryable,
  s: { organizationId: string; idHash: string; userId: string; now: number; expiresAt: number; idleTimeoutSec: number; mfaPassed: boolean; csrfToken: string; sourceIp: string | null; userAgent: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO user_session (id_hash, organization_id, user_id, created_at, last_seen_at, expires_at, idle_timeout_sec, mfa_passed, csrf_token, source_ip, user_agent)
     VALUES ($1, $2, $3, to_timestamp($4 / 1000.0), to_timestamp($4 / 1000.0), to_timestamp($5 / 1000.0), $6, $7, $8, $9, $10)`,
    [s.idHash, s.organizationId, s.userId, s.now, s.expiresAt, s.idleTimeoutSec, s.mfaPassed, s.csrfToken, s.sourceIp, s.userAgent?.slice(0, 400) ?? null],
  );
}

export function listSessions(db: Queryable, userId: string, now: number): Promise<SessionRow[]> {
  return db.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM user_session
     WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > to_timestamp($2 / 1000.0)
       AND last_seen_at + make_interval(secs => idle_timeout_sec) > to_timestamp($2 / 1000.0)
     ORDER BY last_seen_at DESC`,
    [userId, now],
  );
}

export async function touchSession(db: Queryable, idHash: string, now: number): Promise<void> {
  await db.query('UPDATE user_session SET last_seen_at = to_timestamp($2 / 1000.0) WHERE id_hash = $1', [idHash, now]);
}

/**
 * Where ended sessions are announced, so every server process closes the live
 * sockets they hold. The payload is a JSON array of session id hashes.
 */
export const SESSION_ENDED_CHANNEL = 'session_ended';
// A NOTIFY payload must stay under 8000 bytes: 100 hashes of 64 characters fit.
const HASHES_PER_NOTICE = 100;

/**
 * Announces ended sessions. Inside a transaction the notice is sent at commit,
 * and only if it commits. Every revocation below calls it, so no way of ending
 * a session can forget to.
 */
async function notifySessionsEnded(db: Queryable, idHashes: readonly string[]): Promise<void> {
  for (let i = 0; i < idHashes.length; i += HASHES_PER_NOTICE) {
    await db.query(`SELECT pg_notify('${SESSION_ENDED_CHANNEL}', $1)`, [JSON.stringify(idHashes.slice(i, i + HASHES_PER_NOTICE))]);
  }
}

/** The session id hashes a notice on SESSION_ENDED_CHANNEL names; nothing for a payload of another shape. */
export function sessionsEndedIn(payload: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter((h): h is string => typeof h === 'string') : [];
}

export async function revokeSession(db: Queryable, idHash: string, now: number): Promise<void> {
  const ended = await db.query<{ idHash: string }>(
    'UPDATE user_session SET revoked_at = to_timestamp($2 / 1000.0) WHERE id_hash = $1 AND revoked_at IS NULL RETURNING id_hash AS "idHash"',
    [idHash, now],
  );
  await notifySessionsEnded(db, ended.map((r) => r.idHash));
}

export async function revokeUserSessions(db: Queryable, userId: string, now: number, exceptIdHash?: string): Promise<number> {
  const ended = await db.query<{ idHash: string }>(
    `UPDATE user_session SET revoked_at = to_timestamp($2 / 1000.0)
     WHERE user_id = $1 AND revoked_at IS NULL AND ($3::text IS NULL OR id_hash <> $3) RETURNING id_hash AS "idHash"`,
    [userId, now, exceptIdHash ?? null],
  );
  await notifySessionsEnded(db, ended.map((r) => r.idHash));
  return ended.length;
}

/**
 * Of these sessions, the ones still in force at `now` (the rules of
 * resolveSession: not revoked, account not disabled, neither past its
 * lifetime nor idle past its window), with when each would end.
 */
export function activeSessions(db: Queryable, organizationId: string, idHashes: readonly string[], now: number) {
  return db.query<{ idHash: string; expiresAt: number; idleExpiresAt: number }>(
    `SELECT s.id_hash AS "idHash", ${ms('s.expires_at')} AS "expiresAt", ${ms('s.last_seen_at')} + s.idle_timeout_sec * 1000 AS "idleExpiresAt"
     FROM user_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.id_hash = ANY($1::text[]) AND s.organization_id = $2 AND u.organization_id = $2
       AND s.revoked_at IS NULL AND u.status <> 'disabled' AND s.expires_at > to_timestamp($3 / 1000.0)
       AND s.last_seen_at + make_interval(secs => s.idle_timeout_sec) > to_timestamp($3 / 1000.0)`,
    [idHashes, organizationId, now],
  );
}

/**
 * A session with its user, in one round trip (every signed-in request starts
 * here). What the user may do with a patient's record is not loaded here: the
 * access module reads those facts for the request that needs them.
 */
export async function loadSession(db: Queryable, idHash: string) {
  return db.one<{ session: SessionRow; user: UserRow }>(
    `SELECT
       json_build_object('idHash', s.id_hash, 'userId', s.user_id, 'createdAt', ${ms('s.created_at')}, 'lastSeenAt', ${ms('s.last_seen_at')},
         'expiresAt', ${ms('s.expires_at')}, 'idleTimeoutSec', s.idle_timeout_sec, 'mfaPassed', s.mfa_passed, 'csrfToken', s.csrf_token,
         'sourceIp', s.source_ip, 'userAgent', s.user_agent, 'revokedAt', ${ms('s.revoked_at')}) AS session,
       json_build_object('id', u.id, 'organizationId', u.organization_id, 'email', u.email, 'displayName', u.display_name, 'role', u.role,
         'status', u.status, 'passwordHash', NULL, 'totpSecret', u.totp_secret, 'totpEnabled', u.totp_enabled_at IS NOT NULL,
         'totpLastStep', u.totp_last_step, 'patientId', u.patient_id, 'practitionerId', u.practitioner_id, 'npi', u.npi) AS "user"
     FROM user_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.id_hash = $1`,
    [idHash],
  );
}

export async function findUserByPatient(db: Queryable, organizationId: string, patientId: string): Promise<UserRow | undefined> {
  return db.one<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE organization_id = $1 AND patient_id = $2 AND role = 'patient'`, [organizationId, patientId]);
}

/**
 * Forgets what has served its purpose: sign-in failures past the throttling
 * window, used or expired one-time tokens, and sessions ended long ago.
 */
export async function purgeExpired(db: Queryable, organizationId: string, now: number): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `WITH f AS (DELETE FROM auth_failure WHERE organization_id = $1 AND at < to_timestamp($2 / 1000.0) - interval '1 day' RETURNING 1),
          t AS (DELETE FROM one_time_token WHERE organization_id = $1 AND expires_at < to_timestamp($2 / 1000.0) - interval '1 day' RETURNING 1),
          s AS (DELETE FROM user_session WHERE organization_id = $1 AND expires_at < to_timestamp($2 / 1000.0) - interval '30 days' RETURNING 1)
     SELECT ((SELECT count(*) FROM f) + (SELECT count(*) FROM t) + (SELECT count(*) FROM s))::int AS n`,
    [organizationId, now],
  );
  return rows[0]!.n;
}

/** The language of an account's emails: its own choice, else its patient's, else English (staff). */
export async function languageOfUser(db: Queryable, userId: string): Promise<'en' | 'es'> {
  const row = await db.one<{ language: 'en' | 'es' }>(
    `SELECT coalesce(u.preferred_language, p.preferred_language, 'en') AS language
     FROM app_user u LEFT JOIN patient p ON p.id = u.patient_id WHERE u.id = $1`,
    [userId],
  );
  return row?.language ?? 'en';
}

/** A caregiver invitation's language: the invitee's own if they chose one, else the inviting patient's. */
export async function inviteeLanguage(db: Queryable, q: { userId: string | null; patientId: string }): Promise<'en' | 'es'> {
  const row = await db.one<{ language: 'en' | 'es' }>(
    `SELECT coalesce((SELECT preferred_language FROM app_user WHERE id = $1), (SELECT preferred_language FROM patient WHERE id = $2), 'en') AS language`,
    [q.userId, q.patientId],
  );
  return row?.language ?? 'en';
}

export async function setUserLanguage(db: Queryable, userId: string, language: 'en' | 'es'): Promise<void> {
  await db.query('UPDATE app_user SET preferred_language = $2 WHERE id = $1', [userId, language]);
}
