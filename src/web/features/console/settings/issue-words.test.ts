import { describe, expect, it } from 'vitest';
import { LocationInput, VisitTypeInput } from '../../../../shared/contracts/clinic-settings';
import { translator } from '../../../app/i18n/catalog';
import { en } from '../../../app/i18n/en';
import { es } from '../../../app/i18n/es';
import { consoleEn } from '../i18n/console.en';
import { consoleEs } from '../i18n/console.es';
import { issueWords } from './issue-words';

const tEn = translator({ ...en, ...consoleEn });
const tEs = translator({ ...es, ...consoleEs }, { ...en, ...consoleEn });

/** What the server's schema check answers for a body: the contract's own messages, by path. */
function refusals(schema: typeof LocationInput | typeof VisitTypeInput, body: unknown) {
  const r = schema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
}

describe('settings field refusals in the reader’s language (issue 11)', () => {
  it('gives every refusal of the location contract words in Spanish, none the server’s English', () => {
    const issues = refusals(LocationInput, {
      slug: 'Round Rock', name: '', regionId: 'x', phone: '12', fax: '', timeZone: '', hours: [{ weekday: 1, opens: '8am', closes: '17:00' }],
      address: { line1: '', city: 'Austin', state: 'Texas', postalCode: '787' },
    });
    expect(issues.length).toBeGreaterThanOrEqual(7);
    const words = issues.map((i) => [i.field, issueWords(i, tEs, 'es')]);
    expect(Object.fromEntries(words)).toMatchObject({
      slug: 'Use solo minúsculas, números y guiones, como round-rock.',
      name: 'Complete este dato.',
      regionId: 'Elija una de las opciones.',
      phone: 'Escriba un número de teléfono como (512) 555-0100.',
      'hours.0.opens': 'Escriba una hora en formato de 24 horas, como 08:00 o 17:30.',
      'address.state': 'Escriba el código de dos letras del estado, como TX.',
      'address.postalCode': 'Escriba un código postal como 78756.',
    });
    for (const [, w] of words) expect(w).not.toBe(tEs('settings.issue.check'));
  });

  it('reads the limits of numbers and the choice of options', () => {
    const issues = refusals(VisitTypeInput, {
      code: 'esi', name: { en: 'ESI', es: 'ESI' }, description: { en: '', es: '' }, instructions: { en: '', es: '' },
      durationMin: 2, bufferBeforeMin: null, bufferAfterMin: 900, roomCapability: 'garage', slotStepMin: 7.5, online: 'anyone',
      cancelCutoffMin: 0, minNoticeMin: 0, horizonDays: 30, cptCodes: ['644'],
    });
    const byField = Object.fromEntries(issues.map((i) => [i.field, issueWords(i, tEn, 'en')]));
    expect(byField).toMatchObject({
      durationMin: 'Enter 5 or more.',
      bufferBeforeMin: 'Enter a whole number.',
      bufferAfterMin: 'Enter 240 or less.',
      roomCapability: 'Choose one of the options.',
      slotStepMin: 'Enter a whole number.',
      'cptCodes.0': 'Each code has 5 letters or digits, such as 99204 or 64483.',
    });
  });

  it('prefers the reason to the message, and says the server’s own words in English when it has no words for them', () => {
    expect(issueWords({ message: 'ends before it starts', reason: 'range_reversed' }, tEs, 'es')).toBe('El final debe ser posterior al inicio.');
    expect(issueWords({ message: 'overlaps the hours at 2', reason: undefined }, tEn, 'en')).toBe('Overlaps the hours at 2');
    expect(issueWords({ message: 'overlaps the hours at 2' }, tEs, 'es')).toBe('Revise este dato.');
    expect(issueWords({ message: 'x', reason: 'text_control' }, tEn, 'en')).toBe(tEn('error.text.characters'));
  });

  it("gives the settings engine's reasons their words from the problems catalog, in Spanish too", () => {
    expect(issueWords({ message: 'opens at 08:00, which overlaps 07:00-09:00', reason: 'hours_overlap' }, tEs, 'es')).toBe(es['problem.hoursOverlap']);
    expect(issueWords({ message: '"Mars/Base" is not a known IANA time zone', reason: 'time_zone_unknown' }, tEn, 'en')).toBe(en['problem.timeZoneUnknown']);
    expect(issueWords({ message: 'is already the name of locations[1]', reason: 'duplicate_name' }, tEs, 'es')).toBe(es['problem.duplicateName']);
  });
});
