import type { accountEn } from '../../features/account/i18n/account.en';
import type { consoleEn } from '../../features/console/i18n/console.en';
import type { en } from './en';
import type { signedInEn } from './signed-in.en';

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];

/**
 * Every message of the web, by key. The catalogs are split so each loads with
 * its feature (common: en.ts, loaded with the app; signed-in, account and
 * console: with their lazy chunks, see registerCatalogs), but `t` is typed
 * over all of them: a feature's page may use any key its chunk has loaded.
 */
export type En = typeof en & typeof signedInEn & typeof accountEn & typeof consoleEn;
export type MessageKey = keyof En;

/** Parameter names of a message: 'Call {phone}' -> 'phone'. */
export type ParamsOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamsOf<Rest> : never;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** A translation must keep every `{param}` of the English message. */
type Translation<P extends string> = [P] extends [never]
  ? string
  : UnionToIntersection<P extends unknown ? `${string}{${P}}${string}` : never>;

/** A translation of one English catalog: exactly its keys, with the same parameters. */
export type CatalogOf<E extends Record<string, string>> = { readonly [K in keyof E]: Translation<ParamsOf<E[K]>> };

/** The common catalog (en.ts) in another language. */
export type Catalog = CatalogOf<typeof en>;

export type MessageArgs<K extends MessageKey> = [ParamsOf<En[K]>] extends [never]
  ? []
  : [params: Record<ParamsOf<En[K]>, string | number>];

export type Translate = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;

export function isLang(v: unknown): v is Lang {
  return v === 'en' || v === 'es';
}

/** BCP 47 tag for Intl: US conventions (12-hour clock, month names) in both languages. */
export function localeOf(lang: Lang): string {
  return lang === 'es' ? 'es-US' : 'en-US';
}

export function interpolate(template: string, params: Record<string, string | number> | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Messages by key, in one language; `fallback` (English) fills a key the first lacks. */
type Messages = Readonly<Record<string, string>>;

export function translator(catalog: Messages, fallback?: Messages): Translate {
  return (key, ...args) => interpolate(catalog[key] ?? fallback?.[key] ?? key, args[0] as Record<string, string | number> | undefined);
}
