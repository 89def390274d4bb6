import { describe, expect, it } from 'vitest';
import { fieldId, localPath, normalizePath, targetPath } from './field-paths';

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

describe('document paths of the settings engine on a console form (issue 11)', () => {
  it('reads a path under the form’s own item as the form’s, with ids for natural keys', () => {
    expect(localPath('locations[1].hours[0]', 'locations.1')).toBe('hours.0');
    expect(localPath('locations[1].region', 'locations.1')).toBe('regionId');
    expect(localPath('practitioners[2].schedule[3].location', 'practitioners.2')).toBe('schedule.3.locationId');
    expect(localPath('practitioners[2].visitTypes[0]', 'practitioners.2')).toBe('visitTypeIds.0');
    expect(localPath('locations[1]', 'locations.1')).toBe('');
  });

  it('leaves another item’s path to the top of the form', () => {
    expect(localPath('locations[10].hours[0]', 'locations.1')).toBeNull();
    expect(localPath('practitioners[0].schedule[0]', 'locations.1')).toBeNull();
    expect(localPath('locations[1].hours[0]', null)).toBeNull();
  });

  it('keeps the form’s own paths as they are', () => {
    expect(localPath('hours[2].closes', 'locations.1')).toBe('hours.2.closes');
    expect(localPath('name.en', 'visitTypes.0')).toBe('name.en');
    expect(localPath('regionId', null)).toBe('regionId');
  });
});
