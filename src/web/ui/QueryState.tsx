import type { ReactNode } from 'react';
import { useT } from '../app/i18n/useT';

interface Props {
  isPending: boolean;
  isError: boolean;
  retry: () => void;
  children?: ReactNode;
}

/** Loading and error states for a query; renders children once the data is there. */
export function QueryState({ isPending, isError, retry, children }: Props) {
  const t = useT();
  if (isError) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('common.loadError')}</p>
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
