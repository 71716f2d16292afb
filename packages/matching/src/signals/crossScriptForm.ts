import { dominantScript, foldArabicWord, isCommonToken, isPlaceToken, nameTokens, strippedName } from '../nameTokens.ts';
import { arabicLetterAcronyms } from './acronyms.ts';
import { transliterateArabic } from './arabicLatin.ts';
import { segmentHan } from './cedict.ts';
import { hanSyllables, rendering, renderingsOf, sliceSyllables, type Rendering } from './sound.ts';

/** One part of a Chinese or Arabic name, ready to compare with Latin words by meaning or by sound. */
export interface ForeignUnit {
  /** As shown in an explanation: the Simplified segment, or the Arabic word(s). */
  text: string;
  script: 'han' | 'arabic';
  /** Each meaning as the matcher's own tokens ("bank", "hongkong", "starbucks"); empty when unknown. */
  meanings: string[][];
  /** A CC-CEDICT proper noun (a name rendering such as 星巴克 Starbucks), or an Arabic letter acronym. */
  proper: boolean;
  /** An Arabic letter-spelled acronym ("إتش إس بي سي"): its meanings are its Latin readings. */
  acronym: boolean;
}

/** A run of adjacent units rendered in Latin letters, for comparing by sound. */
export interface SoundRun {
  from: number;
  /** Exclusive. */
  to: number;
  renderings: Rendering[];
}

export interface ForeignName {
  script: 'han' | 'arabic';
  units: ForeignUnit[];
  runs: SoundRun[];
}

const hanRun = /\p{Script=Han}+/gu;
const latinToken = /^[a-z0-9]+$/;
/** Runs longer than this many characters are not rendered as one word. */
const maxRunCharacters = 6;

const meaningCache = new Map<string, string[][]>();

/** A CC-CEDICT sense in the matcher's tokens: "bank" → bank, "hong kong" → hongkong, "microsoft corporation" → microsoft. */
function meaningTokens(senses: string[][]): string[][] {
  const key = senses.map((sense) => sense.join(' ')).join('|');
  let meanings = meaningCache.get(key);
  if (!meanings) {
    meanings = senses.map((sense) => nameTokens(sense.join(' '))).filter((tokens) => tokens.length > 0);
    if (meaningCache.size > 100_000) meaningCache.clear();
    meaningCache.set(key, meanings);
  }
  return meanings;
}

/** Parts that say nothing alone (a qualifier like 中国 or a word like 银行) are left out of sound runs. */
export function isQualifierUnit(unit: ForeignUnit): boolean {
  // A lone character's gloss (孚 "trust") is rarely what it means in a name: it is usually a syllable.
  if (unit.script === 'han' && [...unit.text].length === 1) return false;
  // Its first (most usual) meaning decides: 香港 is "hong kong" before it is "SAR".
  return unit.meanings.length > 0 && unit.meanings[0]!.every((token) => isCommonToken(token) || isPlaceToken(token));
}

function hanName(name: string): ForeignName {
  const units: ForeignUnit[] = [];
  for (const word of strippedName(name).split(' ')) {
    if (!word) continue;
    let rest = word;
    for (const run of word.match(hanRun) ?? []) {
      const at = rest.indexOf(run);
      // Latin words inside a Chinese name ("IBM中国") are their own meaning.
      for (const token of nameTokens(rest.slice(0, at))) units.push({ text: token, script: 'han', meanings: [[token]], proper: true, acronym: false });
      for (const segment of segmentHan(run)) {
        // The matcher's own word for a segment (航空 airline, where CC-CEDICT says "aviation") comes first.
        const own = nameTokens(segment.text, { hanSegments: true });
        const concept = own.length === 1 && latinToken.test(own[0]!) ? [[own[0]!]] : [];
        units.push({
          text: segment.text,
          script: 'han',
          meanings: [...concept, ...(segment.entry ? meaningTokens(segment.entry.senses) : [])],
          proper: segment.entry?.proper ?? false,
          acronym: false,
        });
      }
      rest = rest.slice(at + run.length);
    }
    for (const token of nameTokens(rest)) units.push({ text: token, script: 'han', meanings: [[token]], proper: true, acronym: false });
  }
  return { script: 'han', units, runs: hanRuns(units) };
}

