import { foldForComparison, foldForSearch } from './fold.ts';
import { stripLegalForms } from './legalForms.ts';

export { foldForComparison, foldForSearch, toSimplifiedChinese } from './fold.ts';
export { legalFormOf, stripLegalForms } from './legalForms.ts';
export { latinise } from './latin.ts';
export { registrationKey, websiteDomain } from './identifiers.ts';

/**
 * The key two names share when they name the same organisation in the same script: case, width,
 * punctuation, spacing, Traditional/Simplified Chinese and legal-form words do not count.
 */
export function nameKey(name: string): string {
  return stripLegalForms(foldForComparison(name)).replace(/\s+/g, '');
}

/** Text a search query is matched against (substring), built from every name and code a customer has. */
export function searchText(parts: Array<string | null | undefined>): string {
  return parts.filter(Boolean).map((part) => foldForSearch(part!)).join(' | ');
}
