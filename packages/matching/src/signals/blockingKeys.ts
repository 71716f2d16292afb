import { isPlaceToken } from '../nameTokens.ts';
import type { TokenWeight } from '../tokenWeights.ts';
import { expansionInitials } from './acronyms.ts';
import type { ForeignName } from './crossScriptForm.ts';
import { minimumKeyLength, phoneticKeys } from './phonetic.ts';
import { stem } from './stem.ts';

/** Prefix of sound keys: blocks under them are skipped, not walked, when they grow too large. */
export const soundKeyPrefix = 'm:';
const latinWord = /^[a-z]+$/;
const maxGlossKeys = 4;
const maxSoundKeys = 6;
const maxAcronymKeys = 4;

function soundKey(spelling: string): string | null {
  const key = phoneticKeys(spelling)[0] ?? '';
  return key.length >= minimumKeyLength ? `${soundKeyPrefix}${key}` : null;
}

/**
 * Keys under which a Latin name meets Chinese and Arabic ones: the sound key of its rarest words
 * and of its website brand, and the stems of rare plural words (a gloss is a base form). Rare words
 * themselves already meet a Chinese name's glosses under t:.
 */
export function latinSoundKeys(tokens: string[], brand: string | null, countOf: (token: string) => number, weightOf: TokenWeight): string[] {
  // Glosses are base forms: "McDonalds" also meets 麦当劳 "mcdonald" under its stem.
  const stems = tokens
    .filter((token) => weightOf(token) >= 0.5 && stem(token) !== token)
    .sort((x, y) => countOf(x) - countOf(y) || (x < y ? -1 : 1))
    .slice(0, 3)
    .map((token) => `t:${stem(token)}`);
  const rare = tokens
    .filter((token) => latinWord.test(token) && token.length >= 4 && weightOf(token) >= 0.5)
    .sort((x, y) => countOf(x) - countOf(y) || (x < y ? -1 : 1))
    .slice(0, 3);
  if (brand && latinWord.test(brand)) rare.push(brand);
  return [...stems, ...rare.map(soundKey).filter((key): key is string => key !== null)];
}

/**
 * Keys under which a Chinese or Arabic name meets Latin (and each other's) names: the English words its
 * parts mean (t:, the rare-word keys Latin names have), sound keys of the parts no dictionary names
 * (m:), and acronyms of translated expansions or Arabic letter names (a:). Each kind is capped, and
 * generic meanings (bank, china) never become keys.
 */
export function foreignBlockingKeys(foreign: ForeignName, countOf: (token: string) => number, weightOf: TokenWeight): string[] {
  const glosses = new Set<string>();
  const sounds = new Set<string>();
  const acronyms = new Set<string>();
  for (const unit of foreign.units) {
    for (const meaning of unit.meanings) {
      for (const token of meaning) if (weightOf(token) >= 0.5 && !isPlaceToken(token)) glosses.add(stem(token));
      // A named part sounds like its gloss to an Arabic name spelling the same brand (ستاربكس).
      if (unit.proper && !unit.acronym && meaning.length === 1 && latinWord.test(meaning[0]!) && weightOf(meaning[0]!) >= 0.5) {
        const key = soundKey(meaning[0]!);
        if (key) sounds.add(key);
      }
    }
    if (unit.acronym) for (const [reading] of unit.meanings) acronyms.add(reading!);
  }
  for (const run of foreign.runs) {
    const units = foreign.units.slice(run.from, run.to);
    if (units.some((unit) => unit.proper && unit.meanings.length > 0)) continue;
    if (units.every((unit) => weightOf(unit.text) < 0.5 && unit.meanings.length === 0)) continue;
    for (const rendering of run.renderings) {
      if (rendering.scheme === 'mixed' && foreign.script === 'han') continue;
      const key = soundKey(rendering.text);
      if (key) sounds.add(key);
    }
  }
  if (foreign.script === 'han') {
    const parts = foreign.units.filter((unit) => !unit.meanings.some((meaning) => meaning.some(isPlaceToken)));
    for (const initials of expansionInitials(parts.map((unit) => unit.meanings))) if (initials.length >= 3) acronyms.add(initials);
  }
  // Words no Latin name uses meet nobody: the rarest words that some Latin name does use come first.
  const seen = (token: string): number => (countOf(token) > 0 ? countOf(token) : Number.MAX_SAFE_INTEGER);
  const rareGlosses = [...glosses].sort((x, y) => seen(x) - seen(y) || (x < y ? -1 : 1)).slice(0, maxGlossKeys);
  // A name made only of common words (新加坡航空 "singapore airline") meets the Latin name with the
  // same bag of words, as two Latin names do.
  const bags = new Set<string>();
  const firstMeanings = foreign.units.map((unit) => unit.meanings[0] ?? []);
  if (firstMeanings.every((meaning) => meaning.length > 0)) bags.add([...new Set(firstMeanings.flat())].sort().join(' '));
  for (const unit of foreign.units) if (unit.proper && unit.meanings[0] && unit.meanings[0].length > 1) bags.add([...new Set(unit.meanings[0])].sort().join(' '));
  return [
    ...rareGlosses.map((token) => `t:${token}`),
    ...[...bags].map((bag) => `w:${bag}`),
    ...[...sounds].slice(0, maxSoundKeys),
    ...[...acronyms].slice(0, maxAcronymKeys).map((acronym) => `a:${acronym}`),
  ];
}
