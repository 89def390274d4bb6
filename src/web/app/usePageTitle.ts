import { useEffect } from 'react';
import type { MessageKey } from './i18n/catalog';
import { useT } from './i18n/useT';

type TitleKey = Extract<MessageKey, `title.${string}`>;

/** Sets the document title in the current language: 'Locations · Relief Pain Clinics'. */
export function usePageTitle(key: TitleKey): void {
  const t = useT();
  const title = `${t(key)} · ${t('app.name')}`;
  useEffect(() => {
    document.title = title;
  }, [title]);
}
