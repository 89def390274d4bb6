/** The clinic's own zone leads the list: every demo location and most of Relief's clinics are in it. */
export const FIRST_ZONE = 'America/Chicago';

/**
 * The zones to choose from (the browser's IANA list, `Intl.supportedValuesOf`):
 * America/Chicago first, then the rest in order; a zone already saved that the
 * browser does not list is kept, so opening a form never changes it.
 */
export function timeZoneOptions(supported: readonly string[], current?: string): string[] {
  const rest = [...new Set(supported)].filter((z) => z !== FIRST_ZONE).sort();
  const out = [FIRST_ZONE, ...rest];
  if (current && !out.includes(current)) out.splice(1, 0, current);
  return out;
}

export function supportedTimeZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [FIRST_ZONE];
}
