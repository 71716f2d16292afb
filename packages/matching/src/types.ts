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

/** score in [0,1]; reasons are stable snake_case codes a steward screen can translate. */
export interface MatchEvidence {
  score: number;
  reasons: string[];
}

/** a < b by key; each unordered pair appears once. */
export interface CandidatePair {
  a: string;
  b: string;
  score: number;
  reasons: string[];
}

/** Learned aliases: name key → global account code. */
export interface AliasIndex {
  groupOf(nameKey: string): string | undefined;
}
