import { clusterCustomers, findCandidatePairs, matchThresholds, type CandidatePair } from '../src/index.ts';
import type { LabelledSet } from './labelledSet.ts';
import { clusterPairs, pairMetrics, type PairMetrics } from './metrics.ts';

export interface LabelledEvaluation {
  automatic: PairMetrics;
  clustered: PairMetrics;
  candidates: PairMetrics;
  pairs: CandidatePair[];
  wrongAutomatic: CandidatePair[];
  missedPairs: number;
}

/** Pairwise precision and recall of automatic links, of clusters built from them, and of the steward queue. */
export function evaluateLabelledSet(set: LabelledSet): LabelledEvaluation {
  const pairs = findCandidatePairs(set.customers);
  const same = (a: string, b: string): boolean => set.clusterOf.get(a) === set.clusterOf.get(b);
  const truthClusters = new Map<string, string[]>();
  for (const [key, cluster] of set.clusterOf) truthClusters.set(cluster, [...(truthClusters.get(cluster) ?? []), key]);
  const actual = [...clusterPairs([...truthClusters.values()])].length;

  const automatic = pairs.filter((pair) => pair.score >= matchThresholds.auto);
  const clusters = clusterCustomers(
    set.customers.map((customer) => customer.key),
    pairs,
    {},
  );
  const clustered = [...clusterPairs(clusters)];
  const candidatesFound = pairs.filter((pair) => same(pair.a, pair.b)).length;
  return {
    automatic: pairMetrics(automatic.length, automatic.filter((pair) => same(pair.a, pair.b)).length, actual),
    clustered: pairMetrics(clustered.length, clustered.filter(([a, b]) => same(a, b)).length, actual),
    candidates: pairMetrics(pairs.length, candidatesFound, actual),
    pairs,
    wrongAutomatic: automatic.filter((pair) => !same(pair.a, pair.b)),
    missedPairs: actual - candidatesFound,
  };
}
