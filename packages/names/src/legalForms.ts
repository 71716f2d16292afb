import { readFileSync } from 'node:fs';
import { foldForComparison } from './fold.ts';

/**
 * Legal-form words in many languages (Ltd, plc, GmbH, 有限公司, ش.م.ع …), already folded by
 * foldForComparison. Most come from the OpenSanctions list (data/legal-forms.json); a few
 * abbreviations common in the firm's regions are added here because the upstream list lacks them.
 */
const regionalAbbreviations = ['ش م ع', 'ش م م', 'ذ م م', 'ش م ع ع', 'ش م خ', 'co ltd', 'company limited'];

const imported = JSON.parse(
  readFileSync(new URL('../data/legal-forms.json', import.meta.url), 'utf8'),
) as { aliases: string[] };

const aliasSet = new Set([...imported.aliases, ...regionalAbbreviations.map(foldForComparison)]);
const longestAliasWords = Math.max(...[...aliasSet].map((alias) => alias.split(' ').length));
// Scripts written without spaces need substring (not word) matching, longest first.
const unspacedAliases = [...aliasSet]
  .filter((alias) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(alias) && !alias.includes(' '))
  .sort((a, b) => b.length - a.length);

function stripOnce(words: string[]): string[] | null {
  for (let n = Math.min(longestAliasWords, words.length - 1); n >= 1; n--) {
    if (aliasSet.has(words.slice(-n).join(' '))) return words.slice(0, -n);
    if (aliasSet.has(words.slice(0, n).join(' '))) return words.slice(n);
  }
  const last = words[words.length - 1] ?? '';
  for (const alias of unspacedAliases) {
    if (last.length > alias.length && last.endsWith(alias)) return [...words.slice(0, -1), last.slice(0, -alias.length)];
  }
  return null;
}

/** Removes leading and trailing legal-form words from an already folded name; never empties it. */
export function stripLegalForms(foldedName: string): string {
  let words = foldedName.split(' ').filter(Boolean);
  for (let next = stripOnce(words); next && next.length > 0; next = stripOnce(words)) words = next;
  return words.join(' ');
}

export function legalFormOf(name: string): string | null {
  const folded = foldForComparison(name);
  const stripped = stripLegalForms(folded);
  return stripped === folded ? null : folded.replace(stripped, '').trim() || null;
}
