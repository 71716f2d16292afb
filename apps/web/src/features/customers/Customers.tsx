import { segments } from '@meridian/domain';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeridian, useRegionApi } from '../../shell/context.tsx';
import { StatusView } from '../../ui/StatusView.tsx';

/** Customers of this region, searchable in any script, by code, and by segment. */
export default function Customers() {
  const { t } = useTranslation('customers');
  const api = useRegionApi();
  const { navigate } = useMeridian();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [segment, setSegment] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  useEffect(() => setCursors([]), [query, segment]);
  const cursor = cursors.at(-1);
  const list = useQuery({
    queryKey: ['customers.list', query, segment, cursor],
    queryFn: () => api.customers.list.query({ query: query || undefined, segment: (segment || undefined) as never, cursor, limit: 25 }),
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">{t('title')}</h1>
      <div className="filters">
        <label>
          {t('search')}
          <input type="search" dir="auto" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <label>
          {t('segment')}
          <select value={segment} onChange={(event) => setSegment(event.target.value)}>
            <option value="">{t('allSegments')}</option>
            {segments.map((code) => (
              <option key={code} value={code}>
                {t(`taxonomy:segment.${code}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <StatusView loading={list.isLoading} error={list.error} onRetry={() => void list.refetch()} empty={items.length === 0} emptyText={t('empty')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('code')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('city')}</th>
              <th scope="col">{t('segment')}</th>
              <th scope="col">{t('accountManager')}</th>
              <th scope="col">{t('global')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((customer) => (
              <tr key={customer.id}>
                <td>{customer.code}</td>
                <td>
                  <a href="#" onClick={(event) => { event.preventDefault(); navigate({ name: 'customer', id: customer.id }); }} dir="auto">
                    {customer.name}
                  </a>
                  {customer.nameLatin && customer.nameLatin !== customer.name ? <div className="latin" dir="auto">{customer.nameLatin}</div> : null}
                </td>
                <td dir="auto">{customer.city}</td>
                <td>{t(`taxonomy:subSegment.${customer.subSegment}`)}</td>
                <td>{customer.accountManager}</td>
                <td>{customer.globalCode ? t('servedIn', { count: customer.globalCountries?.length ?? 0 }) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="pager">
          {cursors.length > 0 ? <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>{t('app:action.previous')}</button> : null}
          {list.data?.nextCursor ? <button type="button" onClick={() => setCursors([...cursors, list.data!.nextCursor!])}>{t('app:action.next')}</button> : null}
        </div>
      </StatusView>
    </section>
  );
}
