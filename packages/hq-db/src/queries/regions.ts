import type { DataPolicy } from '@meridian/domain';
import { asc, eq, sql } from 'drizzle-orm';
import type { HqExecutor } from '../database.ts';
import { hqAuditLog, regions } from '../schema/index.ts';

export type RegionRow = typeof regions.$inferSelect;

export interface RegionRegistration {
  code: string;
  name: string;
  baseUrl: string;
  country: string;
  locales: string[];
  timezone: string;
  currency: string;
  dataPolicy: DataPolicy;
}

/** Registers a node, or updates its settings; the sync position of an existing node is kept. */
export async function registerRegion(db: HqExecutor, registration: RegionRegistration, actor: string): Promise<RegionRow> {
  const [row] = await db
    .insert(regions)
    .values({ ...registration, registeredBy: actor })
    .onConflictDoUpdate({
      target: regions.code,
      set: {
        name: registration.name,
        baseUrl: registration.baseUrl,
        country: registration.country,
        locales: registration.locales,
        timezone: registration.timezone,
        currency: registration.currency,
        dataPolicy: registration.dataPolicy,
      },
    })
    .returning();
  await db.insert(hqAuditLog).values({ actor, action: 'regions.register', subject: `region:${registration.code}`, detail: registration });
  return row!;
}

export async function listRegions(db: HqExecutor): Promise<RegionRow[]> {
  return db.select().from(regions).orderBy(asc(regions.code));
}

export async function findRegion(db: HqExecutor, code: string): Promise<RegionRow | null> {
  const [row] = await db.select().from(regions).where(eq(regions.code, code));
  return row ?? null;
}

export async function setRegionEnabled(db: HqExecutor, code: string, enabled: boolean, actor: string): Promise<RegionRow | null> {
  const [row] = await db.update(regions).set({ enabled }).where(eq(regions.code, code)).returning();
  if (row) await db.insert(hqAuditLog).values({ actor, action: enabled ? 'regions.enable' : 'regions.disable', subject: `region:${code}` });
  return row ?? null;
}

/**
 * How `last_error` begins when the region refused HQ's request itself (401, 403, 400, 404 …): retrying
 * cannot fix it, so HQ has slowed to a rare retry and an admin has to act (the key, the address).
 * Cleared, like any error, by the next successful pull.
 */
export const needsAttentionPrefix = 'needs attention: ';

export function regionNeedsAttention(row: Pick<RegionRow, 'lastError'>): boolean {
  return row.lastError?.startsWith(needsAttentionPrefix) ?? false;
}

export async function recordPullFailure(db: HqExecutor, code: string, message: string): Promise<void> {
  await db
    .update(regions)
    .set({
      lastError: message.slice(0, 1_000),
      lastErrorAt: new Date(),
      lastPulledAt: new Date(),
      consecutiveFailures: sql`${regions.consecutiveFailures} + 1`,
    })
    .where(eq(regions.code, code));
}

/** A long-poll that came back empty: the region is caught up as of now. */
export async function recordCaughtUp(db: HqExecutor, code: string): Promise<void> {
  await db
    .update(regions)
    .set({ lastPulledAt: new Date(), caughtUp: true, lastError: null, consecutiveFailures: 0 })
    .where(eq(regions.code, code));
}
