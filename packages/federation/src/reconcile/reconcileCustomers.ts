import {
  accountLinks,
  customerKey,
  globalAccounts,
  loadAccountLinks,
  loadAliases,
  loadCustomersForMatching,
  loadGlobalAccounts,
  loadPendingCandidates,
  loadStewardConstraints,
  lockReconciliation,
  matchCandidates,
  nextGlobalCodes,
  type HqDatabase,
} from '@meridian/hq-db';
import {
  clusterCustomers,
  createAliasIndex,
  findCandidatePairs,
  matchThresholds,
  type CandidatePair,
  type MatchableCustomer,
} from '@meridian/matching';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { assignGlobalCodes } from './assignGlobalCodes.ts';

export interface ReconcileSummary {
  customers: number;
  accounts: number;
  linksChanged: number;
  created: number;
  redirected: number;
  queued: number;
  pairsScored: number;
  durationMs: number;
}

type CustomerForMatching = Awaited<ReturnType<typeof loadCustomersForMatching>>[number];

export function matchable(row: CustomerForMatching): MatchableCustomer {
  return {
    key: customerKey(row.region, row.id),
    region: row.region,
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

/** The name HQ shows for an account: a Latin name staff typed, from the biggest member, else its native name. */
function displayNameOf(members: CustomerForMatching[]): string {
  const ranked = [...members].sort((a, b) => (b.annualRevenueGbp ?? 0) - (a.annualRevenueGbp ?? 0));
  const typedLatin = ranked.find((member) => member.nameLatinSource === 'typed' && member.nameLatin);
  const latinRegion = ranked.find((member) => /^[\p{Script=Latin}\p{N}\p{P}\s&]+$/u.test(member.name));
  return typedLatin?.nameLatin ?? latinRegion?.name ?? ranked[0]!.name;
}

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
    const [aliases, constraints, links, accounts, pending] = await Promise.all([
      loadAliases(tx),
      loadStewardConstraints(tx),
      loadAccountLinks(tx),
      loadGlobalAccounts(tx),
      loadPendingCandidates(tx),
    ]);
    const pairs = findCandidatePairs(customers, { aliases: createAliasIndex(aliases) });
    const clusters = clusterCustomers(
      customers.map((customer) => customer.key),
      pairs,
      { keepApart: constraints.keepApart, mustLink: constraints.mustLink },
    );
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
            reasons: auto?.reasons ?? [],
            linkedAt: new Date(),
            pushedState: current?.pushedState ?? null,
          });
        }
      }
    });
    for (let start = 0; start < accountRows.length; start += 500) {
      await tx
        .insert(globalAccounts)
        .values(accountRows.slice(start, start + 500))
        .onConflictDoUpdate({
          target: globalAccounts.globalCode,
          set: { displayName: sql`excluded.display_name`, mergedInto: sql`null`, mergedAt: sql`null` },
        });
    }
    for (const redirect of assignment.redirects) {
      await tx.update(globalAccounts).set({ mergedInto: redirect.to, mergedAt: new Date() }).where(eq(globalAccounts.globalCode, redirect.from));
    }
    for (let start = 0; start < linkChanges.length; start += 500) {
      await tx
        .insert(accountLinks)
        .values(linkChanges.slice(start, start + 500))
        .onConflictDoUpdate({
          target: [accountLinks.region, accountLinks.customerId],
          set: {
            globalCode: sql`excluded.global_code`,
            foundedCode: sql`coalesce(${accountLinks.foundedCode}, excluded.founded_code)`,
            method: sql`excluded.method`,
            score: sql`excluded.score`,
            reasons: sql`excluded.reasons`,
            linkedAt: sql`excluded.linked_at`,
          },
        });
    }

    // The steward queue: middle-band pairs across accounts that nobody has decided yet.
    const proposed = pairs.filter(
      (pair) =>
        pair.score >= matchThresholds.review &&
        clusterOf.get(pair.a) !== clusterOf.get(pair.b) &&
        !constraints.decidedPairs.has(pairId(pair.a, pair.b)),
    );
    const proposedIds = new Set(proposed.map((pair) => pairId(pair.a, pair.b)));
    for (let start = 0; start < proposed.length; start += 500) {
      await tx
        .insert(matchCandidates)
        .values(
          proposed.slice(start, start + 500).map((pair) => {
            const [aKey, bKey] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
            return { aKey, bKey, score: pair.score, reasons: pair.reasons, status: 'pending' as const };
          }),
        )
        .onConflictDoUpdate({
          target: [matchCandidates.aKey, matchCandidates.bKey],
          set: { score: sql`excluded.score`, reasons: sql`excluded.reasons`, updatedAt: sql`now()` },
          setWhere: sql`${matchCandidates.status} in ('pending', 'superseded')`,
        });
    }
    const stale = pending.filter((candidate) => !proposedIds.has(`${candidate.aKey}|${candidate.bKey}`)).map((candidate) => candidate.id);
    if (stale.length > 0) {
      await tx
        .update(matchCandidates)
        .set({ status: 'superseded', updatedAt: new Date() })
        .where(and(inArray(matchCandidates.id, stale), eq(matchCandidates.status, 'pending')));
    }
    // A superseded pair that is proposed again goes back to the queue.
    if (proposed.length > 0) {
      await tx.execute(sql`update match_candidates set status = 'pending' where status = 'superseded'
        and (a_key || '|' || b_key) = any(${sql.param([...proposedIds])}::text[])`);
    }

    return {
      customers: customers.length,
      accounts: clusters.length,
      linksChanged: linkChanges.length,
      created: assignment.created.length,
      redirected: assignment.redirects.length,
      queued: proposed.length,
      pairsScored: pairs.length,
      durationMs: Math.round(performance.now() - started),
    };
  });
}


