import { blockingKeys, forEachBlockPair, maxBlockSize, maxSoundBlockSize } from './blocking.ts';
import { soundKeyPrefix } from './signals/blockingKeys.ts';
import { buildProfile } from './profile.ts';
import { aliasGroupsOf, scoreProfiles, type AliasGroups } from './scoring.ts';
import { matchThresholds } from './thresholds.ts';
import { populationTokenWeight } from './tokenWeights.ts';
import type { AliasIndex, CandidatePair, MatchableCustomer } from './types.ts';

export interface CandidateSearchStatistics {
  pairsScored: number;
  blocks: number;
  oversizedBlocks: number;
  /** Sound-key blocks too large to say anything, skipped whole. */
  skippedSoundBlocks?: number;
}

/**
 * Blocking + scoring over a whole population. Pairs scored grow about linearly with the population:
 * each customer sits in a bounded number of blocks and large blocks are walked in name order.
 * Returns pairs scoring at least minScore (default: the review threshold), strongest first.
 */
export function findCandidatePairs(
  customers: MatchableCustomer[],
  options: { aliases?: AliasIndex; minScore?: number; statistics?: CandidateSearchStatistics } = {},
): CandidatePair[] {
  const minScore = options.minScore ?? matchThresholds.review;
  const profiles = customers.map(buildProfile);
  const weightOf = populationTokenWeight(
    profiles.map((profile) => new Set([...profile.native.tokens, ...(profile.latin?.tokens ?? [])])),
  );
  const groups: AliasGroups[] = profiles.map((profile) => aliasGroupsOf(profile, options.aliases));
  const groupsByProfile = new Map(profiles.map((profile, i) => [profile, groups[i]!]));
  const context = { weightOf, groupsOf: (profile: (typeof profiles)[number]) => groupsByProfile.get(profile)! };

  const blocks = new Map<string, number[]>();
  profiles.forEach((profile, i) => {
    for (const key of new Set(blockingKeys(profile, groups[i]!, weightOf.countOf, weightOf))) {
      const members = blocks.get(key);
      if (members) members.push(i);
      else blocks.set(key, [i]);
    }
  });

  const seen = new Set<number>();
  const pairs: CandidatePair[] = [];
  const statistics = options.statistics ?? { pairsScored: 0, blocks: 0, oversizedBlocks: 0 };
  const count = profiles.length;
  const visit = (i: number, j: number): void => {
    const [low, high] = i < j ? [i, j] : [j, i];
    const id = low * count + high;
    if (seen.has(id)) return;
    seen.add(id);
    statistics.pairsScored++;
    const a = profiles[low]!;
    const b = profiles[high]!;
    if (a.key === b.key) return;
    const evidence = scoreProfiles(a, b, context);
    if (evidence.score < minScore) return;
    const [first, second] = a.key < b.key ? [a.key, b.key] : [b.key, a.key];
    const pair: CandidatePair = { a: first, b: second, score: evidence.score, reasons: evidence.reasons };
    if (evidence.explanation) pair.explanation = evidence.explanation;
    pairs.push(pair);
  };
  const sortKeyOf = (index: number): string => profiles[index]!.native.key;
  for (const [key, members] of blocks) {
    if (members.length < 2) continue;
    if (members.length > maxSoundBlockSize && key.startsWith(soundKeyPrefix)) {
      statistics.skippedSoundBlocks = (statistics.skippedSoundBlocks ?? 0) + 1;
      continue;
    }
    statistics.blocks++;
    if (members.length > maxBlockSize) statistics.oversizedBlocks++;
    forEachBlockPair(members, sortKeyOf, visit);
  }
  return pairs.sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
}
