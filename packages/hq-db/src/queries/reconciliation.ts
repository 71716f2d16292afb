import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '../database.ts';
import { accountLinks, globalAccounts, matchCandidates, nameAliases, regionCustomers, stewardDecisions, stewardLinks } from '../schema/index.ts';

export type AccountLinkRow = typeof accountLinks.$inferSelect;
export type GlobalAccountRow = typeof globalAccounts.$inferSelect;
export type MatchCandidateRow = typeof matchCandidates.$inferSelect;

export const customerKey = (region: string, customerId: string) => `${region}:${customerId}`;

export function splitCustomerKey(key: string): { region: string; customerId: string } {
  const separator = key.indexOf(':');
  return { region: key.slice(0, separator), customerId: key.slice(separator + 1) };
}

/** What matching needs of every live customer HQ holds. */
export async function loadCustomersForMatching(db: HqExecutor) {
  return db
    .select({
      region: regionCustomers.region,
      id: regionCustomers.id,
      name: regionCustomers.name,
      nameLatin: regionCustomers.nameLatin,
      nameLatinSource: regionCustomers.nameLatinSource,
      registrationId: regionCustomers.registrationId,
      website: regionCustomers.website,
      country: regionCustomers.country,
      city: regionCustomers.city,
      segment: regionCustomers.segment,
      annualRevenueGbp: regionCustomers.annualRevenueGbp,
    })
    .from(regionCustomers)
    .where(isNull(regionCustomers.deletedAt));
}

export async function loadAccountLinks(db: HqExecutor): Promise<Map<string, AccountLinkRow>> {
  const rows = await db.select().from(accountLinks);
  return new Map(rows.map((row) => [customerKey(row.region, row.customerId), row]));
}

export async function loadGlobalAccounts(db: HqExecutor): Promise<Map<string, GlobalAccountRow>> {
  const rows = await db.select().from(globalAccounts);
  return new Map(rows.map((row) => [row.globalCode, row]));
}

export async function loadAliases(db: HqExecutor) {
  return db.select({ aliasKey: nameAliases.aliasKey, group: nameAliases.globalCode }).from(nameAliases);
}

/**
 * Steward decisions in force: merged pairs must link, kept-apart pairs never may; links and splits
 * made by hand add theirs (queue decisions first, then hand decisions oldest first).
 */
export async function loadStewardConstraints(db: HqExecutor) {
  const decided = await db
    .select({ aKey: matchCandidates.aKey, bKey: matchCandidates.bKey, status: matchCandidates.status })
    .from(matchCandidates)
    .where(inArray(matchCandidates.status, ['merged', 'kept_apart']));
  const byHand = await activeStewardLinks(db);
  const pairsOf = (kind: 'link' | 'split') => byHand.filter((row) => row.kind === kind).flatMap((row) => row.pairs);
  const orderedKey = ([a, b]: [string, string]) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const mustLink = [...decided.filter((pair) => pair.status === 'merged').map((pair) => [pair.aKey, pair.bKey] as [string, string]), ...pairsOf('link')];
  const keepApart = [...decided.filter((pair) => pair.status === 'kept_apart').map((pair) => [pair.aKey, pair.bKey] as [string, string]), ...pairsOf('split')];
  return {
    mustLink,
    keepApart,
    decidedPairs: new Set([...decided.map((pair) => `${pair.aKey}|${pair.bKey}`), ...keepApart.map(orderedKey)]),
  };
}

/** Hand links and splits neither undone nor superseded, oldest first. */
export async function activeStewardLinks(db: HqExecutor) {
  return db
    .select()
    .from(stewardLinks)
    .where(and(isNull(stewardLinks.undoneAt), isNull(stewardLinks.supersededBy)))
    .orderBy(stewardLinks.id);
}

/** Customer keys linked to an account now (its members). */
export async function memberKeysOf(db: HqExecutor, globalCode: string): Promise<string[]> {
  const rows = await db
    .select({ region: accountLinks.region, customerId: accountLinks.customerId })
    .from(accountLinks)
    .where(eq(accountLinks.globalCode, globalCode))
    .orderBy(accountLinks.region, accountLinks.customerId);
  return rows.map((row) => customerKey(row.region, row.customerId));
}

export async function stewardLinkById(db: HqExecutor, id: number) {
  const [row] = await db.select().from(stewardLinks).where(eq(stewardLinks.id, id));
  return row ?? null;
}

/** Every candidate pair ever proposed, by `${aKey}|${bKey}`, so a re-run writes only what changed. */
export async function loadCandidates(db: HqExecutor): Promise<Map<string, Pick<MatchCandidateRow, 'id' | 'status' | 'score' | 'reasons' | 'explanation'>>> {
  const rows = await db
    .select({
      id: matchCandidates.id,
      aKey: matchCandidates.aKey,
      bKey: matchCandidates.bKey,
      status: matchCandidates.status,
      score: matchCandidates.score,
      reasons: matchCandidates.reasons,
      explanation: matchCandidates.explanation,
    })
    .from(matchCandidates);
  return new Map(rows.map(({ aKey, bKey, ...rest }) => [`${aKey}|${bKey}`, rest]));
}

export async function nextGlobalCodes(db: HqExecutor, count: number): Promise<string[]> {
  if (count === 0) return [];
  const rows = await selectRows<{ n: string | number }>(db, sql`select nextval('global_code_seq') as n from generate_series(1, ${count})`);
  return rows.map((row) => `G-${String(row.n).padStart(6, '0')}`);
}

/** Serialises reconciliation across HQ processes sharing one database. */
export async function lockReconciliation(tx: HqExecutor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('meridian.reconcile'))`);
}

export async function decisionById(db: HqExecutor, id: number) {
  const [row] = await db.select().from(stewardDecisions).where(eq(stewardDecisions.id, id));
  return row ?? null;
}

export async function candidateById(db: HqExecutor, id: number) {
  const [row] = await db.select().from(matchCandidates).where(eq(matchCandidates.id, id));
  return row ?? null;
}

export async function aliasesLearnedBy(db: HqExecutor, decisionId: number) {
  return db.select().from(nameAliases).where(and(eq(nameAliases.decisionId, decisionId)));
}
