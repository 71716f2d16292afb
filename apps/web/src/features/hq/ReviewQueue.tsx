import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HqApi } from '../../api/clients.ts';
import { useHqApi } from '../../shell/context.tsx';
import { StatusView } from '../../ui/StatusView.tsx';
import AliasList from './AliasList.tsx';
import { Evidence, type Explanation, type Reason } from './Evidence.tsx';
import HandLink from './HandLink.tsx';

type QueuePage = Awaited<ReturnType<HqApi['reconcile']['queue']['query']>>;
type QueueItem = QueuePage['items'][number];
type Card = QueueItem['customer'];
type Decision = 'merge' | 'keep_apart';
const scripts = ['Latn', 'Hani', 'Arab', 'Other'] as const;

export function CustomerCard({ card, label }: { card: Card; label: string }) {
  const { t } = useTranslation('hq');
  if ('missing' in card) return <div className="side" aria-label={label}>{card.region.toUpperCase()} · {card.customerId}</div>;
  return (
    <div className="side" aria-label={label}>
      <p className="side__region">{card.region.toUpperCase()} · {card.code}</p>
      <p className="side__name" dir="auto">{card.name}</p>
      {card.nameLatin && card.nameLatin !== card.name ? <p dir="auto" className="latin">{card.nameLatin}</p> : null}
      <dl>
        <dt>{t('review.registration')}</dt>
        <dd>{card.registrationId ?? '—'}</dd>
        <dt>{t('review.website')}</dt>
        <dd>{card.website ?? '—'}</dd>
        <dt>{t('review.city')}</dt>
        <dd dir="auto">{card.city}</dd>
        <dt>{t('review.manager')}</dt>
        <dd>{card.accountManager}</dd>
      </dl>
    </div>
  );
}

function AccountLine({ account }: { account: QueueItem['account'] }) {
  const { t } = useTranslation('hq');
  return (
    <p className="muted" dir="auto">
      {t('review.belongsTo', { code: account.globalCode, name: account.name, members: account.members })}
    </p>
  );
}

/** Keys act only when the steward is not typing in a field, and never while an IME is composing. */
function isTyping(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0] as HTMLElement | undefined;
  return event.isComposing || event.ctrlKey || event.metaKey || event.altKey || Boolean(target?.closest?.('input, textarea, select, [contenteditable="true"]'));
}

/**
 * The data steward's queue: one customer against one account at a time, both sides with the account
 * they already belong to and the evidence in the steward's language; j/k move, m merges, a keeps apart,
 * u undoes the last decision, s skips.
 */
