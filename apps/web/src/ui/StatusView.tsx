import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails } from '../api/clients.ts';

/** Loading, error and empty states are designed, never a blank area. */
export function StatusView(props: { loading?: boolean; error?: unknown; empty?: boolean; emptyText?: string; onRetry?: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  if (props.loading) {
    return (
      <div className="status status--loading" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        {t('status.loading')}
      </div>
    );
  }
  if (props.error) {
    const details = errorDetails(props.error);
    const message = details.network ? t('status.offline') : details.messageKey ? t(details.messageKey.replace(/^errors\./, 'errors:')) : t('errors:internal');
    return (
      <div className="status status--error" role="alert">
        <p>{message}</p>
        {props.onRetry ? (
          <button type="button" onClick={props.onRetry}>
            {t('action.retry')}
          </button>
        ) : null}
      </div>
    );
  }
  if (props.empty) return <div className="status status--empty">{props.emptyText ?? t('status.empty')}</div>;
  return <>{props.children}</>;
}
