/**
 * Outages of a region's database while the node keeps running: how each refused write was answered,
 * and whether the same node process carried on once the database was back.
 */
import { expect } from 'vitest';
import type { RegionLedger } from './writers.ts';

/** Refusals by status since a snapshot of the ledger (the outage's share of them). */
export function refusalsSince(ledger: RegionLedger, before: Map<number, number>): Map<number, number> {
  const since = new Map<number, number>();
  for (const [status, entry] of ledger.refused) {
    const count = entry.count - (before.get(status) ?? 0);
    if (count > 0) since.set(status, count);
  }
  return since;
}

export function refusalCounts(ledger: RegionLedger): Map<number, number> {
  return new Map([...ledger.refused].map(([status, entry]) => [status, entry.count]));
}

/**
 * Clean refusal: 503 (the caller may retry later), with a message key that says what is wrong — never
 * a 500 "something went wrong", never a dropped connection.
 */
export function expectCleanRefusals(ledger: RegionLedger) {
  const statuses = [...ledger.refused.keys()];
  expect(statuses.length, 'no write was refused during the outage: it did not bite').toBeGreaterThan(0);
  expect(statuses.filter((status) => status !== 503), `refusals other than 503: ${JSON.stringify([...ledger.refused].map(([status, entry]) => [status, entry.count, entry.example]))}`).toEqual([]);
  const keys = [...(ledger.refused.get(503)?.messageKeys ?? [])];
  expect(keys.filter((key) => !key || key === 'errors.internal'), 'a 503 without a message key saying why').toEqual([]);
}
