import type { Db } from '../../db/db.js';
import type { FileStore } from '../../platform/files.js';
import type { AuditService } from '../audit/index.js';
import * as repo from './clinic.repo.js';
import { organizationName } from './clinic-settings.repo.js';
import { createClinicSettingsService } from './clinic-settings.service.js';
import { createClinicTransferService } from './clinic-transfer.service.js';

export interface ClinicDeps {
  db: Db;
  /**
   * The organization this process serves, shared by every module (the module
   * context's): its name is kept current here when the settings change it,
   * here or on another server process, so what others render reads it then.
   */
  organization: { readonly id: string; name: string };
  audit: Pick<AuditService, 'record'>;
  files: FileStore;
}

/** The clinic: its public reference data, its settings as the console edits them, and their export and import (issue 11). */
export function createClinicService(deps: ClinicDeps) {
  const { db, organization, audit, files } = deps;
  const organizationId = organization.id;
  const onRenamed = (name: string) => {
    organization.name = name;
  };
  const settings = createClinicSettingsService({ db, organizationId, audit, files, onRenamed });
  const transfer = createClinicTransferService({ db, organizationId, audit, files, settings, onRenamed });
  return {
    listLocations: () => repo.listLocations(db, organizationId),
    listPractitioners: () => repo.listPractitioners(db, organizationId),
    listVisitTypes: () => repo.listVisitTypes(db, organizationId),
    ...settings,
    ...transfer,
    /** The organization's name as this process knows it now. */
    name: (): string => organization.name,
    /** Reads the organization's name again (another process changed it, or the hourly refresh). */
    async refreshName(): Promise<void> {
      const name = await organizationName(db, organizationId);
      if (name !== undefined) organization.name = name;
    },
  };
}
export type ClinicService = ReturnType<typeof createClinicService>;
