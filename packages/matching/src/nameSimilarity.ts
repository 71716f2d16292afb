import { distance } from 'fastest-levenshtein';
import { isPlaceToken } from './nameTokens.ts';
import type { TokenWeight } from './tokenWeights.ts';

export interface NameComparison {
  /** Weighted share of both names' words found in the other, in [0,1]. */
  similarity: number;
  /** Weight of the distinctive words (weight ≥ 0.5) the names share: 0 when only "bank", "china" … match. */
  sharedDistinctiveWeight: number;
  /** A place word one name has and the other lacks: "Bank of China (Hong Kong)" vs "Bank of China". */
  differsByPlace: boolean;
  /** A word other than a place or a filler (bank, group, holdings, company) one name has and the other lacks. */
  hasExtraWords: boolean;
}

const fillerWords = new Set(['bank', 'banking', 'group', 'holdings', 'company', 'corporation', 'limited']);

/** Below this, two words are different words, not a typo of one another ("volkswerk" / "volkswagen"). */
const typoSimilarity = 0.78;
const hanChar = /\p{Script=Han}/u;

/** 1 for the same word, the edit-distance similarity for a likely typo of a long word, else 0. */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 4 || b.length < 4 || Math.abs(a.length - b.length) > 2) return 0;
  if (/\d/.test(a) || /\d/.test(b) || hanChar.test(a) || hanChar.test(b)) return 0;
  const similarity = 1 - distance(a, b) / Math.max(a.length, b.length);
  return similarity >= typoSimilarity ? similarity : 0;
}

function bestMatches(from: string[], to: string[]): number[] {
  return from.map((token) => {
    let best = 0;
    for (const other of to) {
      const similarity = tokenSimilarity(token, other);
      if (similarity > best) best = similarity;
      if (best === 1) break;
    }
    return best;
  });
}

/**
 * Soft TF-IDF in both directions: each word is weighted by rarity and counts as far as its best match
 * in the other name goes, so a typo in a rare word still matches and a shared "bank" counts little.
 */
export function compareNames(a: string[], b: string[], weightOf: TokenWeight): NameComparison {
  const tally: Tally = { matched: 0, total: 0, sharedDistinctiveWeight: 0, differsByPlace: false, hasExtraWords: false };
  tallyTokens(a, bestMatches(a, b), weightOf, tally);
  tallyTokens(b, bestMatches(b, a), weightOf, tally);
  const { matched, total, sharedDistinctiveWeight, differsByPlace, hasExtraWords } = tally;
  return { similarity: total > 0 ? matched / total : 0, sharedDistinctiveWeight, differsByPlace, hasExtraWords };
}

interface Tally {
  matched: number;
  total: number;
  sharedDistinctiveWeight: number;
  differsByPlace: boolean;
  hasExtraWords: boolean;
}

// A plain function, not a closure per comparison: this runs for millions of candidate pairs.
function tallyTokens(tokens: string[], best: number[], weightOf: TokenWeight, tally: Tally): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const weight = weightOf(token);
    const score = best[i] ?? 0;
    tally.total += weight;
    tally.matched += weight * score;
    if (weight >= 0.5 && score > 0) tally.sharedDistinctiveWeight += (weight * score) / 2;
    if (score === 0 && isPlaceToken(token)) tally.differsByPlace = true;
    else if (score === 0 && !fillerWords.has(token)) tally.hasExtraWords = true;
  }
}

/** Edit-distance similarity of two whole keys, for names split or joined differently. */
export function keySimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}
