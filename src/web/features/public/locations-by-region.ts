import type { Location } from '../../../shared/contracts/clinic';

export interface RegionGroup {
  id: string;
  name: string;
  locations: Location[];
}

/** Regions in the order the API lists their first location; locations keep API order. */
export function groupByRegion(locations: Location[]): RegionGroup[] {
  const groups = new Map<string, RegionGroup>();
  for (const l of locations) {
    let g = groups.get(l.region.id);
    if (!g) {
      g = { id: l.region.id, name: l.region.name, locations: [] };
      groups.set(l.region.id, g);
    }
    g.locations.push(l);
  }
  return [...groups.values()];
}
