import { foldForComparison, registrationKey } from '@meridian/names';
import { webIdentity, type WebIdentity } from './domains.ts';
import { distinctiveCore, dominantScript, foldArabicWord, nameTokens, strippedName, type Script } from './nameTokens.ts';
import { foreignName, type ForeignName } from './signals/crossScriptForm.ts';
import type { MatchableCustomer } from './types.ts';

/** One way of writing the customer's name, ready to compare. */
export interface NameForm {
  script: Script;
  tokens: string[];
  /** Spaces, punctuation, legal forms, case and Chinese script removed: "goodwill" for "Good Will Co." */
  key: string;
  /** Typed by staff (native names always are); false for pinyin or other generated Latin. */
  typed: boolean;
  /** Initials of the leading words ("hsbc" for "The Hongkong and Shanghai Banking Corporation"); Latin only. */
  initials: string[];
}

/** Everything the scorer needs about one customer, computed once. */
export interface CustomerProfile {
  key: string;
  native: NameForm;
  /** The Latin form when the native name is not Latin (typed or generated); null otherwise. */
  latin: NameForm | null;
  registration: string | null;
  /** Digits→9, letters→A: ids of the same shape come from the same kind of register. */
  registrationShape: string | null;
  web: WebIdentity | null;
  /** Keys to look up in learned aliases, strongest first (full name keys, then distinctive cores). */
  aliasFullKeys: string[];
  aliasCoreKeys: string[];
  /** A Chinese or Arabic name cut into parts with meanings and Latin renderings (signals/); null for Latin. */
  foreign: ForeignName | null;
}

/** Name key with Arabic letter variants folded, so "الإمارات" and "الامارات" share a key. */
export function fullNameKey(name: string): string {
  const words = strippedName(name).split(' ');
  // "The Bank of East Asia" and "Bank of East Asia" are one name.
  if (words.length > 1 && words[0] === 'the') words.shift();
  return words.map(foldArabicWord).join('');
}

/** Words an acronym skips ("HSBC" skips "The" and "and"); legal-form words do count (the C of HSBC). */
const skippedByAcronyms = new Set(['the', 'of', 'and', 'for', 'a', 'an', 'de', 'du', 'des', 'la', 'le', 'les', 'et', 'der', 'die', 'das', 'und', 's']);

function leadingInitials(name: string): string[] {
  const words = foldForComparison(name.replace(/['’ʼ`]s\b/giu, ''))
    .split(' ')
    .filter((word) => word && !skippedByAcronyms.has(word));
  if (words.length < 2 || !words.every((word) => /^[a-z0-9]/.test(word))) return [];
  const initials: string[] = [];
  for (let n = 2; n <= Math.min(words.length, 6); n++) initials.push(words.slice(0, n).map((w) => w[0]).join(''));
  return initials;
}

function nameForm(name: string, typed: boolean): NameForm {
  const script = dominantScript(name);
  return {
    script,
    tokens: [...new Set(nameTokens(name))],
    key: fullNameKey(name),
    typed,
    initials: script === 'latin' ? leadingInitials(name) : [],
  };
}

const minimumCoreLength: Record<Script, number> = { han: 2, arabic: 3, latin: 3, other: 3 };

function coreKey(name: string): string | null {
  const core = distinctiveCore(name);
  return core.length >= minimumCoreLength[dominantScript(name)] ? core : null;
}

export function buildProfile(customer: MatchableCustomer): CustomerProfile {
  const native = nameForm(customer.name, true);
  const latinName = customer.nameLatin?.trim();
  const latin =
    native.script !== 'latin' && latinName ? nameForm(latinName, customer.nameLatinGenerated !== true) : null;
  const registration = registrationKey(customer.registrationId);
  const typedNames = [customer.name, ...(latin?.typed && latinName ? [latinName] : [])];
  return {
    key: customer.key,
    native,
    latin,
    registration,
    registrationShape: registration?.replace(/\p{L}/gu, 'A').replace(/\p{N}/gu, '9') ?? null,
    web: webIdentity(customer.website),
    aliasFullKeys: [...new Set(typedNames.map(fullNameKey).filter(Boolean))],
    aliasCoreKeys: [...new Set(typedNames.map(coreKey).filter((key): key is string => key !== null))],
    foreign: native.script === 'han' || native.script === 'arabic' ? foreignName(customer.name) : null,
  };
}

/** The Latin forms to compare: the native name when it is Latin, else the typed or generated Latin name. */
export function latinForm(profile: CustomerProfile): NameForm | null {
  return profile.native.script === 'latin' ? profile.native : profile.latin;
}
