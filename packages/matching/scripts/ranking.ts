import { latinise } from '@meridian/names';
import { scorePair, type MatchableCustomer } from '../src/index.ts';
import type { EvaluationSet } from './labelledSet.ts';

export interface RankingEvaluation {
  queries: number;
  candidates: number;
  top1: number;
  top5: number;
  /** Queries whose best true English name scores 0: nothing to rank by. */
  zeroScore: number;
}

/**
 * English ↔ Chinese ranking, names only: each Chinese name (with the pinyin HQ would generate, nothing typed)
 * against every distinct Latin name of the whole labelled set (`pool`). A query counts at rank k when an
 * English name of its own cluster is among the k best; ties count against the matcher (every wrong name
 * scoring as high as the best right one ranks above it).
 */
export function evaluateRanking(queries: EvaluationSet, pool: EvaluationSet): RankingEvaluation {
  const english = new Map<string, { customer: MatchableCustomer; clusters: Set<string> }>();
  for (const { customer, member, cluster } of pool.byKey.values()) {
    if (member.script !== 'Latn') continue;
    const entry = english.get(customer.name) ?? { customer: { key: `en:${english.size}`, region: 'en', name: customer.name }, clusters: new Set<string>() };
    entry.clusters.add(cluster.id);
    english.set(customer.name, entry);
  }
  const candidates = [...english.values()];
  let count = 0;
  let top1 = 0;
  let top5 = 0;
  let zeroScore = 0;
  for (const { customer, member, cluster } of queries.byKey.values()) {
    if (member.script !== 'Hant' && member.script !== 'Hans') continue;
    if (!candidates.some((candidate) => candidate.clusters.has(cluster.id))) continue;
    const query: MatchableCustomer = { key: 'zh:q', region: 'zh', name: customer.name, nameLatin: latinise(customer.name), nameLatinGenerated: true };
    const scored = candidates.map((candidate) => ({ right: candidate.clusters.has(cluster.id), score: scorePair(query, candidate.customer).score }));
    const best = Math.max(...scored.filter((s) => s.right).map((s) => s.score));
    const rank = 1 + scored.filter((s) => !s.right && s.score >= best).length;
    count++;
    if (best <= 0) zeroScore++;
    if (best > 0 && rank <= 1) top1++;
    if (best > 0 && rank <= 5) top5++;
  }
  return { queries: count, candidates: candidates.length, top1: top1 / Math.max(1, count), top5: top5 / Math.max(1, count), zeroScore };
}
