import type { ReactNode } from 'react';
import { useI18n, useT } from '../app/i18n/useT';
import { isThrottled, problemMessage } from '../app/problems';

interface Props {
  isPending: boolean;
  isError: boolean;
  retry: () => void;
  /** The query's error: a throttle (429) is told with its wait, in the reader's language, not as a failed load. */
  error?: unknown;
  children?: ReactNode;
}

/** Loading and error states for a query; renders children once the data is there. */
export function QueryState({ isPending, isError, retry, error, children }: Props) {
  const { t, lang } = useI18n();
  if (isError) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{isThrottled(error) ? problemMessage(error, t, lang) : t('common.loadError')}</p>
        <button type="button" className="btn btn-secondary" onClick={retry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (isPending) return <Loading />;
  return <>{children}</>;
}

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}
