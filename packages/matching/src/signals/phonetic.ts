import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';

/**
 * Hanyu pinyin spelt the way an English speaker would write the sound, so an English phonetic key can
 * compare it with a Latin name: x → s (麦肯锡 maikenxi → "maikensi" ~ McKinsey), q → ch, zh → j, c → ts.
 */
export function englishSpellingOfPinyin(syllable: string): string {
  return syllable
    .toLowerCase()
    .replace(/[üv]/g, 'u')
    .replace(/^zh/, 'j')
    .replace(/^x/, 's')
    .replace(/^q/, 'ch')
    .replace(/^c(?!h)/, 'ts')
    .replace(/^r/, 'l')
    .replace(/[^a-z]/g, '');
}

/** Jyutping likewise: j is English y (jyut → yut), z → j, c → ch, long aa → a, eo/oe → o. */
export function englishSpellingOfJyutping(syllable: string): string {
  return syllable
    .toLowerCase()
    .replace(/[1-6]/g, '')
    .replace(/^j/, 'y')
    .replace(/^z/, 'j')
    .replace(/^c/, 'ch')
    .replace(/aa/g, 'a')
    .replace(/eo|oe/g, 'o')
    .replace(/yu/g, 'yu')
    .replace(/[^a-z]/g, '');
}

const keyCache = new Map<string, string[]>();
const keyCacheLimit = 500_000;

/** Double Metaphone keys (primary and alternate) of a Latin word, cached: the same words recur. */
export function phoneticKeys(word: string): string[] {
  let keys = keyCache.get(word);
  if (keys) return keys;
  const [primary, secondary] = doubleMetaphone(word);
  keys = primary === secondary ? [primary] : [primary, secondary];
  if (keyCache.size >= keyCacheLimit) keyCache.clear();
  keyCache.set(word, keys);
  return keys;
}

function editSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

/** Shorter keys than this match too much by chance ("MK" is half the names in a city). */
export const minimumKeyLength = 3;

/**
 * How alike two Latin spellings sound, in [0,1]: the better of their Double Metaphone keys' edit
 * similarity and their letters' own. 0 when either key is too short to say anything.
 */
export function phoneticSimilarity(a: string, b: string): number {
  return phoneticSimilarityOfKeys(a, phoneticKeys(a), b, phoneticKeys(b));
}

/** phoneticSimilarity with the keys already at hand (renderings carry theirs). */
export function phoneticSimilarityOfKeys(a: string, keysA: string[], b: string, keysB: string[]): number {
  let best = 0;
  let shortKeys = false;
  for (const x of keysA) {
    for (const y of keysB) {
      if (x.length < minimumKeyLength || y.length < minimumKeyLength) continue;
      if (Math.max(x.length, y.length) <= minimumKeyLength) shortKeys = true;
      // Keys of very different lengths cannot be alike: skip the edit distance.
      if (Math.abs(x.length - y.length) * 2 > Math.max(x.length, y.length)) continue;
      best = Math.max(best, editSimilarity(x, y));
    }
  }
  // Spelling only decides near the top, or when keys are too short to trust; elsewhere keys suffice
  // (this runs for every rendering of every candidate pair).
  if (best > 0 && best < 0.75 && !shortKeys) return best;
  const letters = editSimilarity(a, b);
  // A three-letter key is shared by many unrelated names (Honda, Hyundai: HNT): the letters must agree too.
  if (shortKeys && letters < 0.5) best = 0;
  // Short names have keys too short to trust ("tata" TT): then only near-identical spellings count.
  if (best === 0) return Math.min(a.length, b.length) >= 4 && letters >= 0.75 ? letters : 0;
  return Math.max(best, letters);
}

/** Edit similarity can be no higher than the two lengths allow. */
function lengthBound(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : 1 - Math.abs(a - b) / Math.max(a, b);
}

/**
 * phoneticSimilarityOfKeys where only values of at least threshold matter: 0 without computing any
 * edit distance when the lengths alone rule the threshold out (most rendering/word pairs of a
 * cross-script comparison), else exactly phoneticSimilarityOfKeys.
 */
export function phoneticSimilarityAtLeast(a: string, keysA: string[], b: string, keysB: string[], threshold: number): number {
  let bound = lengthBound(a.length, b.length);
  for (const x of keysA) {
    for (const y of keysB) {
      if (x.length < minimumKeyLength || y.length < minimumKeyLength) continue;
      bound = Math.max(bound, lengthBound(x.length, y.length));
    }
  }
  return bound < threshold ? 0 : phoneticSimilarityOfKeys(a, keysA, b, keysB);
}
