/**
 * Arabic → Latin by letter, the way Gulf offices spell foreign brands in Arabic script: a transliteration
 * scheme (one row per letter), not a table of names. Short vowels are unwritten in Arabic, so the
 * result lacks them ("ستاربكس" → "starbks"); the phonetic key ignores vowels anyway.
 */
const letters: Record<string, string> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ء: '', ؤ: 'u', ئ: 'i', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh',
  د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: '', غ: 'gh', ف: 'f',
  ق: 'k', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h', ة: 'a', و: 'w', ي: 'y', ى: 'a', پ: 'p', چ: 'ch', ڤ: 'v', گ: 'g',
};
const vowelLetters: Record<string, [string, string]> = { و: ['u', 'o'], ي: ['i', 'e'] };

/**
 * Latin spellings of one Arabic word: و and ي read as vowels between letters (and as w, y at the
 * start), ج read both as j and as the hard g of Egyptian and brand spellings (جوجل Google).
 */
export function transliterateArabic(word: string): string[] {
  const chars = [...word.normalize('NFC')].filter((char) => char in letters);
  if (chars.length === 0) return [];
  const spell = (vowel: 0 | 1, hardG: boolean): string =>
    chars
      .map((char, i) => {
        if (char === 'ج' && hardG) return 'g';
        const asVowel = vowelLetters[char];
        if (asVowel && i > 0) return asVowel[vowel];
        return letters[char]!;
      })
      .join('');
  return [...new Set([spell(0, false), spell(1, false), spell(0, true)])].filter(Boolean);
}
