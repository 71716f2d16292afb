/** One customer as a region entered it, in the shape HQ hands to the matcher. */
export interface MatchableCustomer {
  /** Unique, e.g. `${region}:${customerId}`. */
  key: string;
  region: string;
  /** Native script, as typed. */
  name: string;
  /** Typed Latin name, or a generated one (see nameLatinGenerated). */
  nameLatin?: string | null;
  /** True when nameLatin was generated (pinyin, any-ascii), so it is weaker evidence than a typed one. */
  nameLatinGenerated?: boolean;
  registrationId?: string | null;
  website?: string | null;
  /** ISO alpha-2 of the entering office. */
  country?: string | null;
  city?: string | null;
  segment?: string | null;
}

/**
 * One piece of cross-script evidence, machine-readable so a steward screen can render it in the
 * steward's language ("银行 = bank · xing-ba-ke ≈ Starbucks"). kind is the stable code; the other
 * fields are its parameters, taken from the two names.
 */
export type MatchExplanation =
  /** A Chinese or Arabic word whose dictionary meaning is a word of the other name. */
  | { kind: 'gloss'; zh?: string; ar?: string; en: string; proper: boolean }
  /** A Chinese or Arabic part that sounds like a Latin word (similarity in [0,1], 2 decimals). */
  | { kind: 'sound'; zh?: string; ar?: string; scheme: 'pinyin' | 'jyutping' | 'mixed' | 'gloss' | 'arabic'; rendering: string; en: string; similarity: number }
  /** An acronym of one name matching the other: from Latin initials, a translated expansion, or Arabic letter names. */
  | { kind: 'acronym'; acronym: string; via: 'latin_initials' | 'gloss_initials' | 'arabic_letters'; source: string }
  /** A place or sector word that was compared but weighed little ((中国), Middle East, bank). */
  | { kind: 'qualifier'; word: string }
  /** Chinese and Arabic names compared through their Latin renderings. */
  | { kind: 'pivot'; via: 'latin' };

/** score in [0,1]; reasons are stable snake_case codes a steward screen can translate. */
export interface MatchEvidence {
  score: number;
  reasons: string[];
  /** Details behind the cross-script reasons; absent when there are none. */
  explanation?: MatchExplanation[];
}

/** a < b by key; each unordered pair appears once. */
export interface CandidatePair {
  a: string;
  b: string;
  score: number;
  reasons: string[];
  explanation?: MatchExplanation[];
}

/** Learned aliases: name key → global account code. */
export interface AliasIndex {
  groupOf(nameKey: string): string | undefined;
}
