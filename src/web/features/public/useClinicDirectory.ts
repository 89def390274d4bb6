import { useMemo } from 'react';
import type { Location, Practitioner, VisitType } from '../../../shared/contracts/clinic';
import { useLocations, usePractitioners, useVisitTypes } from '../../app/api/queries';

export interface ClinicDirectory {
  locations: Location[];
  practitioners: Practitioner[];
  visitTypes: VisitType[];
  location: (id: string | null | undefined) => Location | undefined;
  practitioner: (id: string | null | undefined) => Practitioner | undefined;
  visitType: (id: string | null | undefined) => VisitType | undefined;
}

function byId<T extends { id: string }>(items: T[]): (id: string | null | undefined) => T | undefined {
  const map = new Map(items.map((i) => [i.id, i]));
  return (id) => (id ? map.get(id) : undefined);
}

/** Locations, practitioners and visit types together, with lookups by id. */
export function useClinicDirectory() {
  const locations = useLocations();
  const practitioners = usePractitioners();
  const visitTypes = useVisitTypes();
  const queries = [locations, practitioners, visitTypes];

  const directory = useMemo<ClinicDirectory | null>(() => {
    if (!locations.data || !practitioners.data || !visitTypes.data) return null;
    return {
      locations: locations.data,
      practitioners: practitioners.data,
      visitTypes: visitTypes.data,
      location: byId(locations.data),
      practitioner: byId(practitioners.data),
      visitType: byId(visitTypes.data),
    };
  }, [locations.data, practitioners.data, visitTypes.data]);

  return {
    directory,
    isPending: queries.some((q) => q.isPending),
    isError: queries.some((q) => q.isError),
    retry: () => queries.forEach((q) => q.isError && void q.refetch()),
  };
}
