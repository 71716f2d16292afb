import { foldForComparison, stripLegalForms } from '@meridian/names';
import { arabicLetterNames } from './signals/arabicLetterNames.ts';
import { conceptWords, genericWords, placeWords, stopWords } from './vocabulary.ts';

export type Script = 'han' | 'arabic' | 'latin' | 'other';

const hanChar = /\p{Script=Han}/u;
const hanRun = /\p{Script=Han}+/gu;
const arabicChar = /\p{Script=Arabic}/u;
const latinChar = /\p{Script=Latin}/u;

/** The script most letters of a name are written in (digits and punctuation do not vote). */
export function dominantScript(text: string): Script {
  let han = 0;
  let arabic = 0;
  let latin = 0;
  let other = 0;
  for (const char of text) {
    if (hanChar.test(char)) han += 2; // one Han character carries about as much as a short word
    else if (arabicChar.test(char)) arabic++;
    else if (latinChar.test(char)) latin++;
    else if (/\p{L}/u.test(char)) other++;
  }
  const best = Math.max(han, arabic, latin, other);
  if (best === 0) return 'other';
  if (best === han) return 'han';
  if (best === latin) return 'latin';
  return best === arabic ? 'arabic' : 'other';
}

/**
 * Arabic letters staff type interchangeably (hamza forms of alef, taa marbuta, alef maqsura), and the
 * definite article, which a transliteration or a shorter form often drops ("الإمارات" / "إمارات").
 */
export function foldArabicWord(word: string): string {
  if (!arabicChar.test(word)) return word;
  const letters = word
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي');
  if (letters.startsWith('لل') && letters.length >= 5) return letters.slice(2);
  if (letters.startsWith('ال') && letters.length >= 5) return letters.slice(2);
  return letters;
}

function foldWord(word: string): string {
  return foldArabicWord(foldForComparison(word));
}

const conceptOf = new Map<string, string>();
const hanVocabulary = new Map<string, string>();
for (const [concept, words] of Object.entries(conceptWords)) {
  for (const word of words) {
    const folded = foldForComparison(word).split(' ').map(foldArabicWord).join(' ');
    conceptOf.set(folded, concept);
    if (hanChar.test(folded)) hanVocabulary.set(folded, concept);
  }
}
const foldedGeneric = new Set(genericWords.map(foldWord));
const foldedPlaces = new Set(placeWords.map(foldWord));
const foldedStops = new Set(stopWords.map(foldWord));
for (const word of [...foldedGeneric, ...foldedPlaces]) if (hanChar.test(word)) hanVocabulary.set(word, word);
const hanWordLengths = [...new Set([...hanVocabulary.keys()].map((word) => word.length))].sort((a, b) => b - a);

const placeConcepts = new Set([...conceptOf.values()].filter((concept) => foldedPlaces.has(concept)));

export function isPlaceToken(token: string): boolean {
  return foldedPlaces.has(token) || placeConcepts.has(token);
}

export function isCommonToken(token: string): boolean {
  return foldedGeneric.has(token) || (conceptOf.has(token) && !placeConcepts.has(token)) || isConceptId(token);
}

const conceptIds = new Set(Object.keys(conceptWords));
function isConceptId(token: string): boolean {
  return conceptIds.has(token) && !placeConcepts.has(token);
}

/**
 * Chinese is written without spaces: known words (银行, 香港, 集团 …) are cut out by longest match and
 * what is left becomes character pairs, so 汇丰 in 香港上海汇丰银行 survives as one distinctive token.
 */
function hanTokens(run: string, keepSegments: boolean): string[] {
  const tokens: string[] = [];
  let rest = '';
  const flushRest = (): void => {
    if (rest.length === 1 || (keepSegments && rest)) tokens.push(rest);
    else for (let i = 0; i + 2 <= rest.length; i++) tokens.push(rest.slice(i, i + 2));
    rest = '';
  };
  for (let i = 0; i < run.length; ) {
    const length = hanWordLengths.find((n) => hanVocabulary.has(run.slice(i, i + n)));
    if (length === undefined) {
      rest += run[i];
      i++;
      continue;
    }
    flushRest();
    tokens.push(hanVocabulary.get(run.slice(i, i + length))!);
    i += length;
  }
  flushRest();
  return tokens;
}

// "SiemensAG", "AcmeLtd": a legal form typed without its space.
const gluedLegalForm = /^(.{4,}?)(ag|gmbh|ltd|llc|inc|plc)$/;

