import { matchThresholds, runMatching, type CandidatePair, type MatchableCustomer } from '../src/index.ts';

/** One steward decision as HQ's queue shows it: a customer against an account it might belong to. */
export interface QueueItem {
  customerKey: string;
  /** Index of the account (HQ cluster) proposed. */
  account: number;
  pairs: CandidatePair[];
}

export interface ProductionRun {
  pairs: CandidatePair[];
  clusters: string[][];
  clusterOf: Map<string, number>;
  /** Pairs HQ writes to match_candidates: at or above review, across accounts (no steward decisions yet). */
  queuedPairs: CandidatePair[];
  /** The same pairs folded as hq-db's stewardQueue folds them (one customer against one account). */
  queueItems: QueueItem[];
}

/**
 * What HQ's reconcileCustomers does with a population, minus the database: runMatching (the function it
 * calls: blocking, scoring, clustering) with an empty alias table and no steward decisions, then the
 * queue filter of reconcileCustomers, then the folding of stewardQueue.itemsSql (the customer is the side
 * in the smaller account; between equals, the later account).
 */
export function runAsHq(customers: MatchableCustomer[]): ProductionRun {
  const { pairs, clusters } = runMatching({ customers, aliases: [], keepApart: [], mustLink: [] });
  const clusterOf = new Map<string, number>();
  clusters.forEach((members, index) => members.forEach((key) => clusterOf.set(key, index)));
  const queuedPairs = pairs.filter((pair) => pair.score >= matchThresholds.review && clusterOf.get(pair.a) !== clusterOf.get(pair.b));
  const items = new Map<string, QueueItem>();
  for (const pair of queuedPairs) {
    const ca = clusterOf.get(pair.a)!;
    const cb = clusterOf.get(pair.b)!;
    const sa = clusters[ca]!.length;
    const sb = clusters[cb]!.length;
    const aIsCustomer = sa < sb || (sa === sb && ca > cb);
    const [customerKey, account] = aIsCustomer ? [pair.a, cb] : [pair.b, ca];
    const id = `${customerKey}|${account}`;
    const item = items.get(id) ?? { customerKey, account, pairs: [] };
    item.pairs.push(pair);
    items.set(id, item);
  }
  return { pairs, clusters, clusterOf, queuedPairs, queueItems: [...items.values()] };
}
