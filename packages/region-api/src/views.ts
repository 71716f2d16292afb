import { pyramidTierOf } from '@meridian/domain';
import type { ContactRecordRow, CustomerRow } from '@meridian/region-db';

/** The API shape of a customer: stored fields minus the derived search/matching keys, plus its tier. */
export function customerView(row: CustomerRow) {
  const { nameKeys: _nameKeys, searchText: _searchText, registrationKey: _registrationKey, ...visible } = row;
  return { ...visible, tier: pyramidTierOf(row.annualRevenueGbp) };
}

/** Service-level state a person would want at a glance, computed at read time against now. */
export function contactRecordView(row: ContactRecordRow, now = new Date()) {
  const tracked = row.slaResponseDueAt !== null;
  const responseBreached =
    tracked && (row.respondedAt ? row.respondedAt > row.slaResponseDueAt! : now > row.slaResponseDueAt!);
  const completionBreached =
    tracked && (row.completedAt ? row.completedAt > row.slaCompletionDueAt! : now > row.slaCompletionDueAt!);
  return {
    ...row,
    serviceLevel: tracked ? { responseBreached, completionBreached } : null,
  };
}

export type CustomerView = ReturnType<typeof customerView>;
export type ContactRecordView = ReturnType<typeof contactRecordView>;