/** Letters typed one by one ("A.B.C.", "J P Morgan") are one word. */
function joinSingleLetters(words: string[]): string[] {
  const joined: string[] = [];
  let run = '';
  for (const word of words) {
    if (word.length === 1 && latinChar.test(word)) {
      run += word;
      continue;
    }
    if (run) joined.push(run);
    run = '';
    joined.push(word);
  }
  if (run) joined.push(run);
  return joined;
}

const foldedLetterNames = new Set(Object.keys(arabicLetterNames).map(foldArabicWord));

/**
 * Letter names spelt out in Arabic ("بي إتش بي" BHP) are one word, as Latin single letters are:
 * otherwise BHP and HP would share every word.
 */
function joinArabicLetterNames(words: string[]): string[] {
  const joined: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length >= 2) joined.push(run.join(''));
    else joined.push(...run);
    run = [];
  };
  for (const word of words) {
    if (foldedLetterNames.has(word)) run.push(word);
    else {
      flush();
      joined.push(word);
    }
  }
  flush();
  return joined;
}

/** Two-word concepts ("hong kong", "real estate", "abu dhabi", "الشرق الأوسط") become one token. */
function joinConceptPhrases(words: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = `${words[i]} ${words[i + 1] ?? ''}`;
    const concept = i + 1 < words.length ? conceptOf.get(pair) : undefined;
    if (concept) {
      joined.push(concept);
      i++;
    } else {
      joined.push(words[i]!);
    }
  }
  return joined;
}

const strippedCache = new Map<string, string>();
const strippedCacheLimit = 200_000;

/** Folded name with legal forms stripped: case, width, punctuation and Traditional/Simplified do not count. */
export function strippedName(name: string): string {
  // Cached: building one profile strips the same name several times (tokens, keys, core, parts).
  let stripped = strippedCache.get(name);
  if (stripped !== undefined) return stripped;
  // "People's" → "People", "Int'l" → "Intl": an apostrophe is not a word break.
  const withoutApostrophes = name.replace(/['’ʼ`]s\b/giu, '').replace(/['’ʼ`]/gu, '');
  stripped = stripLegalForms(foldForComparison(withoutApostrophes));
  if (strippedCache.size >= strippedCacheLimit) strippedCache.clear();
  strippedCache.set(name, stripped);
  return stripped;
}

/** The comparable words of a name: folded, legal forms and function words dropped, concepts paired. */
export function nameTokens(name: string, options: { hanSegments?: boolean } = {}): string[] {
  const words = joinArabicLetterNames(joinSingleLetters(strippedName(name).split(' ').filter(Boolean)).map(foldArabicWord));
  const tokens: string[] = [];
  for (const word of joinConceptPhrases(words)) {
    if (foldedStops.has(word)) continue;
    if (hanChar.test(word)) {
      for (const part of word.split(hanRun)) if (part && !foldedStops.has(part)) tokens.push(conceptOf.get(part) ?? part);
      for (const run of word.match(hanRun) ?? []) {
        tokens.push(...hanTokens(run, options.hanSegments ?? false).filter((token) => !foldedStops.has(token)));
      }
      continue;
    }
    const unglued = words.length === 1 ? (gluedLegalForm.exec(word)?.[1] ?? word) : word;
    const token = conceptOf.get(unglued) ?? unglued;
    if (!foldedStops.has(token)) tokens.push(token);
  }
  return withoutBranchDesignation(tokens);
}

/**
 * "Bank of China Limited London Branch" is the same legal entity as "Bank of China Limited": the word
 * branch and the places just before it are dropped (中國農業銀行香港分行 alike).
 */
function withoutBranchDesignation(tokens: string[]): string[] {
  const at = tokens.lastIndexOf('branch');
  if (at < 0) return tokens;
  let start = at;
  while (start > 0 && isPlaceToken(tokens[start - 1]!)) start--;
  const rest = [...tokens.slice(0, start), ...tokens.slice(at + 1)];
  return rest.length > 0 ? rest : tokens;
}

/**
 * What is left of a name once common and place words are gone: "香港上海滙豐銀行" → "汇丰",
 * "HSBC Bank Middle East" → "hsbc". Empty when nothing distinctive remains ("Bank of China").
 */
export function distinctiveCore(name: string): string {
  return nameTokens(name, { hanSegments: true })
    .filter((token) => !isCommonToken(token) && !isPlaceToken(token) && !/^\d+$/.test(token))
    .join('');
}
