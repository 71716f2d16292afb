import { latinForm, type CustomerProfile } from './profile.ts';
import type { AliasGroups } from './scoring.ts';
import { foreignBlockingKeys, latinSoundKeys } from './signals/blockingKeys.ts';

/** Blocks larger than this are not compared all-with-all; see neighbourPairs. */
export const maxBlockSize = 60;
/** In an oversized block, each customer is compared with this many neighbours in name order. */
const neighbourWindow = 4;
/** Rare words per customer used as blocking keys. */
const rareTokensPerName = 3;
const latinWord = /^[a-z0-9]+$/;

/**
 * The keys under which a customer meets the others it may match: exact identifiers and name keys,
 * learned-alias groups, its rarest words, and the start and end of its rarest Latin words (so a typo
 * in one half still meets the other half).
 */
export function blockingKeys(
  profile: CustomerProfile,
  groups: AliasGroups,
  countOf: (token: string) => number,
  weightOf: (token: string) => number,
): string[] {
  const keys: string[] = [];
  if (profile.native.key.length >= 2) keys.push(`n:${profile.native.key}`);
  const latin = latinForm(profile);
  if (latin && latin !== profile.native && latin.key.length >= 2) keys.push(`n:${latin.key}`);
  // Names made only of common words have no rare word to meet on: their bag of words is the key.
  if (profile.native.tokens.length > 0) keys.push(`w:${[...profile.native.tokens].sort().join(' ')}`);
  if (latin && latin !== profile.native && latin.tokens.length > 0) keys.push(`w:${[...latin.tokens].sort().join(' ')}`);
  if (profile.registration) keys.push(`r:${profile.registration}`);
  if (profile.web) keys.push(`d:${profile.web.domain}`);
  if (profile.web?.brand) keys.push(`b:${profile.web.brand}`);
  for (const group of [...groups.full, ...groups.core]) keys.push(`g:${group}`);
  for (const core of profile.aliasCoreKeys) keys.push(`c:${core}`);
  if (latin?.typed) {
    for (const initials of latin.initials) if (initials.length >= 3) keys.push(`a:${initials}`);
    for (const token of latin.tokens) if (token.length >= 3 && token.length <= 6) keys.push(`a:${token}`);
  }
  const tokens = [...new Set([...profile.native.tokens, ...(latin?.tokens ?? [])])]
    .filter((token) => weightOf(token) >= 0.5)
    .sort((x, y) => countOf(x) - countOf(y) || (x < y ? -1 : 1))
    .slice(0, rareTokensPerName);
  for (const token of tokens) {
    keys.push(`t:${token}`);
    if (token.length >= 6 && latinWord.test(token)) keys.push(`p:${token.slice(0, 4)}`, `s:${token.slice(-4)}`);
  }
  // Cross-script: a Latin name's sounds, a Chinese or Arabic name's glosses, sounds and acronyms.
  if (latin?.typed) keys.push(...latinSoundKeys(latin.tokens, profile.web?.brand ?? null, countOf, weightOf));
  if (profile.foreign) keys.push(...foreignBlockingKeys(profile.foreign, countOf, weightOf));
  return keys;
}

/** Sound keys collide across unrelated names: a block under one that grows past this says nothing. */
export const maxSoundBlockSize = maxBlockSize;

/** Every pair in a small block; in a large one, neighbours in name order only (linear, never quadratic). */
export function forEachBlockPair(
  members: number[],
  sortKeyOf: (index: number) => string,
  visit: (i: number, j: number) => void,
): void {
  if (members.length <= maxBlockSize) {
    for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) visit(members[x]!, members[y]!);
    return;
  }
  const sorted = [...members].sort((i, j) => (sortKeyOf(i) < sortKeyOf(j) ? -1 : sortKeyOf(i) > sortKeyOf(j) ? 1 : i - j));
  for (let x = 0; x < sorted.length; x++) {
    for (let y = x + 1; y <= x + neighbourWindow && y < sorted.length; y++) visit(sorted[x]!, sorted[y]!);
  }
}
