import type { FederatedEntity } from '@meridian/domain';
import { bucketDigests, federatedRowHash, verifiedFields, versionedEntities, type BucketDigest } from '@meridian/domain/federatedHash';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { HqExecutor } from '../database.ts';
import { replicas } from './applyChanges.ts';

/** One replica row as HQ holds it, under the field names the region's feed uses. */
export interface ReplicaState {
  id: string;
  /** 0 for entities without versions (manager assignments). */
  version: number;
  deleted: boolean;
  withheld: string[];
  /** The shared federated hash of what HQ holds; compared with the region's own. */
  hash: string;
}

export interface BucketSelection {
  prefixLength: number;
  prefixes: string[];
}

function specOf(entity: FederatedEntity) {
  const spec = replicas[entity];
  if (!spec) throw new Error(`no replica table for ${entity}`);
  return spec;
}

function bucketFilter(entity: FederatedEntity, id: PgColumn, selection: BucketSelection | undefined): SQL {
  if (!selection) return sql`true`;
  const key = entity === 'accountManagerAssignment' ? sql`md5(${id}::text)` : sql`${id}::text`;
  return sql`left(${key}, ${selection.prefixLength}::int) = any(${sql.param(selection.prefixes)}::text[])`;
}

/**
 * HQ's replicas of one region's entity, mapped back to the feed's field names (HQ renames a few, e.g.
 * globalCode → regionGlobalCode) and hashed by the same rule the region uses. Every stored column
 * that came from the region is hashed, so a corrupted replica column changes HQ's hash.
 */
export async function readReplicaStates(db: HqExecutor, region: string, entity: FederatedEntity, buckets?: BucketSelection): Promise<ReplicaState[]> {
  const spec = specOf(entity);
  const table = spec.table as PgTable & { region: PgColumn; id: PgColumn };
  const rows = (await db
    .select()
    .from(table)
    .where(and(eq(table.region, region), bucketFilter(entity, table.id, buckets)))) as Array<Record<string, unknown>>;
  const versioned = versionedEntities.has(entity);
  return rows.map((row) => {
    const fields: Record<string, unknown> = {};
    for (const field of Object.keys(verifiedFields[entity])) fields[field] = row[spec.renamed?.[field] ?? field];
    const withheld = (row.withheld as string[] | null) ?? [];
    return {
      id: String(row.id),
      version: versioned ? Number(row.version) : 0,
      deleted: row.deletedAt !== undefined && row.deletedAt !== null,
      withheld,
      hash: federatedRowHash(entity, fields, withheld),
    };
  });
}

/** HQ's side of a region's digest: the live (not deleted) replica rows, bucketed as the region said. */
export function replicaBucketDigests(entity: FederatedEntity, states: readonly ReplicaState[], prefixLength: number): BucketDigest[] {
  return bucketDigests(entity, states.filter((state) => !state.deleted), prefixLength);
}
