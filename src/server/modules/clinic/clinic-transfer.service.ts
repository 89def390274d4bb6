import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.js';
import { ClinicDocument, type ImportResult } from '../../../shared/contracts/clinic-settings.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import { isReason } from '../../../shared/reasons.js';
import type { FileStore } from '../../platform/files.js';
import type { AuditContext, AuditService } from '../audit/index.js';
import * as repo from './clinic-settings.repo.js';
import { duplicateConflict, LOGO_MAX_BYTES, logoBytes, refusal, type ChangeProblem, type ClinicSettingsService } from './clinic-settings.service.js';
import { documentOf, mergeDocument, setupStatus, toDocument } from './engine/settings-document.js';
import { settingsProblems } from './engine/settings-rules.js';

/**
 * Export and import of the clinic's settings as one versioned document
 * (issue 11): how a clinic moves from a staging server to production, and
 * how the demo clinic is seeded.
 */

/** A path of the document as the settings engine writes them: `locations[1].hours[0].opens`. */
const pathOf = (path: readonly PropertyKey[]) =>
  path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)), '') || 'document';

/** The document as a value, or a refusal naming every field the contract refuses. */
export function parseDocument(input: unknown): ClinicDocument {
  const parsed = ClinicDocument.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ field: pathOf(i.path), message: i.message }));
  throw new AppError('INVALID', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues, reason: 'settings_invalid' });
}

export interface Applied {
  created: number;
  updated: number;
  notInDocument: string[];
  /** The organization's new name, when the document changed it. */
  renamed?: string;
}

async function logoOf(doc: ClinicDocument): Promise<{ bytes?: Uint8Array; problem?: ChangeProblem }> {
  const logo = doc.organization.logo;
  if (!logo) return {};
  const field = 'organization.logo';
  try {
    const { bytes, mediaType } = await logoBytes(logo.base64, `${field}.base64`);
    if (mediaType !== logo.mediaType) return { problem: { field: `${field}.mediaType`, reason: 'file_type_not_allowed', message: `says ${logo.mediaType}, but the image is ${mediaType}` } };
    return { bytes };
  } catch (err) {
    if (!isAppError(err)) throw err;
    return { problem: { field, reason: isReason(err.details.reason) ? err.details.reason : 'invalid', message: err.details.issues?.[0]?.message ?? err.message } };
  }
}

/**
 * Writes the document into an organization's settings in `t` (its lock
 * taken by the caller): rows it names are created or updated by natural
 * key, in its order; rows it does not name are left as they are. Every
 * problem of the result is returned, and then nothing is written.
 */
export async function applyDocument(t: Queryable, organizationId: string, doc: ClinicDocument, files: FileStore): Promise<{ problems: ChangeProblem[] } | Applied> {
  const before = await repo.loadSettings(t, organizationId);
  const { merged, notInDocument } = mergeDocument(before, doc, randomUUID);
  const problems: ChangeProblem[] = settingsProblems(toDocument(merged));
  if (doc.organization.onlineBooking && !setupStatus(merged).ready) {
    const missing = setupStatus(merged).steps.filter((s) => !s.done).map((s) => s.step);
    problems.push({ field: 'organization.onlineBooking', reason: 'setup_incomplete', message: `online booking cannot open before the set-up checklist is done (${missing.join(', ')})` });
  }
  const logo = await logoOf(doc);
  if (logo.problem) problems.push(logo.problem);
  if (problems.length) return { problems };

  const counts = await repo.writeSettings(t, organizationId, before, repo.orderSettings(merged));
  const current = await repo.logoFileId(t, organizationId);
  const next = logo.bytes ? (await files.put(t, { organizationId, bytes: logo.bytes, maxBytes: LOGO_MAX_BYTES, field: 'organization.logo' })).id : null;
  if (next !== current) {
    await repo.setLogo(t, organizationId, next);
    counts.updated++;
  }
  const renamed = merged.organization.name !== before.organization.name ? merged.organization.name : undefined;
  return { ...counts, notInDocument, ...(renamed !== undefined ? { renamed } : {}) };
}

export interface ClinicTransferDeps {
  db: Db;
  organizationId: string;
  audit: Pick<AuditService, 'record'>;
  files: FileStore;
  settings: Pick<ClinicSettingsService, 'withFitChecks'>;
  onRenamed?: (name: string) => void;
}

export function createClinicTransferService(deps: ClinicTransferDeps) {
  const { db, organizationId, audit, files } = deps;
  return {
    /** The settings as one document: natural keys, no ids, a stable order (so two exports of the same settings are the same text). */
    async exportDocument(ctx: AuditContext): Promise<ClinicDocument> {
      return db.tx(async (t) => {
        await repo.lockOrganization(t, organizationId, 'share');
        const settings = await repo.loadSettings(t, organizationId);
        const logoId = await repo.logoFileId(t, organizationId);
        const file = logoId ? await files.get(t, organizationId, logoId) : undefined;
        const logo = file && (file.mediaType === 'image/png' || file.mediaType === 'image/jpeg') ? { mediaType: file.mediaType, base64: file.bytes.toString('base64') } : null;
        await audit.record(ctx, { action: 'clinic.settings.export', resourceType: 'organization', resourceId: organizationId }, t);
        return documentOf(settings, logo);
      });
    },

    /**
     * Imports a document: checked by the contract, then the settings after it
     * by the settings engine; any problem refuses it whole, each named, with
     * nothing changed. Otherwise one transaction writes, audits and answers the
     * visits it left outside the new settings.
     */
    async importDocument(input: unknown, ctx: AuditContext): Promise<ImportResult> {
      const doc = parseDocument(input);
      let renamed: string | undefined;
      const answer = await db.tx(async (t) => {
        await repo.lockOrganization(t, organizationId);
        const { result, affected } = await deps.settings.withFitChecks(t, async () => {
          const applied = await applyDocument(t, organizationId, doc, files);
          if ('problems' in applied) throw refusal(applied.problems);
          await audit.record(ctx, { action: 'clinic.settings.import', resourceType: 'organization', resourceId: organizationId, reason: `created ${applied.created}, updated ${applied.updated}` }, t);
          if (applied.renamed !== undefined) await repo.notifyChanged(t, organizationId);
          return applied;
        });
        renamed = result.renamed;
        return { created: result.created, updated: result.updated, notInDocument: result.notInDocument, affected };
      }).catch((err: unknown) => {
        throw duplicateConflict(err);
      });
      if (renamed !== undefined) deps.onRenamed?.(renamed);
      return answer;
    },
  };
}
export type ClinicTransferService = ReturnType<typeof createClinicTransferService>;
