import type { Db } from '../../db/db.js';
import { AppError } from '../../../shared/errors.js';
import { phoneDigits } from '../../../shared/phone.js';
import { isLocalDate, toZonedIso } from '../../../shared/time.js';
import type { PatientChart } from '../../../shared/contracts/portal.js';
import { assertGrant, type AccessService, type Grant } from '../access/index.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import * as repo from './patients.repo.js';

export interface PatientsDeps {
  db: Db;
  organizationId: string;
  audit: AuditService;
  access: AccessService;
}

/**
 * The patient record: matching a person to it, finding it at the desk, and
 * the chart summary. Every read of a patient's details is audited per patient.
 */
export function createPatientsService(deps: PatientsDeps) {
  const { db, organizationId, audit, access } = deps;

  /**
   * One patient's chart summary, for a request access has already allowed
   * (the route's grant, decided once with every fact it needed). Read and
   * recorded in one statement; the event names the basis it was allowed on,
   * so reads under emergency access stand out in the audit trail and in the
   * patient's accounting of disclosures.
   */
  async function chart(grant: Grant, ctx: AuditContext, patientId: string): Promise<PatientChart> {
    assertGrant(grant, 'chart.read', patientId);
    if (!grant.patientExists) {
      await audit.recordRead(ctx, { action: 'chart.read', resourceType: 'patient', resourceId: patientId, outcome: 'failure', reason: 'unknown patient' });
      throw new AppError('NOT_FOUND', 'Not found.', { reason: 'not_found' });
    }
    const [row] = await audit.readAudited(ctx, { action: 'chart.read', resourceType: 'patient', resourceId: patientId, patientId, reason: grant.basis }, repo.chartQuery(organizationId, patientId));
    if (!row) throw new AppError('NOT_FOUND', 'Not found.', { reason: 'not_found' });
    return {
      patient: row.patient,
      visits: row.visits.map((v) => ({ ...v, start: toZonedIso(v.start, v.timeZone), end: toZonedIso(v.end, v.timeZone) })),
      sharing: row.sharing,
      access: { basis: grant.basis, expiresAt: grant.basis === 'break_glass' && grant.breakGlassUntil !== null ? new Date(grant.breakGlassUntil).toISOString() : null },
    };
  }

  /** The desk's patient search; each patient shown is recorded. */
  async function search(ctx: AuditContext, q: string) {
    const items = await repo.searchPatients(db, organizationId, searchTerms(q));
    await audit.recordMany(ctx, { action: 'patient.search', resourceType: 'patient' }, items.map((p) => ({ resourceId: p.id, patientId: p.id })), db.relaxed);
    return items;
  }

  /**
   * A caregiver's own list of the patients who share their record with them,
   * by name: the grants in force now, so a revoked grant is gone from the list
   * as soon as it stops opening the record. Each name shown is recorded in
   * that patient's accounting of disclosures.
   */
  async function sharedWithMe(grant: Grant, ctx: AuditContext) {
    const grants = await access.sharedWith(grant);
    if (grants.length === 0) return [];
    const names = new Map((await repo.patientNames(db, organizationId, grants.map((g) => g.patientId))).map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
    const shown = grants.filter((g) => names.has(g.patientId));
    await audit.recordMany(ctx, { action: 'shared_records.read', resourceType: 'patient' }, shown.map((g) => ({ resourceId: g.patientId, patientId: g.patientId })));
    return shown
      .map((g) => ({ patientId: g.patientId, patientName: names.get(g.patientId)!, scope: g.scope }))
      .sort((a, b) => a.patientName.localeCompare(b.patientName));
  }

  return {
    chart, search, sharedWithMe,
    /** Patients matching a name and birth date (at most two: more than one is no match). */
    match: (m: { firstName: string; lastName: string; dateOfBirth: string }) => repo.matchPatients(db, organizationId, m),
    /**
     * The patient a booking names (by id, or the record matching new details),
     * as a query for the caller to run alongside its own search: one JSON value
     * (BookingPatient) or null.
     */
    bookingLookup: (by: { id: string } | { details: Omit<repo.NewPatient, 'organizationId'> }) =>
      repo.bookingPatientQuery(organizationId, 'id' in by ? by : { details: { ...by.details, organizationId } }),
    /** A new patient as a write for the caller's own statement (db/compose.ts): a booking creates one with its appointment. */
    newPatientPart: (id: string, details: Omit<repo.NewPatient, 'organizationId'>) => repo.insertPatientPart({ ...details, organizationId, id }),
  };
}
export type PatientsService = ReturnType<typeof createPatientsService>;

/**
 * What a desk search can mean: a birth date only if it is a real calendar date
 * (a '2026-02-30' is searched as text, never cast to a date: issue 9, defect 3),
 * phone digits, and name words with LIKE's wildcards taken out.
 */
export function searchTerms(q: string): repo.PatientSearchTerms {
  const trimmed = q.trim();
  return { date: isLocalDate(trimmed) ? trimmed : null, digits: phoneDigits(trimmed), words: trimmed.replace(/[%_\\]/g, '') };
}
