import { describe, expect, it } from 'vitest';
import { accountEn } from '../../features/account/i18n/account.en';
import { accountEs } from '../../features/account/i18n/account.es';
import { consoleEn } from '../../features/console/i18n/console.en';
import { consoleEs } from '../../features/console/i18n/console.es';
import { interpolate, translator, type MessageKey } from './catalog';
import { en } from './en';
import { es } from './es';
import { signedInEn } from './signed-in.en';
import { signedInEs } from './signed-in.es';

// Names and words that read the same in both languages.
const SAME_IN_BOTH = new Set<MessageKey>(['app.name', 'home.title', 'locations.hoursRange', 'referrer.field.npi']);

// The common catalog and each feature's part (issue 10: each part loads with its feature).
const PARTS: [string, Record<string, string>, Record<string, string>][] = [
  ['common', en, es],
  ['signed-in', signedInEn, signedInEs],
  ['account', accountEn, accountEs],
  ['console', consoleEn, consoleEs],
];

describe.each(PARTS)('catalogs (%s)', (_name, en, es) => {
  it('have the same keys and no empty messages', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(es)) expect(v.trim(), k).not.toBe('');
  });

  it('translate every message (no English left in Spanish)', () => {
    const untranslated = (Object.keys(en) as MessageKey[]).filter((k) => !SAME_IN_BOTH.has(k) && en[k] === es[k]);
    expect(untranslated).toEqual([]);
  });

  it('keep the same parameters', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en)) expect(params(es[k]!), k).toEqual(params(en[k]!));
  });
});

describe('the parts', () => {
  it('never define a key twice', () => {
    const keys = PARTS.flatMap(([, en]) => Object.keys(en));
    expect(keys.length).toBe(new Set(keys).size);
  });
});

describe('translator', () => {
  it('fills parameters and leaves unknown ones visible', () => {
    const t = translator(es);
    expect(t('book.stepOf', { n: 2, total: 5 })).toBe('Paso 2 de 5');
    expect(interpolate('Call {phone} {x}', { phone: '(512) 555-0140' })).toBe('Call (512) 555-0140 {x}');
  });
});
