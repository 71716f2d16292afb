import { buildProfile } from './profile.ts';
import type { AliasIndex, MatchableCustomer } from './types.ts';

/**
 * The keys a steward's merge should teach: the whole name key of the native name (Traditional and
 * Simplified folded alike) and of a typed Latin name, plus their distinctive cores ("汇丰" from
 * "香港上海滙豐銀行有限公司", "hsbc" from "HSBC Bank Middle East Limited"), so a later "滙豐" or
 * "汇丰银行" typed anywhere links without a steward. Generated Latin names teach nothing.
 */
export function aliasKeysOf(customer: MatchableCustomer): string[] {
  const profile = buildProfile(customer);
  return [...new Set([...profile.aliasFullKeys, ...profile.aliasCoreKeys])];
}

/**
 * A key two groups both claim is ambiguous ("golden dragon" taught by a restaurant and by a logistics
 * firm): it is dropped rather than resolved either way, so it never links anything on its own.
 */
export function createAliasIndex(entries: Array<{ aliasKey: string; group: string }>): AliasIndex {
  const groups = new Map<string, string | null>();
  for (const { aliasKey, group } of entries) {
    const known = groups.get(aliasKey);
    if (known === undefined) groups.set(aliasKey, group);
    else if (known !== group) groups.set(aliasKey, null);
  }
  return { groupOf: (nameKey) => groups.get(nameKey) ?? undefined };
}
