import { similarityEvidence } from '../evidenceCurve.ts';
import { tokenSimilarity } from '../nameSimilarity.ts';
import { isPlaceToken } from '../nameTokens.ts';
import { foreignPartWeight, type TokenWeight } from '../tokenWeights.ts';
import type { MatchExplanation } from '../types.ts';
import { expansionInitials } from './acronyms.ts';
import { isQualifierUnit, type ForeignName, type ForeignUnit } from './crossScriptForm.ts';
import { phoneticKeys, phoneticSimilarityAtLeast } from './phonetic.ts';
import { rendering as soundRendering } from './sound.ts';
import { stem } from './stem.ts';

/** A word on the Latin side: a typed Latin word, or an Arabic word rendered in Latin for a pivot. */
export interface LatinUnit {
  /** Tokens it means (one for a Latin word; an Arabic acronym's readings; empty for an unknown Arabic word). */
  tokens: string[];
  /** Latin spellings to compare by sound. */
  spellings: string[];
  /** Shown in explanations. */
  label: string;
}

export interface CrossScriptComparison {
  p: number;
  reasons: string[];
  explanation: MatchExplanation[];
}

const fillerTokens = new Set(['bank', 'banking', 'group', 'holdings', 'company', 'corporation', 'limited']);
/** Below this two spellings do not sound alike enough to count at all. */
const soundThreshold = 0.85;
/** Cross-script name evidence stays in the steward queue unless it is strong and distinctive. */
const capCrossScript = 0.85;
/** Every part matched and a distinctive word matched through a dictionary name (星巴克 = Starbucks). */
const capStrongCrossScript = 0.92;
/** No cross-script comparison says more than this. */
export const strongestCrossScriptEvidence = capStrongCrossScript;
const capPivot = 0.8;
const capExtraWords = 0.75;
const capCommonWordsOnly = 0.7;
const acronymEvidence = 0.75;

const latinWord = /^[a-z]+$/;

export function latinUnitsOf(tokens: string[]): LatinUnit[] {
  return tokens.map((token) => ({ tokens: [token], spellings: latinWord.test(token) ? [token] : [], label: token }));
}

/** An Arabic name as the Latin side of a comparison with a Chinese one: meanings, acronym readings, sounds. */
export function pivotUnitsOf(arabic: ForeignName): LatinUnit[] {
  return arabic.units.map((unit, i) => {
    const run = arabic.runs.find((candidate) => candidate.from === i && candidate.to === i + 1);
    return {
      tokens: unit.meanings.map((meaning) => meaning.join('')),
      spellings: unit.acronym ? unit.meanings.map((meaning) => meaning.join('')) : (run?.renderings.map((r) => r.text) ?? []),
      label: unit.text,
    };
  });
}

/**
 * Offices add sector words and qualifiers in their own language (酒店, Hotels, UK, (中国)) far more often
 * than they translate them: one missing on either side counts half of what it weighs.
 */
function unmatchedWeight(weight: number): number {
  return weight < 0.5 ? weight / 2 : weight;
}

interface SoundTarget {
  js: number[];
  spellings: Array<{ text: string; keys: string[] }>;
  en: string;
}

const targetCache = new WeakMap<LatinUnit[], SoundTarget[]>();

/**
 * What a run may sound like on the Latin side: each word, and two or three adjacent words joined (a
 * brand written as several Latin words is one word in Chinese or Arabic: Chow Tai Fook). Computed once
 * per customer's Latin words, with their phonetic keys.
 */
function targetsOf(latin: LatinUnit[]): SoundTarget[] {
  let targets = targetCache.get(latin);
  if (targets) return targets;
  targets = [];
  const spell = (text: string) => ({ text, keys: phoneticKeys(text) });
  latin.forEach((unit, j) => {
    if (unit.spellings.length === 0) return;
    targets!.push({ js: [j], spellings: unit.spellings.map(spell), en: unit.label });
    let spelling = unit.spellings[0]!;
    const js = [j];
    for (let k = j + 1; k <= j + 2 && k < latin.length && latin[k]!.spellings.length > 0; k++) {
      spelling += latin[k]!.spellings[0]!;
      js.push(k);
      targets!.push({ js: [...js], spellings: [spell(spelling)], en: js.map((index) => latin[index]!.label).join(' ') });
    }
  });
  targetCache.set(latin, targets);
  return targets;
}

function longestMeaning(unit: ForeignUnit): number {
  return Math.max(0, ...unit.meanings.map((meaning) => meaning.length));
}

