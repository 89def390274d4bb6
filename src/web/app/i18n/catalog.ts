import { en, type En } from './en';

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];
export type MessageKey = keyof En;

/** Parameter names of a message: 'Call {phone}' -> 'phone'. */
export type ParamsOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamsOf<Rest> : never;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** A translation must keep every `{param}` of the English message. */
type Translation<P extends string> = [P] extends [never]
  ? string
  : UnionToIntersection<P extends unknown ? `${string}{${P}}${string}` : never>;

/** Every catalog has exactly the keys of the English one, with the same parameters. */
export type Catalog = { readonly [K in MessageKey]: Translation<ParamsOf<En[K]>> };

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

export function translator(catalog: Catalog): Translate {
  return (key, ...args) => interpolate(catalog[key] ?? en[key], args[0] as Record<string, string | number> | undefined);
}
