/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { accountEn } from '../../features/account/i18n/account.en';
import { consoleEn } from '../../features/console/i18n/console.en';
import { en } from './en';
import { signedInEn } from './signed-in.en';

/**
 * The catalogs are split so that each loads with its feature (issue 10): code
 * in the main bundle may use only the common catalog, the signed-in parts also
 * theirs, and a feature also its own. A key used outside the chunk that loads
 * it would show as its bare name, so this reads every source file and checks
 * the keys it names (literals, and `prefix.${...}` templates by their prefix).
 */
/** Every source file of the web by its path under src/web (Vite reads them at test time). */
const SOURCES = Object.entries(import.meta.glob<string>(['../../**/*.{ts,tsx}', '!../../**/*.test.{ts,tsx}', '!../../**/i18n/**'], { query: '?raw', import: 'default', eager: true }))
  .map(([path, text]) => ({ file: new URL(path, 'file:///web/app/i18n/').pathname.replace('/web/', ''), text }));
const COMMON = Object.keys(en);
const SIGNED_IN = [...COMMON, ...Object.keys(signedInEn)];
const ALL_KEYS = [...SIGNED_IN, ...Object.keys(accountEn), ...Object.keys(consoleEn)];

function allowedFor(file: string): Set<string> {
  if (file.startsWith('features/account/')) return new Set([...SIGNED_IN, ...Object.keys(accountEn)]);
  if (file.startsWith('features/console/')) return new Set([...SIGNED_IN, ...Object.keys(consoleEn)]);
  // Secure messages (issue 12): the patient's pages load with the account chunk; what they share with the console's inbox uses the signed-in words.
  if (file.startsWith('features/my/')) return new Set([...SIGNED_IN, ...Object.keys(accountEn)]);
  if (file.startsWith('features/messages/')) return new Set(SIGNED_IN);
  if (file.startsWith('app/session/') || file.startsWith('app/auth/') || file === 'app/roles.ts') return new Set(SIGNED_IN);
  if (['ui/Dialog.tsx', 'ui/DataTable.tsx', 'ui/OutcomeNotices.tsx'].includes(file)) return new Set(SIGNED_IN);
  return new Set(COMMON);
}

describe('the split catalogs', () => {
  it('give every file only keys that its chunk has loaded', () => {
    const misplaced: string[] = [];
    expect(SOURCES.length).toBeGreaterThan(50);
    for (const { file, text } of SOURCES) {
      const literals = new Set([...text.matchAll(/['"`]([\w]+(?:\.[\w]+)+)['"`]/g)].map((m) => m[1]!));
      const prefixes = [...text.matchAll(/`([\w.]+\.)\$\{/g)].map((m) => m[1]!);
      const used = ALL_KEYS.filter((k) => literals.has(k) || prefixes.some((p) => k.startsWith(p)));
      const allowed = allowedFor(file);
      for (const k of used) if (!allowed.has(k)) misplaced.push(`${file}: ${k}`);
    }
    expect(misplaced).toEqual([]);
  });
});
