import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HqApi } from '../../api/clients.ts';
import { useHqApi } from '../../shell/context.tsx';
import { StatusView } from '../../ui/StatusView.tsx';
import { Evidence, type Explanation } from './Evidence.tsx';

type SearchResult = Awaited<ReturnType<HqApi['reconcile']['search']['query']>>;
type Subject = { kind: 'customer'; key: string; label: string } | { kind: 'account'; globalCode: string; label: string };
type Done = { linkId: number; kind: 'link' | 'split'; globalCode: string | null };

/**
 * Link by hand what the matcher did not propose: search customers and accounts in any script, pick what
 * to link and the account it belongs to, give a reason; or split a customer out of its account. Each
 * decision is audited and can be undone here.
 */
export default function HandLink() {
  const { t } = useTranslation('hq');
  const api = useHqApi();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [subject, setSubject] = useState<Subject | null>(null);
  const [target, setTarget] = useState<{ globalCode: string; label: string } | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<Done | null>(null);
  const search = useQuery({ queryKey: ['reconcile.search', query], queryFn: () => api.reconcile.search.query({ query }), enabled: query.trim().length > 0 });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['reconcile.search'] });
    void queryClient.invalidateQueries({ queryKey: ['reconcile.queue'] });
    void queryClient.invalidateQueries({ queryKey: ['accounts.list'] });
  };
  const act = useMutation({
    mutationFn: (kind: 'link' | 'split') =>
      kind === 'split' && subject?.kind === 'customer'
        ? api.reconcile.split.mutate({ customerKey: subject.key, reason })
        : api.reconcile.link.mutate({
            ...(subject?.kind === 'customer' ? { customerKey: subject.key } : { fromGlobalCode: subject?.kind === 'account' ? subject.globalCode : '' }),
            globalCode: target?.globalCode ?? '',
            reason,
          }),
    onSuccess: (result) => {
      setDone(result.linkId ? { linkId: result.linkId, kind: result.kind, globalCode: result.globalCode } : null);
      setReason('');
      refresh();
    },
  });
  const undo = useMutation({
    mutationFn: (linkId: number) => api.reconcile.undoLink.mutate({ linkId }),
    onSuccess: () => {
      setDone(null);
      refresh();
    },
  });
  const results: SearchResult | undefined = search.data;
  const canLink = Boolean(subject && target && reason.trim());
  return (
    <section aria-labelledby="hand-title" className="hand-link">
      <h2 id="hand-title">{t('hand.title')}</h2>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(typed.normalize('NFC').trim());
        }}
      >
        <label>
          {t('hand.search')}
          <input type="search" value={typed} onChange={(event) => setTyped(event.target.value)} dir="auto" />
        </label>
        <button type="submit">{t('hand.find')}</button>
      </form>
      <StatusView loading={search.isFetching && !results} error={search.error} empty={Boolean(results) && !results?.customers.length && !results?.accounts.length} emptyText={t('hand.none')}>
        {results ? (
          <div className="pair__sides">
            <div>
              <h3>{t('hand.customers')}</h3>
              <ul className="cards">
                {results.customers.map((customer) => (
                  <li key={customer.key} className="card">
                    <p dir="auto">
                      <strong>{customer.name}</strong> <span className="muted">{customer.region.toUpperCase()} · {customer.code}</span>
                    </p>
                    {customer.account ? <p className="muted" dir="auto">{t('review.belongsTo', { code: customer.account.globalCode, name: customer.account.name, members: customer.account.members })}</p> : null}
                    {customer.linkMethod && customer.linkMethod !== 'new' ? (
                      <Evidence reasons={customer.linkReasons ?? []} explanation={(customer.linkExplanation ?? []) as Explanation[]} label={t('account.why')} />
                    ) : null}
                    <button type="button" aria-pressed={subject?.kind === 'customer' && subject.key === customer.key} onClick={() => setSubject({ kind: 'customer', key: customer.key, label: customer.name })}>
                      {t('hand.pickSubject')}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>{t('hand.accounts')}</h3>
              <ul className="cards">
                {results.accounts.map((account) => (
                  <li key={account.globalCode} className="card">
                    <p dir="auto">
                      <strong>{account.name}</strong> <span className="muted">{account.globalCode} · {account.regions.map((code) => code.toUpperCase()).join(', ')}</span>
                    </p>
                    <button type="button" aria-pressed={target?.globalCode === account.globalCode} onClick={() => setTarget({ globalCode: account.globalCode, label: account.name })}>
                      {t('hand.pickTarget')}
                    </button>{' '}
                    <button
                      type="button"
                      aria-pressed={subject?.kind === 'account' && subject.globalCode === account.globalCode}
                      onClick={() => setSubject({ kind: 'account', globalCode: account.globalCode, label: account.name })}
                    >
                      {t('hand.pickAccountSubject')}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ) : null}
      </StatusView>
      <form
        className="hand-link__decide"
        onSubmit={(event) => {
          event.preventDefault();
          if (canLink) act.mutate('link');
        }}
      >
        <p dir="auto">{t('hand.summary', { subject: subject?.label ?? '—', target: target ? `${target.label} (${target.globalCode})` : '—' })}</p>
        <label>
          {t('hand.reason')}
          <textarea required value={reason} onChange={(event) => setReason(event.target.value)} dir="auto" rows={2} maxLength={500} />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={!canLink || act.isPending}>
            {t('hand.link')}
          </button>
          <button type="button" disabled={subject?.kind !== 'customer' || !reason.trim() || act.isPending} onClick={() => act.mutate('split')}>
            {t('hand.split')}
          </button>
        </div>
      </form>
      {act.error || undo.error ? <StatusView error={act.error ?? undo.error} /> : null}
      {done ? (
        <div className="notice notice--ok" role="status">
          {t(`hand.done.${done.kind}`, { code: done.globalCode ?? '—' })}{' '}
          <button type="button" onClick={() => undo.mutate(done.linkId)} disabled={undo.isPending}>
            {t('review.undo')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