export default function ReviewQueue() {
  const { t } = useTranslation('hq');
  const api = useHqApi();
  const queryClient = useQueryClient();
  const [region, setRegion] = useState('');
  const [script, setScript] = useState('');
  const [minScore, setMinScore] = useState('');
  const [current, setCurrent] = useState(0);
  const [skipped, setSkipped] = useState<Set<string>>(new Set());
  const [history, setHistory] = useState<Array<{ decisionId: number; decision: Decision; pairs: number }>>([]);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const filter = {
    ...(region ? { region } : {}),
    ...(script ? { script: script as (typeof scripts)[number] } : {}),
    ...(minScore ? { minScore: Math.min(1, Math.max(0, Number(minScore) / 100)) } : {}),
  };
  const regions = useQuery({ queryKey: ['regions.list'], queryFn: () => api.regions.list.query() });
  const queue = useInfiniteQuery({
    queryKey: ['reconcile.queue', filter],
    queryFn: ({ pageParam }) => api.reconcile.queue.query({ ...filter, limit: 25, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '' as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['reconcile.queue'] });
    void queryClient.invalidateQueries({ queryKey: ['accounts.list'] });
    void queryClient.invalidateQueries({ queryKey: ['aliases.list'] });
  };
  const decide = useMutation({
    mutationFn: (input: { item: QueueItem; decision: Decision; wholeAccount?: boolean }) =>
      input.wholeAccount
        ? api.reconcile.decideAccount.mutate({ globalCode: input.item.account.globalCode, decision: input.decision })
        : api.reconcile.decideItem.mutate({ customerKey: input.item.customer.key, globalCode: input.item.account.globalCode, decision: input.decision }),
    onSuccess: (result) => {
      setHistory((previous) => [...previous, { decisionId: result.decisionId, decision: result.decision, pairs: result.pairs }]);
      refresh();
    },
  });
  const undo = useMutation({
    mutationFn: (decisionId: number) => api.reconcile.undo.mutate({ decisionId }),
    onSuccess: (_result, decisionId) => {
      setHistory((previous) => previous.filter((entry) => entry.decisionId !== decisionId));
      refresh();
    },
  });

  const items = (queue.data?.pages ?? []).flatMap((page) => page.items).filter((item) => !skipped.has(item.itemId));
  const pending = queue.data?.pages[0]?.pending ?? 0;
  const index = Math.min(current, Math.max(0, items.length - 1));
  const item = items[index];
  const busy = decide.isPending || undo.isPending;
  const last = history.at(-1);

  // Keyboard: one listener on the document, so the keys work wherever focus is on this screen.
  const actions = useRef({ next: () => {}, previous: () => {}, merge: () => {}, keepApart: () => {}, undo: () => {}, skip: () => {} });
  actions.current = {
    next: () => setCurrent(Math.min(index + 1, Math.max(0, items.length - 1))),
    previous: () => setCurrent(Math.max(index - 1, 0)),
    merge: () => item && !busy && decide.mutate({ item, decision: 'merge' }),
    keepApart: () => item && !busy && decide.mutate({ item, decision: 'keep_apart' }),
    undo: () => last && !busy && undo.mutate(last.decisionId),
    skip: () => item && setSkipped((previous) => new Set([...previous, item.itemId])),
  };
  useEffect(() => {
    const keys: Record<string, keyof typeof actions.current> = { j: 'next', k: 'previous', m: 'merge', a: 'keepApart', u: 'undo', s: 'skip' };
    const onKey = (event: KeyboardEvent) => {
      const action = keys[event.key.toLowerCase()];
      if (!action || isTyping(event)) return;
      event.preventDefault();
      actions.current[action]();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (item) itemRefs.current.get(item.itemId)?.scrollIntoView?.({ block: 'nearest' });
  }, [item?.itemId]);

  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">{t('review.title')}</h1>
      <p role="status" aria-live="polite">{t('review.pending', { pending })}</p>
      <p id="review-keys" className="muted">
        <kbd>j</kbd> {t('review.key.next')} · <kbd>k</kbd> {t('review.key.previous')} · <kbd>m</kbd> {t('review.key.merge')} · <kbd>a</kbd> {t('review.key.keepApart')} ·{' '}
        <kbd>u</kbd> {t('review.key.undo')} · <kbd>s</kbd> {t('review.key.skip')}
      </p>
      <form className="filters" aria-label={t('review.filters')} onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('review.region')}
          <select value={region} onChange={(event) => { setRegion(event.target.value); setCurrent(0); }}>
            <option value="">{t('review.any')}</option>
            {(regions.data ?? []).map((entry) => (
              <option key={entry.code} value={entry.code}>{entry.code.toUpperCase()}</option>
            ))}
          </select>
        </label>
        <label>
          {t('review.script')}
          <select value={script} onChange={(event) => { setScript(event.target.value); setCurrent(0); }}>
            <option value="">{t('review.any')}</option>
            {scripts.map((code) => (
              <option key={code} value={code}>{t(`review.scripts.${code}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('review.minScore')}
          <input type="number" min={0} max={100} step={5} value={minScore} onChange={(event) => { setMinScore(event.target.value); setCurrent(0); }} />
        </label>
      </form>
      {last ? (
        <div className="notice notice--ok" role="status">
          {t(`review.done.${last.decision}`)}{' '}
          <button type="button" onClick={() => undo.mutate(last.decisionId)} disabled={busy} aria-keyshortcuts="u">
            {t('review.undo')}
          </button>
        </div>
      ) : null}
      {decide.error || undo.error ? <StatusView error={decide.error ?? undo.error} /> : null}
      <StatusView loading={queue.isLoading} error={queue.error} onRetry={() => void queue.refetch()} empty={items.length === 0} emptyText={t('review.empty')}>
        <ul className="review" aria-label={t('review.queueLabel')} aria-describedby="review-keys">
          {items.map((entry, position) => (
            <li
              key={entry.itemId}
              ref={(element) => { if (element) itemRefs.current.set(entry.itemId, element); else itemRefs.current.delete(entry.itemId); }}
              className="pair"
              aria-current={position === index ? 'true' : undefined}
              style={position === index ? { outline: '3px solid var(--accent)', outlineOffset: 2 } : undefined}
              onClick={() => setCurrent(position)}
            >
              <p className="pair__score">{t('review.score', { score: Math.round(entry.score * 100) })}</p>
              <Evidence reasons={entry.reasons as Reason[]} explanation={entry.explanation as Explanation[]} />
              <div className="pair__sides">
                <div>
                  <CustomerCard card={entry.customer} label={t('review.left')} />
                  <AccountLine account={entry.customerAccount} />
                </div>
                <div aria-label={t('review.right')}>
                  <AccountLine account={entry.account} />
                  {entry.members.map((member) => (
                    <div key={member.candidateId}>
                      <CustomerCard card={member.customer} label={t('review.member')} />
                      {entry.members.length > 1 ? <p className="muted">{t('review.score', { score: Math.round(member.score * 100) })}</p> : null}
                    </div>
                  ))}
                </div>
              </div>
              <div className="actions">
                <button type="button" className="primary" aria-keyshortcuts="m" onClick={() => decide.mutate({ item: entry, decision: 'merge' })} disabled={busy}>
                  {t('review.merge')}
                </button>
                <button type="button" aria-keyshortcuts="a" onClick={() => decide.mutate({ item: entry, decision: 'keep_apart' })} disabled={busy}>
                  {t('review.keepApart')}
                </button>
                <button type="button" aria-keyshortcuts="s" onClick={() => setSkipped((previous) => new Set([...previous, entry.itemId]))} disabled={busy}>
                  {t('review.skip')}
                </button>
                <button type="button" onClick={() => decide.mutate({ item: entry, decision: 'merge', wholeAccount: true })} disabled={busy}>
                  {t('review.mergeAll', { code: entry.account.globalCode })}
                </button>
                <button type="button" onClick={() => decide.mutate({ item: entry, decision: 'keep_apart', wholeAccount: true })} disabled={busy}>
                  {t('review.keepAllApart', { code: entry.account.globalCode })}
                </button>
              </div>
            </li>
          ))}
        </ul>
        {queue.hasNextPage ? (
          <button type="button" onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
            {t('review.more')}
          </button>
        ) : null}
      </StatusView>
      <HandLink />
      <AliasList />
    </section>
  );
}
