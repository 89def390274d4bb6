import type { Db } from '../../db/db.js';
import * as repo from './clinic.repo.js';

/** Public reference data of the clinic: locations, practitioners, visit types. */
export function createClinicService(deps: { db: Db; organizationId: string }) {
  const { db, organizationId } = deps;
  return {
    listLocations: () => repo.listLocations(db, organizationId),
    listPractitioners: () => repo.listPractitioners(db, organizationId),
    listVisitTypes: () => repo.listVisitTypes(db, organizationId),
  };
}
export type ClinicService = ReturnType<typeof createClinicService>;
