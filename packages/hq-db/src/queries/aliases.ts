import { and, asc, eq, gt, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@meridian/names';
import type { HqExecutor } from '../database.ts';
import { accountAliases, globalAccounts, nameAliases } from '../schema/index.ts';

export type AccountAliasRow = typeof accountAliases.$inferSelect;
export type AliasSource = AccountAliasRow['source'];

export interface NewAlias {
  globalCode: string;
  alias: string;
  script: string;
  source: AliasSource;
  addedBy: string;
  decisionId?: number | null;
  linkId?: number | null;
}

/**
 * Adds one alias to an account's list and the name keys the matcher looks it up by. A key another alias
 * already holds for the same account stays with that one; an alias already on the list is left as it is.
 */
export async function addAccountAlias(db: HqExecutor, alias: NewAlias, keys: string[]): Promise<AccountAliasRow | null> {
  const [row] = await db
    .insert(accountAliases)
    .values({ globalCode: alias.globalCode, alias: alias.alias, script: alias.script, source: alias.source, addedBy: alias.addedBy, decisionId: alias.decisionId ?? null, linkId: alias.linkId ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  if (keys.length > 0) {
    await db
      .insert(nameAliases)
      .values(keys.map((aliasKey) => ({ aliasKey, globalCode: alias.globalCode, decisionId: alias.decisionId ?? null, aliasId: row.id })))
      .onConflictDoNothing();
  }
  return row;
}

/** Removes an alias and the keys it taught; the matcher forgets it at the next reconciliation. */
export async function removeAccountAlias(db: HqExecutor, id: number): Promise<AccountAliasRow | null> {
  const [row] = await db.delete(accountAliases).where(eq(accountAliases.id, id)).returning();
  if (row) await db.delete(nameAliases).where(eq(nameAliases.aliasId, id));
  return row ?? null;
}

/** Forgets what a queue decision (or a hand link) taught: its alias-list entries and their keys. */
export async function removeLearnedAliases(db: HqExecutor, by: { decisionIds?: number[]; linkId?: number }): Promise<number> {
  const where = by.linkId ? eq(accountAliases.linkId, by.linkId) : inArray(accountAliases.decisionId, by.decisionIds?.length ? by.decisionIds : [-1]);
  const removed = await db.delete(accountAliases).where(and(where, eq(accountAliases.source, 'learned'))).returning({ id: accountAliases.id });
  if (removed.length > 0) await db.delete(nameAliases).where(inArray(nameAliases.aliasId, removed.map((row) => row.id)));
  // Keys learned before alias lists existed carry only the decision id.
  if (by.decisionIds?.length) await db.delete(nameAliases).where(inArray(nameAliases.decisionId, by.decisionIds));
  return removed.length;
}

export interface AliasListFilter {
  globalCode?: string;
  query?: string;
  source?: AliasSource;
  afterId?: number;
  limit: number;
}

/** The alias list, oldest first (ids are the keyset), with each account's display name. */
export async function listAccountAliases(db: HqExecutor, filter: AliasListFilter) {
  const conditions: Array<SQL | undefined> = [
    filter.globalCode ? eq(accountAliases.globalCode, filter.globalCode) : undefined,
    filter.source ? eq(accountAliases.source, filter.source) : undefined,
    filter.afterId ? gt(accountAliases.id, filter.afterId) : undefined,
  ];
  if (filter.query) {
    const folded = `%${foldForSearch(filter.query).replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const raw = `%${filter.query.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conditions.push(or(like(accountAliases.alias, raw), like(sql`lower(${accountAliases.alias})`, folded), like(sql`lower(${globalAccounts.displayName})`, folded), eq(accountAliases.globalCode, filter.query)));
  }
  return db
    .select({
      id: accountAliases.id,
      globalCode: accountAliases.globalCode,
      accountName: globalAccounts.displayName,
      alias: accountAliases.alias,
      script: accountAliases.script,
      source: accountAliases.source,
      addedBy: accountAliases.addedBy,
      addedAt: accountAliases.addedAt,
    })
    .from(accountAliases)
    .leftJoin(globalAccounts, eq(globalAccounts.globalCode, accountAliases.globalCode))
    .where(and(...conditions))
    .orderBy(asc(accountAliases.id))
    .limit(filter.limit + 1);
}

/** Live accounts whose code or display name is exactly `ref` (an import row may name either). */
export async function accountsByCodeOrName(db: HqExecutor, refs: string[]) {
  if (refs.length === 0) return [];
  return db
    .select({ globalCode: globalAccounts.globalCode, displayName: globalAccounts.displayName, mergedInto: globalAccounts.mergedInto })
    .from(globalAccounts)
    .where(or(inArray(globalAccounts.globalCode, refs), inArray(globalAccounts.displayName, refs)));
}
