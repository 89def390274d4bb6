import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isLang, translator, type Lang, type Translate } from './catalog';
import { loadedMessages } from './catalogs';
const COOKIE = 'relief_lang';

export interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
  /** Picks the current language from API text such as `name: { en, es }`. */
  pick: (text: { en: string; es: string }) => string;
}

export const I18nContext = createContext<I18n | null>(null);

function readCookie(): string | undefined {
  return document.cookie
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === COOKIE)?.[1];
}

function writeCookie(lang: Lang): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}

/** `?lang=` wins (links in emails), then the cookie, then the browser's languages. */
export function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (isLang(fromUrl)) {
    writeCookie(fromUrl);
    return fromUrl;
  }
  const fromCookie = readCookie();
  if (isLang(fromCookie)) return fromCookie;
  return navigator.languages?.some((l) => l.toLowerCase().startsWith('es')) ? 'es' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    writeCookie(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: translator(loadedMessages(lang), loadedMessages('en')), pick: (text) => text[lang] || text.en }),
    [lang, setLang],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}