/** The meaning of a part whose every token a Latin word matches, covering the most weight. */
function bestMeaning(
  unit: ForeignUnit,
  latin: LatinUnit[],
  latinStrength: number[],
  latinWeight: number[],
  reuse: boolean,
): { js: number[]; weight: number; strength: number; meaning: string[] } | null {
  let best: { js: number[]; weight: number; strength: number; meaning: string[] } | null = null;
  for (const meaning of unit.meanings) {
    const js: number[] = [];
    let strength = 1;
    for (const token of meaning) {
      let found = -1;
      let similarity = 0;
      // The first Latin word (in order) this token matches at all, with its best similarity.
      for (let j = 0; j < latin.length && found < 0; j++) {
        if (js.includes(j) || (!reuse && latinStrength[j]! > 0)) continue;
        let s = 0;
        for (const candidate of latin[j]!.tokens) s = Math.max(s, tokensMatch(token, candidate));
        if (s > 0) {
          found = j;
          similarity = s;
        }
      }
      if (found < 0) continue;
      js.push(found);
      strength = Math.min(strength, similarity);
    }
    // A gloss found in part, through a distinctive word of the other name (甲骨文 "oracle bone" ~ Oracle,
    // 香港交易所 "hong kong stock exchange" ~ Hong Kong Exchanges), counts less than a whole one and
    // never towards an automatic link.
    if (js.length !== meaning.length) {
      const partial = js.length > 0 && js.length * 2 >= meaning.length && js.some((j) => latinWeight[j]! >= 0.5);
      if (!partial) continue;
      strength = Math.min(strength, 0.8);
    }
    const weight = Math.max(...js.map((j) => latinWeight[j]!));
    if (!best || weight * strength > best.weight * best.strength) best = { js, weight, strength, meaning };
  }
  return best;
}

