import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeridian, useRegionApi } from '../../shell/context.tsx';
import { StatusView } from '../../ui/StatusView.tsx';
import { RecordRow } from './RecordRow.tsx';
import { ReviewActions } from './ReviewActions.tsx';

/** The records I opened and have not closed, most urgent first: next-step dues and service-level clocks. */
export default function OpenItems() {
  const { t } = useTranslation('records');
  const api = useRegionApi();
  const { me } = useMeridian();
  const queryClient = useQueryClient();
  const [cursor, setCursor] = useState<string | undefined>();
  const query = useQuery({
    queryKey: ['contactRecords.list', 'mine', me?.login, cursor],
    queryFn: () => api.contactRecords.list.query({ status: 'open', createdBy: me!.login, limit: 50, cursor }),
  });
  const close = useMutation({
    mutationFn: (id: string) => api.contactRecords.close.mutate({ id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['contactRecords.list'] }),
  });
  const items = [...(query.data?.items ?? [])].sort((a, b) => urgency(a) - urgency(b));
  return (
    <section aria-labelledby="open-items-title">
      <h1 id="open-items-title">{t('openItems.title')}</h1>
      <StatusView loading={query.isLoading} error={query.error} onRetry={() => void query.refetch()} empty={items.length === 0} emptyText={t('openItems.empty')}>
        <ul className="cards">
          {items.map((record) => (
            <RecordRow key={record.id} record={record} onClose={() => close.mutate(record.id)} closing={close.isPending && close.variables === record.id} />
          ))}
        </ul>
        {close.error ? <StatusView error={close.error} /> : null}
        <ReviewActions />
        {query.data?.nextCursor ? (
          <button type="button" onClick={() => setCursor(query.data!.nextCursor ?? undefined)}>
            {t('app:action.more')}
          </button>
        ) : null}
      </StatusView>
    </section>
  );
}

/** Earliest deadline first: a service-level target, else the next step's due date. */
function urgency(record: { slaCompletionDueAt: string | null; slaResponseDueAt: string | null; respondedAt: string | null; nextStepDue: string | null }): number {
  const deadlines = [record.respondedAt ? null : record.slaResponseDueAt, record.slaCompletionDueAt, record.nextStepDue].filter(Boolean) as string[];
  return deadlines.length ? Math.min(...deadlines.map((iso) => new Date(iso).getTime())) : Number.MAX_SAFE_INTEGER;
}
