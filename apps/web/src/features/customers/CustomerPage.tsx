import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeridian, useRegionApi } from '../../shell/context.tsx';
import { formatDate, formatMoney } from '../../ui/format.ts';
import { StatusView } from '../../ui/StatusView.tsx';
import { RecordRow, type RecordSummary } from '../openItems/RecordRow.tsx';
import { AmendForm } from './AmendForm.tsx';
import { ReassignForm } from './ReassignForm.tsx';

/** Everything about one customer here: history, projects, managers, and where else the firm serves it. */
export default function CustomerPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation('customers');
  const api = useRegionApi();
  const { me, navigate } = useMeridian();
  const queryClient = useQueryClient();
  const [amending, setAmending] = useState<RecordSummary | null>(null);
  const customer = useQuery({ queryKey: ['customers.get', id], queryFn: () => api.customers.get.query({ id }) });
  const records = useQuery({ queryKey: ['contactRecords.list', 'customer', id], queryFn: () => api.contactRecords.list.query({ customerId: id, limit: 100 }) });
  const projects = useQuery({ queryKey: ['projects.list', id], queryFn: () => api.projects.list.query({ customerId: id, limit: 100 }) });
  const close = useMutation({
    mutationFn: (recordId: string) => api.contactRecords.close.mutate({ id: recordId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['contactRecords.list'] }),
  });
  const data = customer.data;
  return (
    <StatusView loading={customer.isLoading} error={customer.error} onRetry={() => void customer.refetch()}>
      {data ? (
        <section aria-labelledby="customer-title" className="customer">
          <h1 id="customer-title" dir="auto">
            {data.name}
          </h1>
          {data.nameLatin && data.nameLatin !== data.name ? (
            <p className="latin" dir="auto">
              {data.nameLatin} <span className="muted">({data.nameLatinSource === 'generated' ? t('latinGenerated') : t('latinTyped')})</span>
            </p>
          ) : null}
          {data.globalCode ? (
            <p className="notice notice--global" role="note">
              {t('multinational', { code: data.globalCode, count: data.globalCountries?.length ?? 0, countries: (data.globalCountries ?? []).map((code) => new Intl.DisplayNames([i18n.language], { type: 'region' }).of(code)).join(', ') })}
            </p>
          ) : null}
          <dl className="facts">
            <dt>{t('code')}</dt>
            <dd>{data.code}</dd>
            <dt>{t('segment')}</dt>
            <dd>
              {t(`taxonomy:segment.${data.segment}`)} · {t(`taxonomy:subSegment.${data.subSegment}`)}
            </dd>
            <dt>{t('city')}</dt>
            <dd dir="auto">{data.city}</dd>
            <dt>{t('tier')}</dt>
            <dd>
              {t(`taxonomy:pyramidTier.${data.tier}`)}
              {data.annualRevenueGbp !== null ? ` · ${formatMoney(data.annualRevenueGbp, 'GBP', i18n.language)}` : ''}
            </dd>
            <dt>{t('lifecycle')}</dt>
            <dd>{t(`taxonomy:lifecycleStage.${data.lifecycleStage}`)}</dd>
            <dt>{t('accountManager')}</dt>
            <dd>{data.accountManager}</dd>
          </dl>
          <div className="actions">
            <button type="button" className="primary" onClick={() => navigate({ name: 'record', customerId: data.id })}>
              {t('recordContact')}
            </button>
          </div>
          {me?.roles.includes('lead') ? <ReassignForm customerId={data.id} current={data.accountManager} /> : null}
          <h2>{t('managerHistory')}</h2>
          <ol className="timeline">
            {data.managerHistory.map((entry) => (
              <li key={entry.id}>
                {entry.accountManager} · {formatDate(entry.startedAt, i18n.language)}
                {entry.endedAt ? ` – ${formatDate(entry.endedAt, i18n.language)}` : ` – ${t('current')}`}
                {entry.reason ? <span className="muted" dir="auto"> · {entry.reason}</span> : null}
              </li>
            ))}
          </ol>
          <h2>{t('projects')}</h2>
          <StatusView loading={projects.isLoading} error={projects.error} empty={(projects.data?.items.length ?? 0) === 0} emptyText={t('noProjects')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('jobCode')}</th>
                  <th scope="col">{t('serviceCategory')}</th>
                  <th scope="col">{t('location')}</th>
                </tr>
              </thead>
              <tbody>
                {projects.data?.items.map((project) => (
                  <tr key={project.id}>
                    <td>{project.jobCode}</td>
                    <td>{t(`taxonomy:serviceCategory.${project.serviceCategory}`)}</td>
                    <td dir="auto">
                      {new Intl.DisplayNames([i18n.language], { type: 'region' }).of(project.country)} · {project.city}
                      {project.site ? ` · ${project.site}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </StatusView>
          <h2>{t('history')}</h2>
          {amending ? <AmendForm record={amending} onDone={() => setAmending(null)} /> : null}
          <StatusView loading={records.isLoading} error={records.error} empty={(records.data?.items.length ?? 0) === 0} emptyText={t('noRecords')}>
            <ul className="cards">
              {records.data?.items.map((record) => (
                <RecordRow key={record.id} record={record} onClose={() => close.mutate(record.id)} closing={close.isPending && close.variables === record.id} onAmend={() => setAmending(record)} />
              ))}
            </ul>
          </StatusView>
        </section>
      ) : null}
    </StatusView>
  );
}
