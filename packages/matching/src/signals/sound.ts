import { pinyin } from 'pinyin-pro';
import ToJyutping from 'to-jyutping';
import { englishSpellingOfJyutping, englishSpellingOfPinyin, phoneticKeys } from './phonetic.ts';
import { lookupGloss } from './cedict.ts';

export type SoundScheme = 'pinyin' | 'jyutping' | 'mixed' | 'gloss';

/** One way a run of Chinese characters may have been rendered in Latin letters. */
export interface Rendering {
  scheme: SoundScheme;
  /** Letters only, in English-like spelling: "maikensi". */
  text: string;
  /** Its Double Metaphone keys, computed once. */
  keys: string[];
}

/** Characters beyond this are rendered by pinyin and jyutping only, never mixed (3^n renderings). */
const maxMixedLength = 4;
const maxRenderings = 10;

/**
 * Latin renderings of Chinese text for comparing by sound: Mandarin (pinyin-pro), Cantonese (to-jyutping,
 * for Hong Kong names), and brand renderings that mix sound and meaning character by character, as
 * 星巴克 does (星 "star" + ba-ke ~ Starbucks).
 */
export function hanRenderings(text: string): Rendering[] {
  return renderingsOf(hanSyllables(text));
}

/** Per character: Mandarin, Mandarin with x as sh, Cantonese, Cantonese with Hong Kong's ch. */
export interface HanSyllables {
  chars: string[];
  mandarin: string[];
  mandarinSh: string[];
  cantonese: string[];
  cantoneseCh: string[];
}

/** One pinyin-pro and one to-jyutping call for a whole name (context resolves polyphones); runs slice it. */
export function hanSyllables(text: string): HanSyllables {
  const chars = [...text];
  const raw = pinyin(text, { toneType: 'none', type: 'array', v: true });
  const cantonese = ToJyutping.getJyutpingList(text).map(([, jyutping]) => englishSpellingOfJyutping(jyutping ?? ''));
  return {
    chars,
    mandarin: raw.map(englishSpellingOfPinyin),
    // Pinyin x is between English s and sh; Arabic spells it ش (شاومي Xiaomi).
    mandarinSh: raw.map((syllable) => englishSpellingOfPinyin(syllable.replace(/^x/, 'sh'))),
    cantonese,
    // Hong Kong's own romanisation writes jyutping z and c as ch (周大福 Chow Tai Fook).
    cantoneseCh: cantonese.map((syllable) => syllable.replace(/^j(?!y)/, 'ch')),
  };
}

export function sliceSyllables(syllables: HanSyllables, from: number, to: number): HanSyllables {
  return {
    chars: syllables.chars.slice(from, to),
    mandarin: syllables.mandarin.slice(from, to),
    mandarinSh: syllables.mandarinSh.slice(from, to),
    cantonese: syllables.cantonese.slice(from, to),
    cantoneseCh: syllables.cantoneseCh.slice(from, to),
  };
}

export function rendering(scheme: SoundScheme, text: string): Rendering {
  return { scheme, text, keys: phoneticKeys(text) };
}

export function renderingsOf({ chars, mandarin, mandarinSh, cantonese, cantoneseCh }: HanSyllables): Rendering[] {
  const renderings: Array<Omit<Rendering, 'keys'>> = [
    { scheme: 'pinyin', text: mandarin.join('') },
    { scheme: 'pinyin', text: mandarinSh.join('') },
    { scheme: 'jyutping', text: cantonese.join('') },
    { scheme: 'jyutping', text: cantoneseCh.join('') },
  ];
  if (chars.length >= 2 && chars.length <= maxMixedLength) {
    const options = chars.map((char, i) => {
      const meaning = lookupGloss(char)?.senses[0];
      const word = meaning?.length === 1 && /^[a-z]{2,6}$/.test(meaning[0]!) ? meaning[0]! : null;
      return [...new Set([...(word ? [word] : []), mandarin[i] ?? '', cantonese[i] ?? ''])];
    });
    let partial: string[][] = [[]];
    for (const choice of options) partial = partial.flatMap((prefix) => choice.map((option) => [...prefix, option]));
    for (const parts of partial) {
      if (renderings.length >= maxRenderings) break;
      renderings.push({ scheme: 'mixed', text: parts.join('') });
    }
  }
  const seen = new Set<string>();
  return renderings
    .filter((candidate) => candidate.text.length > 0 && !seen.has(candidate.text) && seen.add(candidate.text))
    .map((candidate) => rendering(candidate.scheme, candidate.text));
}

