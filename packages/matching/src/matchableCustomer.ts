import type { MatchableCustomer } from './types.ts';

/** The columns a stored customer (a region's own row or HQ's replica of it) brings to matching. */
export interface StoredCustomerForMatching {
  name: string;
  nameLatin: string | null;
  /** 'generated' when the Latin form was made from the native name rather than typed. */
  nameLatinSource: string | null;
  registrationId: string | null;
  website: string | null;
  country: string | null;
  city: string | null;
  segment: string | null;
}

/** A stored customer as the matcher sees it: one rule for the region's duplicate guard and HQ's reconciliation. */
export function matchableCustomer(key: string, region: string, row: StoredCustomerForMatching): MatchableCustomer {
  return {
    key,
    region,
    name: row.name,
    nameLatin: row.nameLatin,
    nameLatinGenerated: row.nameLatinSource === 'generated',
    registrationId: row.registrationId,
    website: row.website,
    country: row.country,
    city: row.city,
    segment: row.segment,
  };
}
