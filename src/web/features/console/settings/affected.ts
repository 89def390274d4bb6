import type { AffectedVisit, ClinicSettings } from '../../../../shared/contracts/clinic-settings';
import { localDateOf } from '../../../../shared/time';

/** Why a booked visit no longer fits, as the server says it (contract: AffectedVisit.reason). */
export const AFFECTED_REASONS = ['outside_hours', 'location_closed', 'room_unavailable', 'practitioner_inactive', 'visit_type_not_performed'] as const;
export type AffectedReason = (typeof AFFECTED_REASONS)[number];

export function isAffectedReason(r: string): r is AffectedReason {
  return (AFFECTED_REASONS as readonly string[]).includes(r);
}

/**
 * The schedule desk on the visit's day at its location (the location found by
 * its name, which is unique in a clinic); the day is the visit's own, in the
 * location's zone, not the reader's.
 */
export function deskLinkOf(v: Pick<AffectedVisit, 'start' | 'timeZone' | 'locationName'>, locations: Pick<ClinicSettings['locations'][number], 'id' | 'name'>[]): string {
  const day = localDateOf(Date.parse(v.start), v.timeZone);
  const loc = locations.find((l) => l.name === v.locationName);
  const q = new URLSearchParams(loc ? { loc: loc.id, date: day } : { date: day });
  return `/console?${q.toString()}`;
}
