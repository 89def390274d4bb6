import { describe, expect, it } from 'vitest';
import { timeZoneOptions } from './time-zones';

describe('the time zone picker (issue 11)', () => {
  it('puts America/Chicago first and the rest in order, once each', () => {
    expect(timeZoneOptions(['Europe/Madrid', 'America/Chicago', 'America/Denver', 'America/Denver'])).toEqual(['America/Chicago', 'America/Denver', 'Europe/Madrid']);
  });

  it('lists America/Chicago even when the browser does not', () => {
    expect(timeZoneOptions(['America/New_York'])).toEqual(['America/Chicago', 'America/New_York']);
  });

  it('keeps a saved zone the browser does not list, so opening the form never changes it', () => {
    expect(timeZoneOptions(['America/Chicago', 'America/Denver'], 'US/Central')).toEqual(['America/Chicago', 'US/Central', 'America/Denver']);
    expect(timeZoneOptions(['America/Chicago', 'America/Denver'], 'America/Denver')).toEqual(['America/Chicago', 'America/Denver']);
  });

  it('offers the real IANA list of this runtime with Chicago first', () => {
    const zones = timeZoneOptions(Intl.supportedValuesOf('timeZone'));
    expect(zones[0]).toBe('America/Chicago');
    expect(zones).toContain('America/Los_Angeles');
    expect(zones.filter((z) => z === 'America/Chicago')).toHaveLength(1);
  });
});
