import { useContext } from 'react';
import { I18nContext, type I18n } from './I18nProvider';
import type { Translate } from './catalog';

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}

/** The translate function for the current language: `t('book.stepOf', { n: 2, total: 5 })`. */
export function useT(): Translate {
  return useI18n().t;
}
