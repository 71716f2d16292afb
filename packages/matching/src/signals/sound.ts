import { pinyin } from 'pinyin-pro';
import ToJyutping from 'to-jyutping';
import { englishSpellingOfJyutping, englishSpellingOfPinyin } from './phonetic.ts';
import type { HanSegment } from './cedict.ts';
import { lookupGloss } from './cedict.ts';

export type SoundScheme = 'pinyin' | 'jyutping' | 'mixed';

/** One way a run of Chinese characters may have been rendered in Latin letters. */
export interface Rendering {
  scheme: SoundScheme;
  /** Letters only, in English-like spelling: "maikensi". */
  text: string;
}

/** Characters beyond this are rendered by pinyin and jyutping only, never mixed (3^n renderings). */
const maxMixedLength = 4;
const maxRenderings = 24;

/**
 * Latin renderings of Chinese text for comparing by sound: Mandarin (pinyin-pro), Cantonese (to-jyutping,
 * for Hong Kong names), and brand renderings that mix sound and meaning character by character, as
 * 星巴克 does (星 "star" + ba-ke ~ Starbucks).
 */
export function hanRenderings(text: string): Rendering[] {
  const chars = [...text];
  const mandarin = pinyin(text, { toneType: 'none', type: 'array', v: true }).map(englishSpellingOfPinyin);
  const cantonese = ToJyutping.getJyutpingList(text).map(([, jyutping]) => englishSpellingOfJyutping(jyutping ?? ''));
  const renderings: Rendering[] = [
    { scheme: 'pinyin', text: mandarin.join('') },
    // Pinyin x is between English s and sh; Arabic spells it ش (شاومي Xiaomi).
    { scheme: 'pinyin', text: pinyin(text, { toneType: 'none', type: 'array', v: true }).map((syllable) => englishSpellingOfPinyin(syllable.replace(/^x/, 'sh'))).join('') },
    { scheme: 'jyutping', text: cantonese.join('') },
    // Hong Kong's own romanisation writes jyutping z and c as ch (周大福 Chow Tai Fook).
    { scheme: 'jyutping', text: cantonese.map((syllable) => syllable.replace(/^j(?!y)/, 'ch')).join('') },
  ];
  if (chars.length >= 2 && chars.length <= maxMixedLength) {
    const options = chars.map((char, i) => {
      const meaning = lookupGloss(char)?.senses[0];
      const word = meaning?.length === 1 && /^[a-z]{2,6}$/.test(meaning[0]!) ? meaning[0]! : null;
      return [...new Set([mandarin[i] ?? '', cantonese[i] ?? '', ...(word ? [word] : [])])];
    });
    let partial: string[][] = [[]];
    for (const choice of options) partial = partial.flatMap((prefix) => choice.map((option) => [...prefix, option]));
    for (const parts of partial) {
      if (renderings.length >= maxRenderings) break;
      renderings.push({ scheme: 'mixed', text: parts.join('') });
    }
  }
  const seen = new Set<string>();
  return renderings.filter((rendering) => rendering.text.length > 0 && !seen.has(rendering.text) && seen.add(rendering.text));
}

/** Renderings of a run of segments, joined: the whole distinctive part of a name as one word. */
export function runRenderings(segments: HanSegment[]): Rendering[] {
  return hanRenderings(segments.map((segment) => segment.text).join(''));
}
