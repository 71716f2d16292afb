import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRegionApi } from '../../shell/context.tsx';
import { StatusView } from '../../ui/StatusView.tsx';
import { RecordRow } from '../openItems/RecordRow.tsx';

/** A lead's view of the team's open work: overdue next steps and service-level breaches first. */
export default function TeamView() {
  const { t } = useTranslation('lead');
  const api = useRegionApi();
  const open = useQuery({ queryKey: ['contactRecords.list', 'team'], queryFn: () => api.contactRecords.list.query({ status: 'open', limit: 200 }) });
  const now = Date.now();
  const items = open.data?.items ?? [];
  const breached = items.filter((record) => record.serviceLevel?.responseBreached || record.serviceLevel?.completionBreached);
  const overdue = items.filter((record) => !breached.includes(record) && record.nextStepDue && new Date(record.nextStepDue).getTime() < now);
  const rest = items.filter((record) => !breached.includes(record) && !overdue.includes(record));
  const byOwner = new Map<string, number>();
  for (const record of items) byOwner.set(record.createdBy, (byOwner.get(record.createdBy) ?? 0) + 1);
  return (
    <section aria-labelledby="team-title">
      <h1 id="team-title">{t('title')}</h1>
      <StatusView loading={open.isLoading} error={open.error} onRetry={() => void open.refetch()} empty={items.length === 0} emptyText={t('empty')}>
        <ul className="summary" aria-label={t('summary')}>
          <li>
            <strong>{items.length}</strong> {t('openCount', { count: items.length })}
          </li>
          <li className={overdue.length ? 'summary--alert' : ''}>
            <strong>{overdue.length}</strong> {t('overdueCount', { count: overdue.length })}
          </li>
          <li className={breached.length ? 'summary--alert' : ''}>
            <strong>{breached.length}</strong> {t('breachCount', { count: breached.length })}
          </li>
        </ul>
        <table className="table">
          <caption>{t('byOwner')}</caption>
          <tbody>
            {[...byOwner.entries()].sort((a, b) => b[1] - a[1]).map(([owner, count]) => (
              <tr key={owner}>
                <th scope="row">{owner}</th>
                <td>{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {[
          ['breaches', breached],
          ['overdue', overdue],
          ['other', rest],
        ].map(([key, group]) =>
          (group as typeof items).length ? (
            <div key={key as string}>
              <h2>{t(`group.${key as string}`)}</h2>
              <ul className="cards">
                {(group as typeof items).map((record) => (
                  <RecordRow key={record.id} record={record} />
                ))}
              </ul>
            </div>
          ) : null,
        )}
      </StatusView>
    </section>
  );
}
