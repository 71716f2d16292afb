import type { RegionOutputs } from '@meridian/region-api';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../../ui/format.ts';

/** A contact record as the region API lists it (the server's own output type, not a copy). */
export type RecordSummary = RegionOutputs['contactRecords']['list']['items'][number];

/** One contact record as a card: what happened, what is next and by when, and its service-level clock. */
export function RecordRow(props: { record: RecordSummary; onClose?: () => void; closing?: boolean; onAmend?: () => void }) {
  const { t, i18n } = useTranslation('records');
  const { record } = props;
  const now = Date.now();
  const overdue = record.status === 'open' && record.nextStepDue !== null && new Date(record.nextStepDue).getTime() < now;
  return (
    <li className={`card${overdue || record.serviceLevel?.completionBreached ? ' card--alert' : ''}`}>
      <div className="card__head">
        <span className="badge">{t(`contactTypes:${record.typeCode}`)}</span>
        <span className="muted">{t(`taxonomy:channel.${record.channel}`)}</span>
        <time dateTime={record.occurredAt}>{formatDateTime(record.occurredAt, i18n.language)}</time>
        <span className={`status-pill status-pill--${record.status}`}>{t(`taxonomy:contactRecordStatus.${record.status}`)}</span>
      </div>
      <p dir="auto" className="card__content">{record.content}</p>
      <dl className="card__facts">
        <dt>{t('field.place')}</dt>
        <dd dir="auto">{record.place}</dd>
        <dt>{t('field.outcome')}</dt>
        <dd dir="auto">{record.outcome}</dd>
        <dt>{t('field.nextStep')}</dt>
        <dd dir="auto">
          {record.nextStep}
          {record.nextStepDue ? (
            <span className={overdue ? 'due due--overdue' : 'due'}>
              {' '}
              {overdue ? t('overdue') : t('due')} {formatRelative(record.nextStepDue, i18n.language, now)}
            </span>
          ) : null}
        </dd>
        {record.slaCompletionDueAt ? (
          <>
            <dt>{t('sla.label')}</dt>
            <dd>
              {record.serviceLevel?.responseBreached ? <span className="due due--overdue">{t('sla.responseBreached')} </span> : null}
              {record.serviceLevel?.completionBreached ? (
                <span className="due due--overdue">{t('sla.completionBreached')}</span>
              ) : record.status === 'open' ? (
                <span className="due">{t('sla.completeBy', { when: formatRelative(record.slaCompletionDueAt, i18n.language, now) })}</span>
              ) : (
                <span>{t('sla.met')}</span>
              )}
            </dd>
          </>
        ) : null}
      </dl>
      {record.amendsId ? <p className="muted">{t('amendment')}</p> : null}
      <div className="card__actions">
        {props.onClose && record.status === 'open' ? (
          <button type="button" onClick={props.onClose} disabled={props.closing}>
            {t('close')}
          </button>
        ) : null}
        {props.onAmend && record.status === 'closed' ? (
          <button type="button" onClick={props.onAmend}>
            {t('amend')}
          </button>
        ) : null}
      </div>
    </li>
  );
}
