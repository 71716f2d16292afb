import {
  accountLinks,
  customerKey,
  globalAccounts,
  loadAccountLinks,
  loadAliases,
  loadCustomersForMatching,
  loadGlobalAccounts,
  loadCandidates,
  bulkUpsert,
  loadStewardConstraints,
  lockReconciliation,
  matchCandidates,
  nextGlobalCodes,
  type HqDatabase,
} from '@meridian/hq-db';
import { aliasKeysOf, matchableCustomer, matchThresholds, type CandidatePair, type MatchableCustomer } from '@meridian/matching';
import { eq, inArray, sql } from 'drizzle-orm';
import { assignGlobalCodes, resolveCode } from './assignGlobalCodes.ts';
import { matchCustomers } from './matching.ts';

export interface ReconcileSummary {
  customers: number;
  accounts: number;
  linksChanged: number;
  created: number;
  redirected: number;
  queued: number;
  candidatesWritten: number;
  /** Pairs at or above the review threshold (the matcher scores more internally). */
  pairsScored: number;
  durationMs: number;
}

type CustomerForMatching = Awaited<ReturnType<typeof loadCustomersForMatching>>[number];

export function matchable(row: CustomerForMatching): MatchableCustomer {
  return matchableCustomer(customerKey(row.region, row.id), row.region, row);
}

/** The name HQ shows for an account: a Latin name staff typed, from the biggest member, else its native name. */
function displayNameOf(members: CustomerForMatching[]): string {
  const ranked = [...members].sort((a, b) => (b.annualRevenueGbp ?? 0) - (a.annualRevenueGbp ?? 0));
  const typedLatin = ranked.find((member) => member.nameLatinSource === 'typed' && member.nameLatin);
  const latinRegion = ranked.find((member) => /^[\p{Script=Latin}\p{N}\p{P}\s&]+$/u.test(member.name));
  return typedLatin?.nameLatin ?? latinRegion?.name ?? ranked[0]!.name;
}

/** The matcher's structured evidence, when it gives any (older matchers give reasons only). */
const explanationOf = (pair: CandidatePair | undefined): Array<Record<string, unknown>> =>
  ((pair as { explanation?: Array<Record<string, unknown>> } | undefined)?.explanation ?? []).slice(0, 20);

const pairId = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Rebuilds global accounts from every customer HQ holds: match, cluster (steward decisions first),
 * keep codes stable, queue the uncertain middle band. Runs in one transaction, under a lock.
 */
