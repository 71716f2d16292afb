import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHqApi } from '../../shell/context.tsx';
import { StatusView } from '../../ui/StatusView.tsx';

type ImportOutcome = { rows: number; added: number; unchanged: number; skipped: Array<{ row: number; messageKey: string }> };

/** The names the matcher links by, as data: learned from merges, typed by stewards, imported from a curated list. */
export default function AliasList() {
  const { t } = useTranslation('hq');
  const api = useHqApi();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [code, setCode] = useState('');
  const [alias, setAlias] = useState('');
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['aliases.list', query],
    queryFn: ({ pageParam }) => api.aliases.list.query({ limit: 50, ...(query ? { query } : {}), ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['aliases.list'] });
  const add = useMutation({
    mutationFn: () => api.aliases.add.mutate({ globalCode: code.trim(), alias }),
    onSuccess: () => {
      setAlias('');
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: number) => api.aliases.remove.mutate({ id }), onSuccess: refresh });
  const importCsv = useMutation({
    mutationFn: (csv: string) => api.aliases.importCsv.mutate({ csv }),
    onSuccess: (result) => {
      setOutcome(result);
      refresh();
    },
  });
  const exportCsv = useMutation({
    mutationFn: () => api.aliases.exportCsv.query(),
    onSuccess: ({ csv }) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      link.download = 'meridian-aliases.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    },
  });
  const items = (list.data?.pages ?? []).flatMap((page) => page.items);
  const error = add.error ?? remove.error ?? importCsv.error ?? exportCsv.error;
  return (
    <section aria-labelledby="aliases-title" className="aliases">
      <h2 id="aliases-title">{t('aliases.title')}</h2>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(typed.trim());
        }}
      >
        <label>
          {t('aliases.filter')}
          <input type="search" value={typed} onChange={(event) => setTyped(event.target.value)} dir="auto" />
        </label>
        <button type="submit">{t('hand.find')}</button>
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (code.trim() && alias.trim()) add.mutate();
        }}
      >
        <label>
          {t('aliases.code')}
          <input value={code} onChange={(event) => setCode(event.target.value)} required />
        </label>
        <label>
          {t('aliases.newAlias')}
          <input value={alias} onChange={(event) => setAlias(event.target.value)} dir="auto" required />
        </label>
        <button type="submit" disabled={add.isPending}>{t('aliases.add')}</button>
      </form>
      <div className="actions">
        <button type="button" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending}>{t('aliases.export')}</button>
        <label>
          {t('aliases.import')}
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void file.text().then((csv) => importCsv.mutate(csv));
              event.target.value = '';
            }}
          />
        </label>
      </div>
      {outcome ? (
        <div className="notice notice--ok" role="status">
          <p>{t('aliases.imported', { added: outcome.added, unchanged: outcome.unchanged, skipped: outcome.skipped.length })}</p>
          {outcome.skipped.length ? (
            <ul>
              {outcome.skipped.slice(0, 50).map((entry) => (
                <li key={entry.row}>{t('aliases.skippedRow', { row: entry.row, reason: t(entry.messageKey.replace(/^errors\./, 'errors:')) })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error ? <StatusView error={error} /> : null}
      <StatusView loading={list.isLoading} error={list.error} onRetry={() => void list.refetch()} empty={items.length === 0} emptyText={t('aliases.empty')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('aliases.account')}</th>
              <th scope="col">{t('aliases.alias')}</th>
              <th scope="col">{t('aliases.script')}</th>
              <th scope="col">{t('aliases.source')}</th>
              <th scope="col"><span className="visually-hidden">{t('aliases.remove')}</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td dir="auto">{item.globalCode} · {item.accountName}</td>
                <td dir="auto">{item.alias}</td>
                <td>{t(`review.scripts.${item.script}`)}</td>
                <td>{t(`aliases.sources.${item.source}`)}</td>
                <td>
                  <button type="button" onClick={() => remove.mutate(item.id)} disabled={remove.isPending} aria-label={t('aliases.removeOne', { alias: item.alias })}>
                    {t('aliases.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.hasNextPage ? (
          <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {t('review.more')}
          </button>
        ) : null}
      </StatusView>
    </section>
  );
}