function anyMatched(strengths: number[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (strengths[i]! > 0) return true;
  return false;
}

function sourceOf(unit: ForeignUnit | string, script: 'han' | 'arabic'): { zh: string } | { ar: string } {
  const text = typeof unit === 'string' ? unit : unit.text;
  return script === 'han' ? { zh: text } : { ar: text };
}

function tokensMatch(a: string, b: string): number {
  if (a === b || stem(a) === stem(b)) return 1;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  // "gold" / "golden", "finance" / "financial": one word extending the other by a suffix.
  if (shorter.length >= 4 && longer.length - shorter.length <= 3 && longer.startsWith(shorter)) return 0.85;
  return tokenSimilarity(a, b);
}

/**
 * A Chinese or Arabic name against Latin words: each part matched by meaning (CC-CEDICT gloss, the
 * matcher's own concept words), else by sound (pinyin, jyutping, Arabic letters, against words, pairs
 * of words and the website's brand label), then weighed like compareNames: rare words much, qualifiers
 * and sector words little.
 */
export function compareForeignWithLatin(
  foreign: ForeignName,
  latin: LatinUnit[],
  brand: string | null,
  weightOf: TokenWeight,
  options: { pivot?: boolean; latinInitials?: string[] } = {},
): CrossScriptComparison | null {
  const units = foreign.units;
  if (units.length === 0 || (latin.length === 0 && !brand)) return null;
  const unitStrength = units.map(() => 0);
  const unitWeight = units.map(() => 0);
  const latinStrength = latin.map(() => 0);
  const latinWeight = latin.map((unit) => (unit.tokens.length > 0 ? Math.max(...unit.tokens.map(weightOf)) : 1));
  const explanation: MatchExplanation[] = [];
  const kinds = new Set<string>();
  let strongProper = false;

  // Meaning first: a dictionary gloss or a concept word on both sides. Parts with longer meanings go
  // first (汇丰 "hongkong shanghai" before 香港), and a part may repeat what another already matched.
  const order = units.map((_, i) => i).sort((x, y) => longestMeaning(units[y]!) - longestMeaning(units[x]!) || x - y);
  for (const reuse of [false, true]) {
    for (const i of order) {
      if (unitStrength[i]! > 0) continue;
      const unit = units[i]!;
      const best = bestMeaning(unit, latin, latinStrength, latinWeight, reuse);
      if (!best) continue;
      for (const j of best.js) latinStrength[j] = Math.max(latinStrength[j]!, best.strength);
      unitStrength[i] = best.strength;
      unitWeight[i] = best.weight;
      if (unit.acronym) {
        kinds.add('acronym');
        explanation.push({ kind: 'acronym', acronym: best.meaning.join(''), via: 'arabic_letters', source: unit.text });
      } else {
        kinds.add('gloss');
        explanation.push({ kind: 'gloss', ...sourceOf(unit, foreign.script), en: best.js.map((j) => latin[j]!.label).join(' '), proper: unit.proper });
        if (unit.proper && best.weight >= 0.5 && best.strength === 1) strongProper = true;
      }
    }
  }

  // Then sound, for runs no meaning matched.
  type Candidate = { from: number; to: number; js: number[]; similarity: number; rendering: string; scheme: string; en: string };
  const candidates: Candidate[] = [];
  for (const run of foreign.runs) {
    if (anyMatched(unitStrength, run.from, run.to)) continue;
    // A name the dictionary knows (西门子 Siemens) is matched by its gloss, never by its pinyin (which
    // sounds like Simmons too); only against an Arabic name, which has no meanings to offer, does the
    // gloss itself sound out (星巴克 "starbucks" ~ ستاربكس "starbks").
    const named = units.slice(run.from, run.to).filter((unit) => unit.proper && unit.meanings.length > 0);
    if (named.length > 0 && !(options.pivot && run.to === run.from + 1)) continue;
    const renderings =
      named.length > 0
        ? named[0]!.meanings.filter((meaning) => latinWord.test(meaning.join(''))).map((meaning) => soundRendering('gloss', meaning.join('')))
        : run.renderings;
    const targets = targetsOf(latin).filter((target) => target.js.every((j) => latinStrength[j] === 0));
    if (brand && latinWord.test(brand)) targets.push({ js: [], spellings: [{ text: brand, keys: phoneticKeys(brand) }], en: brand });
    for (const target of targets) {
      let best = { similarity: 0, rendering: '', scheme: '' };
      for (const rendering of renderings) {
        for (const spelling of target.spellings) {
          const similarity = phoneticSimilarityAtLeast(rendering.text, rendering.keys, spelling.text, spelling.keys, soundThreshold);
          if (similarity > best.similarity) best = { similarity, rendering: rendering.text, scheme: rendering.scheme };
        }
      }
      if (best.similarity >= soundThreshold) candidates.push({ from: run.from, to: run.to, js: target.js, en: target.en, ...best });
    }
  }
  candidates.sort((x, y) => y.similarity - x.similarity || y.to - y.from - (x.to - x.from) || y.js.length - x.js.length);
  for (const candidate of candidates) {
    if (anyMatched(unitStrength, candidate.from, candidate.to)) continue;
    if (candidate.js.some((j) => latinStrength[j]! > 0)) continue;
    const weight = candidate.js.length > 0 ? Math.max(...candidate.js.map((j) => latinWeight[j]!)) : 1;
    const similarity = Math.round(candidate.similarity * 100) / 100;
    for (const j of candidate.js) latinStrength[j] = similarity;
    const span = candidate.to - candidate.from;
    for (let i = candidate.from; i < candidate.to; i++) {
      unitStrength[i] = similarity;
      unitWeight[i] = weight / span;
    }
    kinds.add('sound');
    const scheme = foreign.script === 'arabic' ? 'arabic' : (candidate.scheme as 'pinyin' | 'jyutping' | 'mixed' | 'gloss');
    const text = units.slice(candidate.from, candidate.to).map((unit) => unit.text).join(foreign.script === 'han' ? '' : ' ');
    explanation.push({ kind: 'sound', ...sourceOf(text, foreign.script), scheme, rendering: candidate.rendering, en: candidate.en, similarity });
  }

  let matched = 0;
  let total = 0;
  let sharedDistinctive = 0;
  let differsByPlace = false;
  let hasExtraWords = false;
  units.forEach((unit, i) => {
    if (unitStrength[i]! === 0) {
      unitWeight[i] = unmatchedWeight(Math.min(weightOf(unit.text), foreignPartWeight(unit.meanings, unit.text, weightOf)));
      if (unit.meanings.some((meaning) => meaning.some(isPlaceToken))) differsByPlace = true;
      else if (unitWeight[i]! >= 0.5) hasExtraWords = true;
      if (isQualifierUnit(unit)) explanation.push({ kind: 'qualifier', word: unit.text });
    }
    total += unitWeight[i]!;
    matched += unitWeight[i]! * unitStrength[i]!;
  });
  latin.forEach((unit, j) => {
    const weight = latinStrength[j] === 0 ? unmatchedWeight(latinWeight[j]!) : latinWeight[j]!;
    total += weight;
    matched += weight * latinStrength[j]!;
    if (latinStrength[j]! > 0 && weight >= 0.5) sharedDistinctive += weight * latinStrength[j]!;
    if (latinStrength[j] === 0) {
      if (unit.tokens.some(isPlaceToken)) differsByPlace = true;
      else if (weight >= 0.5 && !unit.tokens.some((token) => fillerTokens.has(token))) hasExtraWords = true;
      if (unit.tokens.length > 0 && weight < 0.5) explanation.push({ kind: 'qualifier', word: unit.label });
    }
  });
  if (latin.length === 0 && unitStrength.some((strength) => strength > 0)) sharedDistinctive = 1;

  const reasons: string[] = [];
  let p = 0;
  if (matched > 0) {
    const similarity = matched / total;
    p = similarityEvidence(similarity);
    if (sharedDistinctive < 0.5) p = Math.min(p, capCommonWordsOnly);
    if (hasExtraWords && p > capExtraWords) {
      p = capExtraWords;
      reasons.push('extra_words');
    }
    // A place qualifier on one side ((中国), UK) is common across offices: it keeps the link out of the
    // automatic band but does not push it down as an extra word does.
    if (differsByPlace && p > capCrossScript) {
      p = capCrossScript;
      reasons.push('different_place_qualifier');
    }
    const strong = strongProper && similarity >= 0.95 && !hasExtraWords && !differsByPlace;
    p = Math.min(p, options.pivot ? capPivot : strong ? capStrongCrossScript : capCrossScript);
  }

  // Acronyms: the initials of a translated expansion, or Latin initials read against Arabic letters.
  const acronym = acronymMatch(foreign, latin, options.latinInitials ?? []);
  if (acronym && acronymEvidence > p) {
    p = options.pivot ? Math.min(acronymEvidence, capPivot) : acronymEvidence;
    kinds.add('acronym');
    explanation.push(acronym);
  }
  if (p <= 0) return null;
  for (const kind of kinds) reasons.unshift(`cross_script_${kind}`);
  if (options.pivot) {
    reasons.push('pivot_latin');
    explanation.push({ kind: 'pivot', via: 'latin' });
  }
  return { p: Math.round(p * 1000) / 1000, reasons, explanation };
}

interface ForeignAcronyms {
  /** Initials of the translated expansion of a Chinese name's parts, with the text they came from. */
  expansion: string[];
  expansionSource: string;
  /** Each dictionary name with a several-word gloss: its initials. */
  glossInitials: Array<{ initials: string; source: string }>;
}

const foreignAcronymCache = new WeakMap<ForeignName, ForeignAcronyms>();
const shortTokenCache = new WeakMap<LatinUnit[], Set<string>>();

/** What a foreign name can be abbreviated as depends on that name alone: worked out once per customer. */
function foreignAcronymsOf(foreign: ForeignName): ForeignAcronyms {
  let cached = foreignAcronymCache.get(foreign);
  if (cached) return cached;
  const parts = foreign.units.filter((unit) => !unit.acronym && !unit.meanings.some((meaning) => meaning.some(isPlaceToken)));
  const expansion =
    foreign.script === 'han' && parts.length >= 2 ? expansionInitials(parts.map((unit) => unit.meanings)).filter((initials) => initials.length >= 3) : [];
  const glossInitials: Array<{ initials: string; source: string }> = [];
  for (const unit of foreign.units) {
    if (!unit.proper || unit.acronym) continue;
    for (const meaning of unit.meanings) {
      if (meaning.length >= 2) glossInitials.push({ initials: meaning.map((token) => token[0]).join(''), source: unit.text });
    }
  }
  cached = { expansion, expansionSource: parts.map((unit) => unit.text).join(''), glossInitials };
  foreignAcronymCache.set(foreign, cached);
  return cached;
}

function shortTokensOf(latin: LatinUnit[]): Set<string> {
  let short = shortTokenCache.get(latin);
  if (!short) {
    short = new Set(latin.flatMap((unit) => unit.tokens).filter((token) => token.length >= 2 && token.length <= 6));
    shortTokenCache.set(latin, short);
  }
  return short;
}

function acronymMatch(foreign: ForeignName, latin: LatinUnit[], latinInitials: string[]): MatchExplanation | null {
  const { expansion, expansionSource, glossInitials } = foreignAcronymsOf(foreign);
  const short = shortTokensOf(latin);
  for (const initials of expansion) {
    if (short.has(initials)) return { kind: 'acronym', acronym: initials, via: 'gloss_initials', source: expansionSource };
  }
  // A dictionary name whose gloss is several words (惠普 "hewlett packard") against its initials (HP).
  for (const { initials, source } of glossInitials) {
    if (short.has(initials)) return { kind: 'acronym', acronym: initials, via: 'gloss_initials', source };
  }
  for (const unit of foreign.units) {
    if (!unit.acronym) continue;
    const reading = unit.meanings.map((meaning) => meaning.join('')).find((candidate) => latinInitials.includes(candidate));
    if (reading) return { kind: 'acronym', acronym: reading, via: 'latin_initials', source: unit.text };
  }
  return null;
}
