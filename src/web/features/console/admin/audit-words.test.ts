import { describe, expect, it } from 'vitest';
import { ACCESS_BASES, AUDIT_ACTIONS } from '../../../../shared/audit-actions';
import { consoleEn } from '../i18n/console.en';
import { consoleEs } from '../i18n/console.es';

/** Issue 11: the audit log shows actions and bases in words, English and Spanish, and its pick list tells every action apart. */
describe('the audit log\'s words', () => {
  const words = (catalog: Record<string, string>, prefix: string, codes: readonly string[]) => codes.map((c) => catalog[`${prefix}${c}`]);

  it.each([['English', consoleEn], ['Spanish', consoleEs]] as const)('%s has words for every action and basis', (_, catalog) => {
    for (const [prefix, codes] of [['console.audit.act.', AUDIT_ACTIONS], ['console.audit.basis.', ACCESS_BASES]] as const) {
      const list = words(catalog, prefix, codes);
      expect(list.filter((w) => !w?.trim()), prefix).toEqual([]);
      // The pick list shows words alone: two actions with the same words could not be told apart.
      expect(new Set(list).size, prefix).toBe(codes.length);
    }
  });

  it('has no words for an action the server does not record', () => {
    const known = new Set(AUDIT_ACTIONS.map((a) => `console.audit.act.${a}`));
    expect(Object.keys(consoleEn).filter((k) => k.startsWith('console.audit.act.') && !known.has(k))).toEqual([]);
  });
});
