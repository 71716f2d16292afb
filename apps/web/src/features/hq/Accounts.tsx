import { pyramidTiers, segments } from '@meridian/domain';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHqApi, useMeridian } from '../../shell/context.tsx';
import { formatMoney } from '../../ui/format.ts';
import { StatusView } from '../../ui/StatusView.tsx';

/** HQ's global accounts: filter by tier, segment, where we serve them and where we do not, in any script. */
export default function Accounts() {
  const { t, i18n } = useTranslation('hq');
  const api = useHqApi();
  const { navigate } = useMeridian();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState({ query: '', tier: '', segment: '', servedIn: '', notServedIn: '' });
  const [cursor, setCursor] = useState<string | undefined>();
  useEffect(() => {
    const timer = setTimeout(() => setFilters((current) => ({ ...current, query: text.trim() })), 200);
    return () => clearTimeout(timer);
  }, [text]);
  useEffect(() => setCursor(undefined), [filters]);
  const list = useQuery({
    queryKey: ['accounts.list', filters, cursor],
    queryFn: () =>
      api.accounts.list.query({
        query: filters.query || undefined,
        tier: (filters.tier || undefined) as never,
        segment: (filters.segment || undefined) as never,
        servedIn: filters.servedIn || undefined,
        notServedIn: filters.notServedIn || undefined,
        cursor,
        limit: 25,
      }),
  });
  const regionName = new Intl.DisplayNames([i18n.language], { type: 'region' });
  const set = (key: keyof typeof filters, value: string) => setFilters((current) => ({ ...current, [key]: value }));
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">{t('accounts.title')}</h1>
      <div className="filters">
        <label>
          {t('accounts.search')}
          <input type="search" dir="auto" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <label>
          {t('accounts.tier')}
          <select value={filters.tier} onChange={(event) => set('tier', event.target.value)}>
            <option value="">{t('accounts.any')}</option>
            {pyramidTiers.map((tier) => (
              <option key={tier} value={tier}>
                {t(`taxonomy:pyramidTier.${tier}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('accounts.segment')}
          <select value={filters.segment} onChange={(event) => set('segment', event.target.value)}>
            <option value="">{t('accounts.any')}</option>
            {segments.map((segment) => (
              <option key={segment} value={segment}>
                {t(`taxonomy:segment.${segment}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('accounts.servedIn')}
          <input value={filters.servedIn} maxLength={2} placeholder="GB" onChange={(event) => set('servedIn', event.target.value.toUpperCase())} />
        </label>
        <label>
          {t('accounts.notServedIn')}
          <input value={filters.notServedIn} maxLength={2} placeholder="AE" onChange={(event) => set('notServedIn', event.target.value.toUpperCase())} />
        </label>
      </div>
      <StatusView loading={list.isLoading} error={list.error} onRetry={() => void list.refetch()} empty={items.length === 0} emptyText={t('accounts.empty')}>
        <p className="muted">{t('accounts.total', { count: list.data?.total ?? 0 })}</p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('accounts.code')}</th>
              <th scope="col">{t('accounts.name')}</th>
              <th scope="col">{t('accounts.tier')}</th>
              <th scope="col">{t('accounts.revenue')}</th>
              <th scope="col">{t('accounts.countries')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((account) => (
              <tr key={account.globalCode}>
                <td>{account.globalCode}</td>
                <td>
                  <a href="#" dir="auto" onClick={(event) => { event.preventDefault(); navigate({ name: 'account', globalCode: account.globalCode }); }}>
                    {account.name}
                  </a>
                </td>
                <td>{t(`taxonomy:pyramidTier.${account.tier}`)}</td>
                <td>{formatMoney(account.revenueGbp, 'GBP', i18n.language)}</td>
                <td>{account.countries.map((code) => regionName.of(code)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data?.nextCursor ? (
          <button type="button" onClick={() => setCursor(list.data!.nextCursor!)}>
            {t('app:action.next')}
          </button>
        ) : null}
      </StatusView>
    </section>
  );
}
