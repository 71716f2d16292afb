import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHqApi } from '../../shell/context.tsx';
import { StatusView } from '../../ui/StatusView.tsx';

interface Side {
  key: string;
  region: string;
  code?: string;
  name?: string;
  nameLatin?: string | null;
  registrationId?: string | null;
  website?: string | null;
  city?: string;
  accountManager?: string;
}

function SideCard({ side, label }: { side: Side; label: string }) {
  const { t } = useTranslation('hq');
  return (
    <div className="side" aria-label={label}>
      <p className="side__region">{side.region.toUpperCase()} · {side.code}</p>
      <p className="side__name" dir="auto">{side.name}</p>
      {side.nameLatin && side.nameLatin !== side.name ? <p dir="auto" className="latin">{side.nameLatin}</p> : null}
      <dl>
        <dt>{t('review.registration')}</dt>
        <dd>{side.registrationId ?? '—'}</dd>
        <dt>{t('review.website')}</dt>
        <dd>{side.website ?? '—'}</dd>
        <dt>{t('review.city')}</dt>
        <dd dir="auto">{side.city}</dd>
        <dt>{t('review.manager')}</dt>
        <dd>{side.accountManager}</dd>
      </dl>
    </div>
  );
}

/** The data steward's queue: both customers side by side, why they might be one, merge / keep apart / undo. */
export default function ReviewQueue() {
  const { t } = useTranslation('hq');
  const api = useHqApi();
  const queryClient = useQueryClient();
  const [lastDecision, setLastDecision] = useState<{ decisionId: number; decision: string } | null>(null);
  const queue = useQuery({ queryKey: ['reconcile.queue'], queryFn: () => api.reconcile.queue.query({ limit: 20 }) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['reconcile.queue'] });
    void queryClient.invalidateQueries({ queryKey: ['accounts.list'] });
  };
  const decide = useMutation({
    mutationFn: (input: { candidateId: number; decision: 'merge' | 'keep_apart' }) => api.reconcile.decide.mutate(input),
    onSuccess: (result) => {
      setLastDecision(result as { decisionId: number; decision: string });
      refresh();
    },
  });
  const undo = useMutation({
    mutationFn: (decisionId: number) => api.reconcile.undo.mutate({ decisionId }),
    onSuccess: () => {
      setLastDecision(null);
      refresh();
    },
  });
  const items = queue.data?.items ?? [];
  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">{t('review.title')}</h1>
      {lastDecision ? (
        <div className="notice notice--ok" role="status">
          {t(`review.done.${lastDecision.decision}`)}{' '}
          <button type="button" onClick={() => undo.mutate(lastDecision.decisionId)} disabled={undo.isPending}>
            {t('review.undo')}
          </button>
        </div>
      ) : null}
      {decide.error || undo.error ? <StatusView error={decide.error ?? undo.error} /> : null}
      <StatusView loading={queue.isLoading} error={queue.error} onRetry={() => void queue.refetch()} empty={items.length === 0} emptyText={t('review.empty')}>
        <ul className="review">
          {items.map((item) => (
            <li key={item.candidateId} className="pair">
              <p className="pair__score">
                {t('review.score', { score: Math.round(item.score * 100) })} · {item.reasons.map((reason) => t(`review.reason.${reason}`, { defaultValue: reason })).join(', ')}
              </p>
              <div className="pair__sides">
                <SideCard side={item.a as Side} label={t('review.left')} />
                <SideCard side={item.b as Side} label={t('review.right')} />
              </div>
              <div className="actions">
                <button type="button" className="primary" onClick={() => decide.mutate({ candidateId: item.candidateId, decision: 'merge' })} disabled={decide.isPending}>
                  {t('review.merge')}
                </button>
                <button type="button" onClick={() => decide.mutate({ candidateId: item.candidateId, decision: 'keep_apart' })} disabled={decide.isPending}>
                  {t('review.keepApart')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </StatusView>
    </section>
  );
}
