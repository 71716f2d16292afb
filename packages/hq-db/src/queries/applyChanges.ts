import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { searchText } from '@meridian/names';
import type { HqExecutor } from '../database.ts';
import { bulkUpsert } from './bulkUpsert.ts';
import { regionContactPersons, regionContactRecords, regionCustomers, regionManagerAssignments, regionProjects, regions } from '../schema/index.ts';

/** A change as a region's `federation.changes` serves it. */
export interface IncomingChange {
  seq: number;
  entity: string;
  entityId: string;
  op: 'upsert' | 'delete';
  version: number | null;
  recordedAt: string;
  data: Record<string, unknown> | null;
  withheld: string[];
}

export interface ReplicaSpec {
  table: PgTable;
  /** Region field → HQ column property, where HQ names it differently. */
  renamed?: Record<string, string>;
  versioned: boolean;
  /** Columns HQ derives from the row itself. */
  derive?: (row: Record<string, unknown>) => Record<string, unknown>;
}

export const replicas: Record<string, ReplicaSpec> = {
  customer: {
    table: regionCustomers,
    renamed: { globalCode: 'regionGlobalCode', globalCountries: 'regionGlobalCountries' },
    versioned: true,
    derive: (row) => ({ searchText: searchText([row.name as string, row.nameLatin as string | null, row.code as string]) }),
  },
  project: { table: regionProjects, versioned: true },
  contactRecord: { table: regionContactRecords, versioned: true },
  contactPerson: { table: regionContactPersons, versioned: true },
  accountManagerAssignment: { table: regionManagerAssignments, versioned: false },
};

/** Columns HQ sets itself rather than copying from the region row. */
const hqOwnedColumns = new Set(['region', 'withheld', 'receivedAt', 'deletedAt', 'searchText']);

export function replicaRow(spec: ReplicaSpec, region: string, change: IncomingChange): Record<string, unknown> {
  const columns = getTableColumns(spec.table) as Record<string, PgColumn>;
  const fromRegion: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(change.data ?? {})) fromRegion[spec.renamed?.[field] ?? field] = value;
  const row: Record<string, unknown> = { region, withheld: change.withheld, receivedAt: new Date(), deletedAt: null };
  for (const [property, column] of Object.entries(columns)) {
    if (hqOwnedColumns.has(property)) continue;
    const value = property === 'id' ? change.entityId : fromRegion[property];
    // JSON carries timestamps as strings; drizzle's date columns want Date objects.
    row[property] = value === undefined ? null : column.dataType === 'date' && typeof value === 'string' ? new Date(value) : value;
  }
  return spec.derive ? { ...row, ...spec.derive(row) } : row;
}

/** Within one batch the same row may come several times; only its newest version matters. */
function newestPerRow(changes: IncomingChange[]): IncomingChange[] {
  const newest = new Map<string, IncomingChange>();
  for (const change of changes) {
    const previous = newest.get(change.entityId);
    if (!previous || (change.version ?? Number.MAX_SAFE_INTEGER) >= (previous.version ?? Number.MAX_SAFE_INTEGER) || change.op === 'delete') {
      newest.set(change.entityId, change);
    }
  }
  return [...newest.values()];
}

async function upsertReplicas(tx: HqExecutor, spec: ReplicaSpec, rows: Record<string, unknown>[]) {
  const table = spec.table as typeof regionCustomers;
  await bulkUpsert(tx, spec.table, rows, {
    key: ['region', 'id'],
    // Replays and late-arriving older versions change nothing: at-least-once in, exactly-once effect.
    updateWhere: spec.versioned ? sql`${table}.version < excluded.version` : undefined,
  });
}

export interface AppliedBatch {
  applied: number;
  /** Whether any customer was added, removed, or changed a field matching looks at (names, identifiers). */
  matchingChanged: boolean;
}

const matchingFields = ['name', 'nameLatin', 'registrationId', 'website'] as const;

/**
 * Reconciliation re-matches the whole population, so it should run only when something it looks at
 * changed — not when HQ's own global-code push comes back as a new customer version.
 */
async function changesMatching(tx: HqExecutor, region: string, customers: IncomingChange[]): Promise<boolean> {
  if (customers.length === 0) return false;
  if (customers.some((change) => change.op === 'delete')) return true;
  const current = await tx
    .select({ id: regionCustomers.id, name: regionCustomers.name, nameLatin: regionCustomers.nameLatin, registrationId: regionCustomers.registrationId, website: regionCustomers.website })
    .from(regionCustomers)
    .where(sql`${regionCustomers.region} = ${region} and ${regionCustomers.id}::text = any(${sql.param(customers.map((change) => change.entityId))}::text[])`);
  const byId = new Map(current.map((row) => [row.id, row]));
  return customers.some((change) => {
    const stored = byId.get(change.entityId);
    return !stored || matchingFields.some((field) => (change.data?.[field] ?? null) !== stored[field]);
  });
}

/**
 * Applies one batch from a region and moves that region's cursor in the same transaction, so a crash
 * anywhere either keeps both or neither: the next pull resumes exactly where the last commit ended.
 */
export async function applyRegionBatch(
  db: { transaction<T>(work: (tx: HqExecutor) => Promise<T>): Promise<T> },
  region: string,
  batch: { changes: IncomingChange[]; nextCursor: string; hasMore: boolean },
): Promise<AppliedBatch> {
  return db.transaction(async (tx) => {
    const byEntity = new Map<string, IncomingChange[]>();
    for (const change of batch.changes) {
      if (!replicas[change.entity]) continue; // an entity this HQ does not know yet: skip, do not stall
      const group = byEntity.get(change.entity);
      if (group) group.push(change);
      else byEntity.set(change.entity, [change]);
    }
    let matchingChanged = false;
    for (const [entity, changes] of byEntity) {
      const spec = replicas[entity]!;
      const latest = newestPerRow(changes);
      if (entity === 'customer') matchingChanged = await changesMatching(tx, region, latest);
      const upserts = latest.filter((change) => change.op === 'upsert' && change.data);
      await upsertReplicas(tx, spec, upserts.map((change) => replicaRow(spec, region, change)));
      const deletions = latest.filter((change) => change.op === 'delete').map((change) => change.entityId);
      if (deletions.length > 0) {
        const table = spec.table as typeof regionCustomers;
        await tx
          .update(table)
          .set({ deletedAt: new Date() })
          .where(sql`${table.region} = ${region} and ${table.id}::text = any(${sql.param(deletions)}::text[])`);
      }
    }
    const newest = batch.changes.at(-1)?.recordedAt;
    await tx
      .update(regions)
      .set({
        cursor: batch.nextCursor,
        lastAppliedAt: new Date(),
        lastPulledAt: new Date(),
        caughtUp: !batch.hasMore,
        ...(newest ? { newestChangeAt: new Date(newest) } : {}),
        changesApplied: sql`${regions.changesApplied} + ${batch.changes.length}`,
        lastError: null,
        consecutiveFailures: 0,
      })
      .where(eq(regions.code, region));
    return { applied: batch.changes.length, matchingChanged };
  });
}