/** Each distinctive unit, and each maximal run of adjacent distinctive units, rendered by sound. */
function hanRuns(units: ForeignUnit[]): SoundRun[] {
  const runs: SoundRun[] = [];
  const isHan = units.map((unit) => /\p{Script=Han}/u.test(unit.text));
  const distinctive = units.map((unit, i) => isHan[i]! && !isQualifierUnit(unit));
  if (!distinctive.some(Boolean)) return runs;
  // Character offsets of each Han unit in the name's Han text, rendered once.
  const offsets: number[] = [];
  let text = '';
  units.forEach((unit, i) => {
    offsets.push([...text].length);
    if (isHan[i]) text += unit.text;
  });
  const syllables = hanSyllables(text);
  for (let i = 0; i < units.length; i++) {
    if (!distinctive[i]) continue;
    let end = i;
    let length = 0;
    while (end < units.length && distinctive[end] && length + units[end]!.text.length <= maxRunCharacters) length += units[end++]!.text.length;
    for (let to = i + 1; to <= end; to++) {
      // Each part alone, adjacent pairs, and the longest run: the runs between say little more and cost much.
      if (to - i > 2 && to !== end) continue;
      const last = units[to - 1]!;
      runs.push({ from: i, to, renderings: renderingsOf(sliceSyllables(syllables, offsets[i]!, offsets[to - 1]! + [...last.text].length)) });
    }
  }
  return runs;
}

function arabicName(name: string): ForeignName {
  const words = strippedName(name).split(' ').filter(Boolean);
  const acronyms = arabicLetterAcronyms(words);
  const lettered = new Set(acronyms.flatMap((acronym) => acronym.arabic.split(' ').map(foldArabicWord)));
  const units: ForeignUnit[] = acronyms.map((acronym) => ({
    text: acronym.arabic,
    script: 'arabic',
    meanings: acronym.readings.map((reading) => [reading]),
    proper: true,
    acronym: true,
  }));
  for (const token of nameTokens(words.filter((word) => !lettered.has(foldArabicWord(word))).join(' '))) {
    // Known words come back as the matcher's concept tokens (بنك → bank); the rest stay Arabic.
    units.push({ text: token, script: 'arabic', meanings: latinToken.test(token) ? [[token]] : [], proper: false, acronym: false });
  }
  // Folding drops what looks like the article (أليانز Allianz → يانز): sound compares the typed word too.
  const typed = new Map(words.map((word) => [foldArabicWord(word), word]));
  const spellings = (token: string): string[] => [...new Set([...transliterateArabic(typed.get(token) ?? token), ...transliterateArabic(token)])];
  const runs: SoundRun[] = [];
  units.forEach((unit, i) => {
    if (unit.meanings.length > 0) return;
    const single = spellings(unit.text).map((text) => rendering('mixed', text));
    runs.push({ from: i, to: i + 1, renderings: single });
    const next = units[i + 1];
    // A brand typed as two Arabic words ("ستار بكس") is one Latin word.
    if (next && next.meanings.length === 0) {
      const joined = [...new Set(spellings(unit.text).flatMap((first) => spellings(next.text).map((second) => first + second)))]
        .slice(0, 6)
        .map((text) => rendering('mixed', text));
      runs.push({ from: i, to: i + 2, renderings: joined });
    }
  });
  return { script: 'arabic', units, runs };
}

const formCache = new Map<string, ForeignName | null>();
const formCacheLimit = 50_000;

/**
 * null for Latin (and other-script) names: those are compared as strings already. Cached by name (a
 * quarter of a large population repeats a name another office typed): the result is read, never changed.
 */
export function foreignName(name: string): ForeignName | null {
  let form = formCache.get(name);
  if (form !== undefined) return form;
  const script = dominantScript(name);
  form = script === 'han' ? hanName(name) : script === 'arabic' ? arabicName(name) : null;
  if (formCache.size >= formCacheLimit) formCache.clear();
  formCache.set(name, form);
  return form;
}
