import { readFileSync } from 'node:fs';
import { toSimplifiedChinese } from '@meridian/names';

/** One CC-CEDICT headword as the matcher uses it (see data/CEDICT-LICENSE). */
export interface GlossEntry {
  /** CC-CEDICT writes its pinyin capitalised: a name (星巴克 Starbucks, 汇丰 HSBC), not a common word. */
  proper: boolean;
  /** Each sense as a few lower-case English words, most common sense first. */
  senses: string[][];
}

export interface HanSegment {
  /** Simplified text of the segment. */
  text: string;
  /** null when CC-CEDICT has no entry for it (a lone character it does not gloss). */
  entry: GlossEntry | null;
}

let table: Map<string, GlossEntry> | null = null;
let longestHeadword = 1;

/** Read once, on first use: importing the matcher costs nothing until a Chinese name is compared. */
function glossary(): Map<string, GlossEntry> {
  if (table) return table;
  const text = readFileSync(new URL('../../data/cedict-glosses.tsv', import.meta.url), 'utf8');
  const entries = new Map<string, GlossEntry>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [word, flag, senses] = line.split('\t');
    if (!word || !senses) continue;
    entries.set(word, { proper: flag === 'P', senses: senses.split('|').map((sense) => sense.split(' ')) });
    if (word.length > longestHeadword) longestHeadword = word.length;
  }
  table = entries;
  return entries;
}

export function lookupGloss(word: string): GlossEntry | null {
  return glossary().get(toSimplifiedChinese(word)) ?? null;
}

/**
 * Longest match over the dictionary, left to right: 国际商业机器 → 国际 | 商业 | 机器. Traditional text is
 * folded to Simplified first, so 滙豐 and 汇丰 segment alike. A character no entry covers stands alone.
 */
export function segmentHan(text: string): HanSegment[] {
  const entries = glossary();
  const simplified = toSimplifiedChinese(text);
  const segments: HanSegment[] = [];
  for (let i = 0; i < simplified.length; ) {
    let found: HanSegment | null = null;
    for (let n = Math.min(longestHeadword, simplified.length - i); n >= 1 && !found; n--) {
      const word = simplified.slice(i, i + n);
      const entry = entries.get(word);
      if (entry) found = { text: word, entry };
    }
    const segment = found ?? { text: simplified[i]!, entry: null };
    segments.push(segment);
    i += segment.text.length;
  }
  return segments;
}
