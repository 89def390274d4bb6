import type { Queryable } from '../../db/db.js';

const ms = (col: string) => `(extract(epoch FROM ${col}) * 1000)::float8`;

/** Issues a feed token for a patient: a new one replaces the old (renewal), so the old URL stops working. */
export async function upsertFeed(q: Queryable, f: { organizationId: string; patientId: string; tokenHash: string; now: number }): Promise<{ created: boolean }> {
  const row = await q.one<{ created: boolean }>(
    `INSERT INTO calendar_feed (patient_id, organization_id, token_hash, created_at) VALUES ($1, $2, $3, to_timestamp($4 / 1000.0))
     ON CONFLICT (patient_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at
     RETURNING (xmax = 0) AS created`,
    [f.patientId, f.organizationId, f.tokenHash, f.now],
  );
  return row!;
}

export async function deleteFeed(q: Queryable, organizationId: string, patientId: string): Promise<boolean> {
  const rows = await q.query('DELETE FROM calendar_feed WHERE organization_id = $1 AND patient_id = $2 RETURNING 1', [organizationId, patientId]);
  return rows.length > 0;
}

export async function feedOf(q: Queryable, organizationId: string, patientId: string): Promise<{ createdAt: number } | undefined> {
  return q.one(`SELECT ${ms('created_at')} AS "createdAt" FROM calendar_feed WHERE organization_id = $1 AND patient_id = $2`, [organizationId, patientId]);
}

export interface FeedEventRow {
  id: string;
  status: string;
  start: number;
  end: number;
  locationName: string;
  locationAddress: string;
  locationPhone: string;
}

/**
 * The patient a feed token opens, their language, and their visits from
 * `since` on (at most 200, soonest first), in one round trip. Nothing of the
 * visit's kind or reason is read: the feed cannot leak what it never had.
 */
export async function feedByToken(q: Queryable, f: { organizationId: string; tokenHash: string; since: number }): Promise<{ patientId: string; language: 'en' | 'es'; events: FeedEventRow[] } | undefined> {
  return q.one(
    `SELECT f.patient_id AS "patientId", p.preferred_language AS language,
       (SELECT coalesce(json_agg(json_build_object('id', a.id, 'status', a.status, 'start', ${ms('a.starts_at')}, 'end', ${ms('a.ends_at')},
          'locationName', l.name, 'locationAddress', l.line1 || ', ' || l.city || ', ' || l.state || ' ' || l.postal_code, 'locationPhone', l.phone)
          ORDER BY a.starts_at), '[]')
        FROM (SELECT * FROM appointment WHERE organization_id = $1 AND patient_id = f.patient_id AND starts_at >= to_timestamp($3 / 1000.0)
              ORDER BY starts_at LIMIT 200) a
        JOIN location l ON l.id = a.location_id) AS events
     FROM calendar_feed f JOIN patient p ON p.id = f.patient_id
     WHERE f.organization_id = $1 AND f.token_hash = $2`,
    [f.organizationId, f.tokenHash, f.since],
  );
}
