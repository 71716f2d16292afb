export type { AliasIndex, CandidatePair, MatchableCustomer, MatchEvidence, MatchExplanation } from './types.ts';
export { matchThresholds } from './thresholds.ts';
export { scorePair } from './scorePair.ts';
export { findCandidatePairs, type CandidateSearchStatistics } from './findCandidatePairs.ts';
export { clusterCustomers, type ClusterConflict, type ClusterOptions } from './clusterCustomers.ts';
export { aliasKeysOf, createAliasIndex } from './aliases.ts';
export { runMatching, type MatchingInput, type MatchingResult } from './runMatching.ts';
export { matchableCustomer, type StoredCustomerForMatching } from './matchableCustomer.ts';