export async function reconcileCustomers(db: HqDatabase): Promise<ReconcileSummary> {
  const started = performance.now();
  return db.transaction(async (tx) => {
    await lockReconciliation(tx);
    const rows = await loadCustomersForMatching(tx);
    const customers = rows.map(matchable);
    const byKey = new Map(rows.map((row, index) => [customers[index]!.key, row]));
    const indexOfKey = new Map(customers.map((customer, index) => [customer.key, index]));
    // One after another: a transaction is one connection, and pg runs its queries in turn anyway.
    const aliases = await loadAliases(tx);
    const constraints = await loadStewardConstraints(tx);
    const links = await loadAccountLinks(tx);
    const accounts = await loadGlobalAccounts(tx);
    const candidates = await loadCandidates(tx);
    // An alias taught to a code that has since been merged away belongs to the surviving account.
    const resolvedAliases = aliases.map((alias) => ({ aliasKey: alias.aliasKey, group: resolveCode(alias.group, accounts) }));
    // An account with an alias list also answers to its members' own names, so an imported "怡和" links
    // a new 怡和有限公司 to the account whose member is "Jardine Matheson" (a merge teaches both sides alike).
    const aliased = new Set(resolvedAliases.map((alias) => alias.group));
    for (const [key, link] of links) {
      const group = resolveCode(link.globalCode, accounts);
      const customer = aliased.has(group) ? customers[indexOfKey.get(key) ?? -1] : undefined;
      if (customer) for (const aliasKey of aliasKeysOf(customer)) resolvedAliases.push({ aliasKey, group });
    }
    const { pairs, clusters } = await matchCustomers({ customers, aliases: resolvedAliases, keepApart: constraints.keepApart, mustLink: constraints.mustLink });
    const assignment = await assignGlobalCodes(clusters, links, accounts, (count) => nextGlobalCodes(tx, count));

    const clusterOf = new Map<string, number>();
    clusters.forEach((members, index) => members.forEach((key) => clusterOf.set(key, index)));
    const mustLinked = new Set(constraints.mustLink.flat());
    const bestAuto = new Map<string, CandidatePair>();
    for (const pair of pairs) {
      if (pair.score < matchThresholds.auto || clusterOf.get(pair.a) !== clusterOf.get(pair.b)) continue;
      for (const key of [pair.a, pair.b]) if ((bestAuto.get(key)?.score ?? 0) < pair.score) bestAuto.set(key, pair);
    }

    const createdCodes = new Set(assignment.created);
    // Accounts: create new ones, refresh names, apply redirects and revivals.
    const linkChanges: Array<typeof accountLinks.$inferInsert> = [];
    const accountRows: Array<typeof globalAccounts.$inferInsert> = [];
    clusters.forEach((members, index) => {
      const code = assignment.codes[index]!;
      const name = displayNameOf(members.map((key) => byKey.get(key)!));
      const existing = accounts.get(code);
      if (!existing || existing.displayName !== name || existing.mergedInto) {
        accountRows.push({ globalCode: code, displayName: name, mergedInto: null, mergedAt: null });
      }
      for (const key of members) {
        const row = byKey.get(key)!;
        const current = links.get(key);
        const auto = bestAuto.get(key);
        const method = members.length === 1 ? 'new' : mustLinked.has(key) ? 'steward' : 'auto';
        const score = members.length === 1 ? null : (auto?.score ?? null);
        if (!current || current.globalCode !== code || current.method !== method || (!current.foundedCode && createdCodes.has(code))) {
          linkChanges.push({
            region: row.region,
            customerId: row.id,
            globalCode: code,
            foundedCode: current ? current.foundedCode : createdCodes.has(code) ? code : null,
            method,
            score,
            // A steward's word is the evidence of a steward link; the matcher's, if any, comes after it.
            reasons: method === 'steward' ? ['must_link', ...(auto?.reasons ?? [])] : (auto?.reasons ?? []),
            explanation: explanationOf(auto),
            linkedAt: new Date(),
            pushedState: current?.pushedState ?? null,
          });
        }
      }
    });
    await bulkUpsert(tx, globalAccounts, accountRows, { key: ['globalCode'], update: ['displayName', 'mergedInto', 'mergedAt'] });
    for (const redirect of assignment.redirects) {
      await tx.update(globalAccounts).set({ mergedInto: redirect.to, mergedAt: new Date() }).where(eq(globalAccounts.globalCode, redirect.from));
    }
    await bulkUpsert(tx, accountLinks, linkChanges, { key: ['region', 'customerId'], update: ['globalCode', 'foundedCode', 'method', 'score', 'reasons', 'explanation', 'linkedAt'] });

    // The steward queue: middle-band pairs across accounts that nobody has decided yet. Only what changed
    // is written, so a re-run over an unchanged population writes nothing.
    const proposed = pairs.filter(
      (pair) =>
        pair.score >= matchThresholds.review &&
        clusterOf.get(pair.a) !== clusterOf.get(pair.b) &&
        !constraints.decidedPairs.has(pairId(pair.a, pair.b)),
    );
    const proposedIds = new Set<string>();
    const candidateWrites: Array<typeof matchCandidates.$inferInsert> = [];
    for (const pair of proposed) {
      const [aKey, bKey] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
      const id = `${aKey}|${bKey}`;
      proposedIds.add(id);
      const existing = candidates.get(id);
      const explanation = explanationOf(pair);
      const unchanged =
        existing?.status === 'pending' &&
        existing.score === pair.score &&
        JSON.stringify(existing.reasons) === JSON.stringify(pair.reasons) &&
        JSON.stringify(existing.explanation) === JSON.stringify(explanation);
      if (!unchanged) candidateWrites.push({ aKey, bKey, score: pair.score, reasons: pair.reasons, explanation, status: 'pending', updatedAt: new Date() });
    }
    await bulkUpsert(tx, matchCandidates, candidateWrites, {
      key: ['aKey', 'bKey'],
      update: ['score', 'reasons', 'explanation', 'status', 'updatedAt'],
      updateWhere: sql`${matchCandidates}.status in ('pending', 'superseded')`,
    });
    const stale = [...candidates.entries()].filter(([id, candidate]) => candidate.status === 'pending' && !proposedIds.has(id)).map(([, candidate]) => candidate.id);
    if (stale.length > 0) {
      await tx.update(matchCandidates).set({ status: 'superseded', updatedAt: new Date() }).where(inArray(matchCandidates.id, stale));
    }

    return {
      customers: customers.length,
      accounts: clusters.length,
      linksChanged: linkChanges.length,
      created: assignment.created.length,
      redirected: assignment.redirects.length,
      queued: proposed.length,
      candidatesWritten: candidateWrites.length,
      pairsScored: pairs.length,
      durationMs: Math.round(performance.now() - started),
    };
  });
}


