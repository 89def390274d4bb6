import { useSearchParams } from 'react-router';
import { useI18n } from '../app/i18n/useT';

/**
 * One button that offers the other language, labelled in that language. The
 * choice lives in a cookie; a `?lang=` in the address is kept in step with it.
 */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const [params, setParams] = useSearchParams();
  const other = lang === 'en' ? 'es' : 'en';

  function switchLanguage() {
    setLang(other);
    if (params.has('lang')) {
      const next = new URLSearchParams(params);
      next.set('lang', other);
      setParams(next, { replace: true, preventScrollReset: true });
    }
  }

  return (
    <button type="button" className="lang-switch" lang={other} onClick={switchLanguage} title={t('lang.switchToHint')}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="icon">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
      </svg>
      {t('lang.switchTo')}
    </button>
  );
}
