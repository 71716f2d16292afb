import type { FederatedEntity } from '@meridian/domain';
import { versionedEntities } from '@meridian/domain/federatedHash';
import { desc, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { HqDatabase } from '../database.ts';
import { regions, regionVerifications, type VerificationOutcome } from '../schema/index.ts';
import { replicaRow, replicas } from './applyChanges.ts';
import { bulkUpsert } from './bulkUpsert.ts';

/** A row as the region's `federation.rowsInBuckets` serves it (the same shape its feed carries). */
export interface FederatedRow {
  id: string;
  version: number;
  data: Record<string, unknown>;
  withheld: string[];
}

export interface ReplicaRepair {
  /**
   * Missing, stale or altered at HQ: written unless HQ meanwhile holds a newer version, or the same
   * version deleted (the region's tombstone arrived after it answered).
   */
  upserts: FederatedRow[];
  /** Deleted at HQ before the region answered that it still has them: restored unless HQ holds a newer version. */
  restores: FederatedRow[];
  /** HQ holds a version the region never had (proven: HQ read it before the region answered); replaced only if still that version. */
  replaceExact: Array<{ row: FederatedRow; heldVersion: number }>;
  /** HQ holds rows the region does not: marked deleted (assignments, which have no tombstone, are removed). */
  extras: Array<{ id: string; heldVersion: number }>;
}

type ReplicaTable = PgTable & { region: PgColumn; id: PgColumn; version: PgColumn; deletedAt: PgColumn };

/** Applies one entity's repair in one transaction. Row content comes only from the region's answer. */
export async function repairReplicas(db: HqDatabase, region: string, entity: FederatedEntity, repair: ReplicaRepair): Promise<void> {
  const spec = replicas[entity];
  if (!spec) throw new Error(`no replica table for ${entity}`);
  const table = spec.table as ReplicaTable;
  const versioned = versionedEntities.has(entity);
  const toReplica = (row: FederatedRow) =>
    replicaRow(spec, region, { seq: 0, entity, entityId: row.id, op: 'upsert', version: row.version, recordedAt: '', data: row.data, withheld: row.withheld });
  await db.transaction(async (tx) => {
    await bulkUpsert(tx, spec.table, repair.upserts.map(toReplica), {
      key: ['region', 'id'],
      // A newer version applied by the sync loop since the region answered is kept; the same version is
      // overwritten, because same version with other content is exactly the corruption being repaired.
      updateWhere: versioned ? sql`(${table}.version < excluded.version or (${table}.version = excluded.version and ${table.deletedAt} is null))` : undefined,
    });
    await bulkUpsert(tx, spec.table, repair.restores.map(toReplica), {
      key: ['region', 'id'],
      updateWhere: versioned ? sql`${table}.version <= excluded.version` : undefined,
    });
    const byHeld = new Map<number, FederatedRow[]>();
    for (const { row, heldVersion } of repair.replaceExact) byHeld.set(heldVersion, [...(byHeld.get(heldVersion) ?? []), row]);
    for (const [heldVersion, rows] of byHeld) {
      await bulkUpsert(tx, spec.table, rows.map(toReplica), { key: ['region', 'id'], updateWhere: sql`${table}.version = ${heldVersion}` });
    }
    if (repair.extras.length === 0) return;
    const ids = repair.extras.map((extra) => extra.id);
    const inRegion = sql`${table.region} = ${region} and ${table.id}::text = any(${sql.param(ids)}::text[])`;
    if (versioned) {
      // Only where HQ still holds what it held when the region said it has no such row.
      for (const extra of repair.extras) {
        await tx
          .update(table)
          .set({ deletedAt: new Date() } as never)
          .where(sql`${table.region} = ${region} and ${table.id}::text = ${extra.id} and ${table.version} = ${extra.heldVersion} and ${table.deletedAt} is null`);
      }
    } else {
      await tx.delete(table).where(inRegion);
    }
  });
}

export interface VerificationRun {
  startedAt: Date;
  finishedAt: Date;
  outcome: VerificationOutcome;
  position: string | null;
  rowsCompared: number;
  diverged: number;
  repaired: number;
  detail: Record<string, unknown>;
  error: string | null;
}

/**
 * Stores a run and the region's verification status together. `verified_at` moves only for a run whose
 * comparison matched: a failed or still-diverging run leaves the last proven time where it was.
 */
export async function recordVerification(db: HqDatabase, region: string, run: VerificationRun): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(regionVerifications).values({ region, ...run });
    await tx
      .update(regions)
      .set({
        lastVerificationAt: run.finishedAt,
        lastVerificationOutcome: run.outcome,
        lastDiverged: run.diverged,
        lastRepaired: run.repaired,
        verificationError: run.error?.slice(0, 1_000) ?? null,
        ...(run.outcome === 'verified' ? { verifiedAt: run.finishedAt, verifiedPosition: run.position } : {}),
      })
      .where(eq(regions.code, region));
  });
}

export type VerificationRow = typeof regionVerifications.$inferSelect;

export async function listVerifications(db: HqDatabase, region: string, limit = 20): Promise<VerificationRow[]> {
  return db.select().from(regionVerifications).where(eq(regionVerifications.region, region)).orderBy(desc(regionVerifications.id)).limit(limit);
}
