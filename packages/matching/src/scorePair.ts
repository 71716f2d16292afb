import { buildProfile } from './profile.ts';
import { aliasGroupsOf, scoreProfiles } from './scoring.ts';
import { staticTokenWeight } from './tokenWeights.ts';
import type { AliasIndex, MatchableCustomer, MatchEvidence } from './types.ts';

/**
 * One pair on its own. Word rarity comes from the built-in list of common words only; within
 * findCandidatePairs it also comes from the population, so scores there can differ slightly.
 */
export function scorePair(a: MatchableCustomer, b: MatchableCustomer, aliases?: AliasIndex): MatchEvidence {
  return scoreProfiles(buildProfile(a), buildProfile(b), {
    weightOf: staticTokenWeight,
    groupsOf: (profile) => aliasGroupsOf(profile, aliases),
  });
}
