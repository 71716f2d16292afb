import { foldArabicWord } from '../nameTokens.ts';
import { arabicLetterNames } from './arabicLetterNames.ts';

const letterOf = new Map(Object.entries(arabicLetterNames).map(([name, latin]) => [foldArabicWord(name), latin]));

/** Letter-spelled acronyms longer than this are not expanded (each letter may have three readings). */
const maxAcronymLength = 6;
const maxReadings = 16;

export interface ArabicAcronym {
  /** The Arabic words spelling it, as typed. */
  arabic: string;
  /** Every Latin reading, "hsbc" and "hspc" for "إتش إس بي سي". */
  readings: string[];
}

/** Runs of two or more letter names in an Arabic name's words, read as Latin acronyms. */
export function arabicLetterAcronyms(words: string[]): ArabicAcronym[] {
  const found: ArabicAcronym[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length >= 2 && run.length <= maxAcronymLength) {
      let readings = [''];
      for (const word of run) {
        const options = [...letterOf.get(foldArabicWord(word))!];
        readings = readings.flatMap((prefix) => options.map((letter) => prefix + letter)).slice(0, maxReadings);
      }
      found.push({ arabic: run.join(' '), readings });
    }
    run = [];
  };
  for (const word of words) {
    if (letterOf.has(foldArabicWord(word))) run.push(word);
    else flush();
  }
  flush();
  return found;
}

/**
 * Initials of a translated expansion: 国际商业机器 → International Business Machines → "ibm". Each
 * part contributes the first letter of any of its meanings' first words; the product is bounded.
 */
export function expansionInitials(parts: string[][][]): string[] {
  if (parts.length < 2 || parts.length > 6) return [];
  let initials = [''];
  for (const meanings of parts) {
    const letters = [...new Set(meanings.map((words) => words[0]?.[0]).filter((letter): letter is string => !!letter && /[a-z]/.test(letter)))];
    if (letters.length === 0) return [];
    initials = initials.flatMap((prefix) => letters.map((letter) => prefix + letter)).slice(0, maxReadings);
  }
  return initials;
}
