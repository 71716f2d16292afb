import { matchThresholds } from './thresholds.ts';
import type { CandidatePair } from './types.ts';

/** A link clustering refused because it would put a keep-apart pair into one cluster. */
export interface ClusterConflict {
  a: string;
  b: string;
  kind: 'must_link' | 'automatic';
  /** The keep-apart pair that would have ended up together. */
  keptApart: [string, string];
}

export interface ClusterOptions {
  autoThreshold?: number;
  keepApart?: Array<[string, string]>;
  mustLink?: Array<[string, string]>;
  /** Told about every refused link; refused must-links are worth showing to a steward. */
  onConflict?: (conflict: ClusterConflict) => void;
}

/**
 * Union-find over steward merges (mustLink) first, then automatic pairs strongest first.
 *
 * Precedence: keepApart > mustLink > automatic. A link that would bring any keep-apart pair into one
 * cluster is refused, whoever proposed it; a must-link refused that way is reported through onConflict
 * (the steward decisions contradict each other, directly or through a chain of merges). Because links
 * are tried strongest first, a weak automatic link never displaces a stronger one. Keys in pairs but
 * not in keys are ignored. Clusters come back sorted (members by key, clusters by first member).
 */
export function clusterCustomers(keys: string[], pairs: CandidatePair[], options: ClusterOptions = {}): string[][] {
  const threshold = options.autoThreshold ?? matchThresholds.auto;
  const indexOf = new Map(keys.map((key, i) => [key, i]));
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // For each root, the members of its cluster that have keep-apart partners.
  const constrained = new Map<number, Array<{ member: number; partner: number }>>();
  for (const [a, b] of options.keepApart ?? []) {
    const i = indexOf.get(a);
    const j = indexOf.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    constrained.set(i, [...(constrained.get(i) ?? []), { member: i, partner: j }]);
    constrained.set(j, [...(constrained.get(j) ?? []), { member: j, partner: i }]);
  }

  const blockingPair = (rootA: number, rootB: number): [string, string] | null => {
    const [small, other] =
      (constrained.get(rootA)?.length ?? 0) <= (constrained.get(rootB)?.length ?? 0) ? [rootA, rootB] : [rootB, rootA];
    for (const { member, partner } of constrained.get(small) ?? []) {
      if (find(partner) === other) return [keys[member]!, keys[partner]!];
    }
    return null;
  };

  const link = (a: string, b: string, kind: ClusterConflict['kind']): void => {
    const i = indexOf.get(a);
    const j = indexOf.get(b);
    if (i === undefined || j === undefined) return;
    const rootA = find(i);
    const rootB = find(j);
    if (rootA === rootB) return;
    const keptApart = blockingPair(rootA, rootB);
    if (keptApart) {
      options.onConflict?.({ a, b, kind, keptApart });
      return;
    }
    parent[rootB] = rootA;
    const moved = constrained.get(rootB);
    if (moved) {
      constrained.set(rootA, [...(constrained.get(rootA) ?? []), ...moved]);
      constrained.delete(rootB);
    }
  };

  for (const [a, b] of options.mustLink ?? []) link(a, b, 'must_link');
  const automatic = pairs.filter((pair) => pair.score >= threshold).sort((x, y) => y.score - x.score);
  for (const pair of automatic) link(pair.a, pair.b, 'automatic');

  const clusters = new Map<number, string[]>();
  keys.forEach((key, i) => {
    const root = find(i);
    const members = clusters.get(root);
    if (members) members.push(key);
    else clusters.set(root, [key]);
  });
  return [...clusters.values()]
    .map((members) => members.sort())
    .sort((x, y) => (x[0]! < y[0]! ? -1 : x[0]! > y[0]! ? 1 : 0));
}
