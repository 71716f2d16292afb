import { createAliasIndex } from './aliases.ts';
import { clusterCustomers } from './clusterCustomers.ts';
import { findCandidatePairs } from './findCandidatePairs.ts';
import type { CandidatePair, MatchableCustomer } from './types.ts';

/** A whole population as HQ reconciles it: customers, learned aliases and the stewards' decisions. */
export interface MatchingInput {
  customers: MatchableCustomer[];
  aliases: Array<{ aliasKey: string; group: string }>;
  keepApart: Array<[string, string]>;
  mustLink: Array<[string, string]>;
}

export interface MatchingResult {
  pairs: CandidatePair[];
  clusters: string[][];
}

/**
 * Blocking, scoring and clustering in one pass: what HQ runs on every reconciliation, and what the
 * evaluation measures, so the figures are those of the production path.
 */
export function runMatching(input: MatchingInput): MatchingResult {
  const pairs = findCandidatePairs(input.customers, { aliases: createAliasIndex(input.aliases) });
  const clusters = clusterCustomers(
    input.customers.map((customer) => customer.key),
    pairs,
    { keepApart: input.keepApart, mustLink: input.mustLink },
  );
  return { pairs, clusters };
}
