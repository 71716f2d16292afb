import { and, asc, desc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import type { HqExecutor } from '../database.ts';
import { accountLinks, globalAccounts, regionContactRecords, regionCustomers, regionProjects, regions } from '../schema/index.ts';

/** Which writing system a name is in, so HQ can show an account's names script by script. */
export function scriptOf(name: string): 'Hani' | 'Arab' | 'Latn' | 'Other' {
  if (/\p{Script=Han}/u.test(name)) return 'Hani';
  if (/\p{Script=Arabic}/u.test(name)) return 'Arab';
  if (/\p{Script=Latin}/u.test(name)) return 'Latn';
  return 'Other';
}

export async function findGlobalAccount(db: HqExecutor, globalCode: string) {
  const [row] = await db.select().from(globalAccounts).where(eq(globalAccounts.globalCode, globalCode));
  return row ?? null;
}

/**
 * Follows merge redirects, so an old global code (a bookmark, an e-mail, a steward's note) still names the
 * live account; null when no account ever had the code.
 */
export async function resolveGlobalCode(db: HqExecutor, globalCode: string): Promise<string | null> {
  let current = globalCode;
  for (let hops = 0; hops < 20; hops++) {
    const account = await findGlobalAccount(db, current);
    if (!account) return null;
    if (!account.mergedInto) return current;
    current = account.mergedInto;
  }
  return current;
}

/**
 * Everything HQ knows about one global account: members per region with their account managers,
 * projects by location, recent records (within each region's data policy), open complaints, service
 * levels and how fresh each region's data is.
 */
export async function account360(db: HqExecutor, globalCode: string, now = new Date()) {
  const members = await db
    .select({
      region: regionCustomers.region,
      customerId: regionCustomers.id,
      code: regionCustomers.code,
      name: regionCustomers.name,
      nameLatin: regionCustomers.nameLatin,
      nameLatinSource: regionCustomers.nameLatinSource,
      accountManager: regionCustomers.accountManager,
      city: regionCustomers.city,
      country: regionCustomers.country,
      segment: regionCustomers.segment,
      subSegment: regionCustomers.subSegment,
      annualRevenueGbp: regionCustomers.annualRevenueGbp,
      lifecycleStage: regionCustomers.lifecycleStage,
      linkMethod: accountLinks.method,
      linkScore: accountLinks.score,
      linkReasons: accountLinks.reasons,
      withheld: regionCustomers.withheld,
    })
    .from(accountLinks)
    .innerJoin(regionCustomers, and(eq(regionCustomers.region, accountLinks.region), eq(regionCustomers.id, accountLinks.customerId)))
    .where(and(eq(accountLinks.globalCode, globalCode), isNull(regionCustomers.deletedAt)))
    .orderBy(asc(regionCustomers.region), asc(regionCustomers.code));
  if (members.length === 0) return null;

  const memberOf = or(...members.map((member) => and(eq(regionProjects.region, member.region), eq(regionProjects.customerId, member.customerId))));
  const recordOf = or(
    ...members.map((member) => and(eq(regionContactRecords.region, member.region), eq(regionContactRecords.customerId, member.customerId))),
  );
  const memberRegions = [...new Set(members.map((member) => member.region))];

  const [projects, recentRecords, openComplaints, openHelpRequests, freshness] = await Promise.all([
    db
      .select({
        region: regionProjects.region,
        jobCode: regionProjects.jobCode,
        name: regionProjects.name,
        serviceCategory: regionProjects.serviceCategory,
        country: regionProjects.country,
        city: regionProjects.city,
        site: regionProjects.site,
        status: regionProjects.status,
      })
      .from(regionProjects)
      .where(and(memberOf, isNull(regionProjects.deletedAt)))
      .orderBy(asc(regionProjects.country), asc(regionProjects.city), asc(regionProjects.jobCode)),
    db
      .select()
      .from(regionContactRecords)
      .where(and(recordOf, isNull(regionContactRecords.deletedAt)))
      .orderBy(desc(regionContactRecords.occurredAt))
      .limit(20),
    db
      .select()
      .from(regionContactRecords)
      .where(and(recordOf, like(regionContactRecords.typeCode, 'complaint.%'), eq(regionContactRecords.status, 'open'), isNull(regionContactRecords.deletedAt)))
      .orderBy(asc(regionContactRecords.occurredAt)),
    db
      .select()
      .from(regionContactRecords)
      .where(and(recordOf, sql`${regionContactRecords.slaResponseDueAt} is not null`, eq(regionContactRecords.status, 'open'), isNull(regionContactRecords.deletedAt))),
    db
      .select({
        region: regions.code,
        name: regions.name,
        lastPulledAt: regions.lastPulledAt,
        newestChangeAt: regions.newestChangeAt,
        caughtUp: regions.caughtUp,
        lastError: regions.lastError,
        dataPolicy: regions.dataPolicy,
      })
      .from(regions)
      .where(inArray(regions.code, memberRegions)),
  ]);

  const names = members.flatMap((member) => [
    { region: member.region, name: member.name, script: scriptOf(member.name), typed: true },
    ...(member.nameLatin && member.nameLatin !== member.name
      ? [{ region: member.region, name: member.nameLatin, script: scriptOf(member.nameLatin), typed: member.nameLatinSource === 'typed' }]
      : []),
  ]);
  const serviceLevel = {
    open: openHelpRequests.length,
    responseBreached: openHelpRequests.filter((record) => !record.respondedAt && record.slaResponseDueAt! < now).length,
    completionBreached: openHelpRequests.filter((record) => record.slaCompletionDueAt! < now).length,
  };
  return {
    members,
    names,
    projects,
    recentRecords,
    openComplaints,
    serviceLevel,
    freshness: freshness.map((region) => ({
      ...region,
      // Seconds since HQ last heard from the region (a caught-up long-poll counts as hearing).
      lagSeconds: region.lastPulledAt ? Math.max(0, Math.round((now.getTime() - region.lastPulledAt.getTime()) / 1000)) : null,
    })),
  };
}
