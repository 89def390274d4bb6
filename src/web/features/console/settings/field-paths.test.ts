import { describe, expect, it } from 'vitest';
import { fieldId, normalizePath, targetPath } from './field-paths';

describe('settings field paths (issue 11: server issues land at their inputs)', () => {
  it('reads the schema and the engine spelling of a path the same', () => {
    expect(normalizePath('hours[2].closes')).toBe('hours.2.closes');
    expect(normalizePath('hours.2.closes')).toBe('hours.2.closes');
    expect(normalizePath('locations[1].hours[0]')).toBe('locations.1.hours.0');
    expect(normalizePath('body.name')).toBe('name');
    expect(normalizePath('body')).toBe('');
    expect(normalizePath('bodyguard')).toBe('bodyguard');
  });

  it('makes an input id from a path', () => {
    expect(fieldId('loc', 'hours[2].closes')).toBe('f-loc-hours-2-closes');
    expect(fieldId('loc', 'address.line1')).toBe('f-loc-address-line1');
    expect(fieldId('org', 'body')).toBe('f-org');
  });

  it('sends an issue to its input, the first input under it, or its nearest ancestor', () => {
    const known = ['name', 'hours.0.weekday', 'hours.0.opens', 'hours.0.closes', 'address.city'];
    expect(targetPath('hours[0].closes', known)).toBe('hours.0.closes');
    expect(targetPath('hours[0]', known)).toBe('hours.0.weekday');
    expect(targetPath('hours', known)).toBe('hours.0.weekday');
    expect(targetPath('address.city.extra', known)).toBe('address.city');
    expect(targetPath('timeZone', known)).toBeNull();
    expect(targetPath('body', known)).toBeNull();
    // A prefix of a name is not its parent: `hour` is not `hours`.
    expect(targetPath('hour', known)).toBeNull();
  });
});
