import { accountLinks, addAccountAlias, regionCustomers, scriptOf, type HqExecutor } from '@meridian/hq-db';
import { aliasKeysOf } from '@meridian/matching';
import { and, eq, isNull } from 'drizzle-orm';

/** The keys the matcher looks an alias up by: the same folding as a customer's own name. */
export function keysOfAlias(alias: string): string[] {
  return aliasKeysOf({ key: 'alias', region: '', name: alias });
}

/**
 * A merge (by the queue or by hand) teaches every name of the merged account — native and typed
 * Latin — as an entry of its alias list, so the next "滙豐" or "汇丰" typed in any region joins
 * without a steward. Generated Latin names teach nothing. Returns how many entries were new.
 */
export async function learnAccountAliases(
  db: HqExecutor,
  globalCode: string,
  taughtBy: { decisionId?: number; linkId?: number },
  actor: string,
): Promise<number> {
  const members = await db
    .select({ name: regionCustomers.name, nameLatin: regionCustomers.nameLatin, nameLatinSource: regionCustomers.nameLatinSource })
    .from(regionCustomers)
    .innerJoin(accountLinks, and(eq(accountLinks.region, regionCustomers.region), eq(accountLinks.customerId, regionCustomers.id)))
    .where(and(eq(accountLinks.globalCode, globalCode), isNull(regionCustomers.deletedAt)));
  const names = new Set(members.flatMap((member) => [member.name, ...(member.nameLatin && member.nameLatinSource === 'typed' ? [member.nameLatin] : [])]));
  let learned = 0;
  for (const alias of names) {
    const keys = keysOfAlias(alias);
    if (keys.length === 0) continue;
    const row = await addAccountAlias(db, { globalCode, alias, script: scriptOf(alias), source: 'learned', addedBy: actor, ...taughtBy }, keys);
    if (row) learned += 1;
  }
  return learned;
}
