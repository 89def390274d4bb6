import { useEffect } from 'react';
import type { MessageKey } from '../../../app/i18n/catalog';
import { useT } from '../../../app/i18n/useT';

type SettingsTitle = Extract<MessageKey, `settings.title.${string}`>;

/**
 * The document title of a settings page: 'Visit types · Relief Pain Clinics'.
 * As app/usePageTitle does, with the title in the console's catalog (it loads
 * with the console chunk; the common catalog's `title.` keys load with the app).
 */
export function useSettingsTitle(key: SettingsTitle): void {
  const t = useT();
  const title = `${t(key)} · ${t('app.name')}`;
  useEffect(() => {
    document.title = title;
  }, [title]);
}
