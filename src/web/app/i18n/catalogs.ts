import type { Lang } from './catalog';
import { en } from './en';
import { es } from './es';

/** One part of the catalogs, in both languages (a feature's words). */
export interface CatalogPart {
  en: Readonly<Record<string, string>>;
  es: Readonly<Record<string, string>>;
}

/**
 * The messages loaded so far, per language: the common catalog from the start,
 * a feature's part when its chunk is evaluated (before any of its pages renders).
 * The translator reads this at call time, so a part added later is seen at once.
 */
const loaded: Record<Lang, Record<string, string>> = { en: { ...en }, es: { ...es } };

export function registerCatalogs(...parts: CatalogPart[]): void {
  for (const part of parts) {
    Object.assign(loaded.en, part.en);
    Object.assign(loaded.es, part.es);
  }
}

export function loadedMessages(lang: Lang): Readonly<Record<string, string>> {
  return loaded[lang];
}
