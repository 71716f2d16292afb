import * as OpenCC from 'opencc-js';

// Hong Kong and Taiwan variants both fold to Simplified, so 滙豐 / 匯豐 / 汇丰 compare equal.
const hongKongToSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
const taiwanToSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const hanPattern = /\p{Script=Han}/u;

export function toSimplifiedChinese(text: string): string {
  return hanPattern.test(text) ? taiwanToSimplified(hongKongToSimplified(text)) : text;
}

/**
 * Case-, width- and Chinese-script-insensitive form of a text, keeping punctuation and spacing.
 * Used for search: what staff type is folded the same way as what is stored.
 */
export function foldForSearch(text: string): string {
  const folded = toSimplifiedChinese(text.normalize('NFKC')).toLocaleLowerCase('en');
  // Drop combining marks (é → e), Arabic tatweel and harakat, so accents and vowel signs never hide a match.
  return folded
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u0640\u064b-\u065f\u0670]/g, '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

/** foldForSearch, with every punctuation mark and symbol turned into a word break. */
export function foldForComparison(text: string): string {
  return foldForSearch(text.replace(/&/g, ' and '))
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
