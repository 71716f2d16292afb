import { isCommonToken, isPlaceToken } from './nameTokens.ts';

/** How much a shared word says, before looking at any population. */
export function staticTokenWeight(token: string): number {
  if (isCommonToken(token)) return 0.25;
  if (isPlaceToken(token)) return 0.3;
  if (/^\d+$/.test(token)) return 0.6;
  if ([...token].length === 1) return 0.3;
  return 1;
}

export type TokenWeight = (token: string) => number;

/** A token seen in fewer names than this is not judged common, however small the population. */
const minimumCountToJudge = 20;

/**
 * Token rarity (IDF) over the customers being matched, combined with the static list: the lower of
 * the two wins, so "bank" is common even in a small population and a local chain's name that fills a
 * region ("wing", "golden") becomes common where it is.
 */
export function populationTokenWeight(tokenSets: Iterable<Iterable<string>>): TokenWeight & { countOf: (token: string) => number } {
  const documentFrequency = new Map<string, number>();
  let population = 0;
  for (const tokens of tokenSets) {
    population++;
    for (const token of tokens) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  }
  const cache = new Map<string, number>();
  const weightOf = (token: string): number => {
    let weight = cache.get(token);
    if (weight !== undefined) return weight;
    const count = documentFrequency.get(token) ?? 0;
    const rarity = count < minimumCountToJudge ? 1 : Math.min(1, Math.max(0.1, Math.log(population / count) / Math.log(1000)));
    weight = Math.min(staticTokenWeight(token), rarity);
    cache.set(token, weight);
    return weight;
  };
  return Object.assign(weightOf, { countOf: (token: string) => documentFrequency.get(token) ?? 0 });
}

/** How much a name says in all: low for names made only of common words ("Bank of China"). */
export function totalWeight(tokens: Iterable<string>, weightOf: TokenWeight): number {
  let total = 0;
  for (const token of tokens) total += weightOf(token);
  return total;
}

/**
 * Weight of a part of a Chinese or Arabic name that found no counterpart in the other name: as much as
 * its most telling meaning says (银行 "bank" little, 咖啡 "coffee" much); without a meaning, as much as
 * the word itself (المحدود "limited" little, a lone character little, an unknown name in full).
 */
export function foreignPartWeight(meanings: string[][], text: string, weightOf: TokenWeight): number {
  return meanings.length > 0 ? Math.max(...meanings[0]!.map(weightOf)) : weightOf(text);
}
