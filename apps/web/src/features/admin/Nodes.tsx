import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useHqApi } from '../../shell/context.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { StatusView } from '../../ui/StatusView.tsx';
import { AddNode } from './AddNode.tsx';

/** Country nodes as HQ sees them: health, lag, last error, data policy; enable, disable, sync now, add. */
export default function Nodes() {
  const { t, i18n } = useTranslation('admin');
  const api = useHqApi();
  const queryClient = useQueryClient();
  const nodes = useQuery({ queryKey: ['regions.status'], queryFn: () => api.regions.status.query(), refetchInterval: 3_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['regions.status'] });
  const setEnabled = useMutation({ mutationFn: (input: { code: string; enabled: boolean }) => api.regions.setEnabled.mutate(input), onSuccess: refresh });
  const sync = useMutation({ mutationFn: (region?: string) => api.sync.run.mutate({ region }), onSuccess: refresh });
  return (
    <section aria-labelledby="nodes-title">
      <h1 id="nodes-title">{t('title')}</h1>
      <div className="actions">
        <button type="button" onClick={() => sync.mutate(undefined)} disabled={sync.isPending} aria-busy={sync.isPending}>
          {sync.isPending ? t('syncing') : t('syncAll')}
        </button>
      </div>
      {sync.error || setEnabled.error ? <StatusView error={sync.error ?? setEnabled.error} /> : null}
      <StatusView loading={nodes.isLoading} error={nodes.error} onRetry={() => void nodes.refetch()} empty={(nodes.data?.length ?? 0) === 0} emptyText={t('empty')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('node')}</th>
              <th scope="col">{t('health')}</th>
              <th scope="col">{t('lag')}</th>
              <th scope="col">{t('applied')}</th>
              <th scope="col">{t('lastError')}</th>
              <th scope="col">{t('verification')}</th>
              <th scope="col">{t('dataPolicy')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {nodes.data?.map((node) => {
              const withheld = Object.entries((node.dataPolicy as { withheld?: Record<string, string[]> }).withheld ?? {});
              const summary = (node.dataPolicy as { summary?: string }).summary;
              const health = !node.enabled ? 'disabled' : node.needsAttention ? 'needsAttention' : node.lastError ? 'failing' : node.caughtUp ? 'healthy' : 'catchingUp';
              return (
                <tr key={node.code}>
                  <th scope="row">
                    {node.code.toUpperCase()} · <span dir="auto">{node.name}</span>
                    <div className="muted">{node.baseUrl}</div>
                  </th>
                  <td>
                    <span className={`health health--${health}`}>{t(`state.${health}`)}</span>
                  </td>
                  <td>{node.lagSeconds === null ? '—' : t('seconds', { count: node.lagSeconds })}</td>
                  <td>{node.changesApplied}</td>
                  <td>
                    {node.lastError ? (
                      <>
                        <span className="error-text">{node.lastError}</span>
                        <div className="muted">{formatDateTime(node.lastErrorAt ? String(node.lastErrorAt) : null, i18n.language)}</div>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {/* Only a stored comparison of digests sets verifiedAt: a failed or differing check never does. */}
                    {node.verifiedAt ? t('verifiedAt', { time: formatDateTime(String(node.verifiedAt), i18n.language) }) : t('notVerified')}
                    {node.lastDiverged === null ? null : (
                      <div className="muted">{t('divergedRepaired', { diverged: node.lastDiverged, repaired: node.lastRepaired ?? 0 })}</div>
                    )}
                    {node.lastVerificationOutcome === 'failed' ? <div className="error-text">{t('verificationFailed')}</div> : null}
                    {node.lastVerificationOutcome === 'diverged' ? <div className="error-text">{t('verificationDiverged')}</div> : null}
                    {node.lastVerificationOutcome !== 'verified' && node.verificationError ? (
                      <div className="muted" dir="auto">{node.verificationError}</div>
                    ) : null}
                    {/* The region's audit history as HQ saw it: a rewrite after HQ stored the head is flagged here. */}
                    {node.auditChain.broken ? (
                      <div className="error-text">{t('auditChainBroken', { time: formatDateTime(node.auditChain.brokenAt ? String(node.auditChain.brokenAt) : null, i18n.language) })}</div>
                    ) : node.auditChain.verifiedAt ? (
                      <div className="muted">{t('auditChainVerified', { time: formatDateTime(String(node.auditChain.verifiedAt), i18n.language) })}</div>
                    ) : (
                      <div className="muted">{t('auditChainNotVerified')}</div>
                    )}
                  </td>
                  <td>
                    {summary ? <p dir="auto">{summary}</p> : null}
                    {withheld.length === 0 ? t('sharesAll') : (
                      <ul>
                        {withheld.map(([entity, fields]) => (
                          <li key={entity}>
                            {t(`entity.${entity}`)}: {fields.join(', ')}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <button type="button" onClick={() => setEnabled.mutate({ code: node.code, enabled: !node.enabled })}>
                      {node.enabled ? t('disable') : t('enable')}
                    </button>{' '}
                    <button type="button" onClick={() => sync.mutate(node.code)} disabled={!node.enabled || sync.isPending}>
                      {t('syncNow')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </StatusView>
      <AddNode onAdded={refresh} />
    </section>
  );
}
