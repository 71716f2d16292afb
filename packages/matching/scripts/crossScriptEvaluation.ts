import { matchThresholds, scorePair, type CandidatePair } from '../src/index.ts';
import type { EvaluationSet } from './labelledSet.ts';
import { clusterPairs, pairMetrics, type PairMetrics } from './metrics.ts';
import { pairKindOf, pairKinds, type PairKind } from './pairKinds.ts';
import { runAsHq, type ProductionRun } from './productionPath.ts';

export interface KindFigures {
  truePairs: number;
  /** Precision and recall of the pairs HQ's automatic clusters imply (transitive). */
  automatic: PairMetrics;
  /** True pairs connected by automatic links and queued pairs together (transitive closure). */
  candidateRecall: number;
}

export interface CrossScriptEvaluation {
  customers: number;
  clusters: number;
  run: ProductionRun;
  /** Pairs scored ≥ auto, before clustering. */
  automaticPairs: PairMetrics;
  overall: KindFigures;
  byKind: Map<PairKind, KindFigures>;
  queueItemsPerCustomer: number;
  queuedPairsPerCustomer: number;
  /** Customers with at least one queue item: the most any one of them has. */
  maxQueueItemsPerCustomer: number;
  wrongMerges: Array<[string, string]>;
  /** Wrong merges between clusters the data names as each other's hard negatives. */
  hardNegativeMerges: Array<[string, string]>;
  hardNegativePairs: number;
  /**
   * True pairs that score ≥ review when scored on their own (scorePair) but that HQ's run never returned:
   * blocking did not put them together (or population weights scored them lower). Recall lost to blocking.
   */
  lostToBlocking: number;
  /** True pairs neither linked nor queued (transitively), with their kind. */
  missed: Array<{ a: string; b: string; kind: PairKind }>;
}

class Closure {
  private parent = new Map<string, string>();
  find(key: string): string {
    let root = key;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(key, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/** Runs the set through HQ's production path and measures it against the truth, per kind of pair. */
export function evaluateCrossScript(set: EvaluationSet): CrossScriptEvaluation {
  const run = runAsHq(set.customers);
  const same = (a: string, b: string): boolean => set.clusterOf.get(a) === set.clusterOf.get(b);
  const kindOf = (a: string, b: string): PairKind => {
    const x = set.byKey.get(a)!;
    const y = set.byKey.get(b)!;
    // Across clusters (a wrong link) the Chinese side says how its name was made.
    const zhLatin = x.member.script === 'Latn' ? y.cluster.zhLatin : x.cluster.zhLatin;
    return pairKindOf(x.member, y.member, zhLatin ?? 'translation') ?? 'zh_latin_translation';
  };

  const truth = new Map<string, string[]>();
  for (const [key, cluster] of set.clusterOf) truth.set(cluster, [...(truth.get(cluster) ?? []), key]);
  const truePairs = [...clusterPairs([...truth.values()])];
  const predicted = [...clusterPairs(run.clusters)];
  const candidates = new Closure();
  for (const members of run.clusters) for (const key of members.slice(1)) candidates.union(members[0]!, key);
  for (const pair of run.queuedPairs) candidates.union(pair.a, pair.b);

  const figuresOf = (include: (kind: PairKind) => boolean): KindFigures => {
    const actual = truePairs.filter(([a, b]) => include(kindOf(a, b)));
    const guessed = predicted.filter(([a, b]) => include(kindOf(a, b)));
    const connected = actual.filter(([a, b]) => candidates.find(a) === candidates.find(b)).length;
    return {
      truePairs: actual.length,
      automatic: pairMetrics(guessed.length, guessed.filter(([a, b]) => same(a, b)).length, actual.length),
      candidateRecall: actual.length === 0 ? 1 : connected / actual.length,
    };
  };
  const byKind = new Map(pairKinds.map((kind) => [kind, figuresOf((k) => k === kind)] as const));

  const automatic = run.pairs.filter((pair: CandidatePair) => run.clusterOf.get(pair.a) === run.clusterOf.get(pair.b) && pair.score >= matchThresholds.auto);
  const wrongMerges = predicted.filter(([a, b]) => !same(a, b));
  const hardNegativeOf = (a: string, b: string): boolean => {
    const x = set.byKey.get(a)!.cluster;
    const y = set.byKey.get(b)!.cluster;
    return (x.hardNegatives ?? []).includes(y.id) || (y.hardNegatives ?? []).includes(x.id);
  };
  let hardNegativePairs = 0;
  const keys = set.customers.map((customer) => customer.key);
  const hardClusters = new Set(set.clusters.filter(({ cluster }) => (cluster.hardNegatives ?? []).length > 0).map(({ cluster }) => cluster.id));
  const hardKeys = keys.filter((key) => hardClusters.has(set.clusterOf.get(key)!) || set.clusters.some(({ cluster }) => cluster.hardNegatives?.includes(set.clusterOf.get(key)!)));
  for (let i = 0; i < hardKeys.length; i++) for (let j = i + 1; j < hardKeys.length; j++) if (hardNegativeOf(hardKeys[i]!, hardKeys[j]!)) hardNegativePairs++;

  const returned = new Set(run.pairs.map((pair) => `${pair.a}|${pair.b}`));
  const lostToBlocking = truePairs.filter(
    ([a, b]) => !returned.has(`${a}|${b}`) && scorePair(set.byKey.get(a)!.customer, set.byKey.get(b)!.customer).score >= matchThresholds.review,
  ).length;

  const perCustomer = new Map<string, number>();
  for (const item of run.queueItems) perCustomer.set(item.customerKey, (perCustomer.get(item.customerKey) ?? 0) + 1);
  return {
    customers: set.customers.length,
    clusters: set.clusterCount,
    run,
    automaticPairs: pairMetrics(automatic.length, automatic.filter((pair) => same(pair.a, pair.b)).length, truePairs.length),
    overall: figuresOf(() => true),
    byKind,
    queueItemsPerCustomer: run.queueItems.length / Math.max(1, set.customers.length),
    queuedPairsPerCustomer: run.queuedPairs.length / Math.max(1, set.customers.length),
    maxQueueItemsPerCustomer: Math.max(0, ...perCustomer.values()),
    wrongMerges,
    hardNegativeMerges: wrongMerges.filter(([a, b]) => hardNegativeOf(a, b)),
    hardNegativePairs,
    lostToBlocking,
    missed: truePairs.filter(([a, b]) => candidates.find(a) !== candidates.find(b)).map(([a, b]) => ({ a, b, kind: kindOf(a, b) })),
  };
}
