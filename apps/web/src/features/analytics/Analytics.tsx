import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHqApi } from '../../shell/context.tsx';
import { formatMoney } from '../../ui/format.ts';
import { StatusView } from '../../ui/StatusView.tsx';
import { Bars } from './Bars.tsx';
import { Trend } from './Trend.tsx';

const percent = (value: number | null, locale: string) =>
  value === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);

/** What leads and HQ decide from: pyramid, contact trends, service levels, complaints, risk, funnel, cross-sell. */
export default function Analytics() {
  const { t, i18n } = useTranslation('analytics');
  const api = useHqApi();
  const locale = i18n.language;
  const [region, setRegion] = useState('');
  const [months, setMonths] = useState(12);
  const from = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - months + 1, 1)).toISOString();
  const filter = { regions: region ? [region] : undefined, from };
  const regions = useQuery({ queryKey: ['regions.list'], queryFn: () => api.regions.list.query() });
  const pyramid = useQuery({ queryKey: ['analytics.pyramid', region], queryFn: () => api.analytics.pyramid.query({ region: region || undefined }) });
  const volume = useQuery({ queryKey: ['analytics.contactTypes', filter], queryFn: () => api.analytics.contactTypes.query({ ...filter, bucket: 'month' }) });
  const levels = useQuery({ queryKey: ['analytics.serviceLevels', filter], queryFn: () => api.analytics.serviceLevels.query(filter) });
  const complaints = useQuery({ queryKey: ['analytics.complaints', filter], queryFn: () => api.analytics.complaints.query(filter) });
  const risk = useQuery({ queryKey: ['analytics.churnRisk', region], queryFn: () => api.analytics.churnRisk.query({ regions: filter.regions, minRating: 'medium', limit: 10 }) });
  const funnel = useQuery({ queryKey: ['analytics.funnel', filter], queryFn: () => api.analytics.funnel.query(filter) });
  const crossSell = useQuery({ queryKey: ['analytics.crossSell', region], queryFn: () => api.analytics.crossSell.query({ regions: filter.regions, limit: 10 }) });

  const periods = [...new Set((volume.data?.byPeriod ?? []).map((row) => row.period))].sort();
  const groups = [...new Set((volume.data?.byPeriod ?? []).filter((row) => row.typeCode === null).map((row) => row.typeGroup))];
  const series = groups.map((group) => ({
    name: t(`contactTypes:${group}.label`),
    values: periods.map((period) => volume.data!.byPeriod.find((row) => row.period === period && row.typeGroup === group && row.typeCode === null)?.records ?? 0),
  }));
  const totalFunnel = funnel.data?.find((row) => row.total);

  return (
    <section aria-labelledby="analytics-title" className="analytics">
      <h1 id="analytics-title">{t('title')}</h1>
      <div className="filters">
        <label>
          {t('region')}
          <select value={region} onChange={(event) => setRegion(event.target.value)}>
            <option value="">{t('allRegions')}</option>
            {regions.data?.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.code.toUpperCase()} · {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('period')}
          <select value={months} onChange={(event) => setMonths(Number(event.target.value))}>
            {[3, 6, 12, 24].map((count) => (
              <option key={count} value={count}>
                {t('lastMonths', { count })}
              </option>
            ))}
          </select>
        </label>
      </div>

      <h2>{t('pyramid')}</h2>
      <StatusView loading={pyramid.isLoading} error={pyramid.error}>
        <Bars
          caption={t('pyramidCaption')}
          rows={(pyramid.data?.tiers ?? []).map((tier) => ({
            label: t(`taxonomy:pyramidTier.${tier.tier}`),
            value: tier.revenueShare,
            display: `${percent(tier.revenueShare, locale)} · ${t('customers', { count: tier.customers })} · ${formatMoney(tier.revenueGbp, 'GBP', locale)}`,
          }))}
          max={1}
        />
      </StatusView>

      <h2>{t('volume')}</h2>
      <StatusView loading={volume.isLoading} error={volume.error} empty={periods.length === 0} emptyText={t('noData')}>
        <Trend caption={t('volumeCaption')} periods={periods} series={series} />
      </StatusView>

      <h2>{t('serviceLevels')}</h2>
      <StatusView loading={levels.isLoading} error={levels.error} empty={(levels.data?.rows.length ?? 0) === 0} emptyText={t('noData')}>
        <Bars
          caption={t('serviceLevelsCaption')}
          max={1}
          rows={(levels.data?.rows ?? []).map((row) => ({
            label: `${row.region.toUpperCase()} · ${row.serviceCategory ? t(`taxonomy:serviceCategory.${row.serviceCategory}`) : t('noCategory')}`,
            value: row.completion.complianceRate ?? 0,
            alert: (row.completion.complianceRate ?? 1) < 0.9,
            display: t('compliance', { rate: percent(row.completion.complianceRate, locale), breached: row.completion.breached + row.completion.overdue }),
          }))}
        />
      </StatusView>

      <h2>{t('complaints')}</h2>
      <StatusView loading={complaints.isLoading} error={complaints.error} empty={!complaints.data?.byRootCause.some((row) => row.rootCause !== null && row.complaints > 0)} emptyText={t('noData')}>
        <Bars
          caption={t('complaintsCaption')}
          rows={(complaints.data?.byRootCause ?? []).filter((row) => row.rootCause !== null).map((row) => ({
            label: t(`contactTypes:complaint.${row.rootCause}`),
            value: row.complaints,
            display: t('complaintRow', { count: row.complaints, hours: row.medianHoursToResolve === null ? '—' : Math.round(row.medianHoursToResolve) }),
          }))}
        />
      </StatusView>

      <h2>{t('risk')}</h2>
      <StatusView loading={risk.isLoading} error={risk.error} empty={(risk.data?.accounts.length ?? 0) === 0} emptyText={t('noRisk')}>
        <ul className="cards">
          {risk.data?.accounts.map((account) => (
            <li key={account.globalCode} className={account.rating === 'high' ? 'card card--alert' : 'card'}>
              <strong dir="auto">{account.accountName}</strong> <span className="muted">{account.globalCode}</span> · {t(`rating.${account.rating}`)} ({account.score})
              <ul>
                {account.reasons.map((reason) => (
                  <li key={reason.code}>
                    {t(`reason.${reason.code}`, { value: reason.value })} (+{reason.points})
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </StatusView>

      <h2>{t('funnel')}</h2>
      <StatusView loading={funnel.isLoading} error={funnel.error} empty={!totalFunnel} emptyText={t('noData')}>
        {totalFunnel ? (
          <Bars
            caption={t('funnelCaption')}
            rows={[
              { label: t('stage.enquiries'), value: totalFunnel.enquiries, display: String(totalFunnel.enquiries) },
              { label: t('stage.orders'), value: totalFunnel.orders, display: `${totalFunnel.orders} (${percent(totalFunnel.enquiryToOrder, locale)})` },
              { label: t('stage.won'), value: totalFunnel.won, display: `${totalFunnel.won} (${percent(totalFunnel.orderToWon, locale)})` },
            ]}
          />
        ) : null}
      </StatusView>

      <h2>{t('crossSell')}</h2>
      <StatusView loading={crossSell.isLoading} error={crossSell.error} empty={(crossSell.data?.accounts.length ?? 0) === 0} emptyText={t('noData')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('account')}</th>
              <th scope="col">{t('servedIn')}</th>
              <th scope="col">{t('notServedIn')}</th>
            </tr>
          </thead>
          <tbody>
            {crossSell.data?.accounts.map((account) => (
              <tr key={account.globalCode}>
                <td dir="auto">{account.accountName}</td>
                <td>{account.servedCountries.map((code) => new Intl.DisplayNames([locale], { type: 'region' }).of(code)).join(', ')}</td>
                <td>{account.missingCountries.map((code) => new Intl.DisplayNames([locale], { type: 'region' }).of(code)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </StatusView>
    </section>
  );
}
