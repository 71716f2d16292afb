import type { FederatedEntity } from '@meridian/domain';
import { sql, type SQL } from 'drizzle-orm';
import { selectRows, type RegionDatabase, type RegionExecutor } from '../database.ts';
import { feedStart, type FeedPosition } from './changeFeed.ts';

/** The base table behind each federated entity. */
const federatedTables: Record<FederatedEntity, { table: string; versioned: boolean; bucketKey: 'id' | 'md5' }> = {
  customer: { table: 'customers', versioned: true, bucketKey: 'id' },
  contactPerson: { table: 'contact_persons', versioned: true, bucketKey: 'id' },
  project: { table: 'projects', versioned: true, bucketKey: 'id' },
  contactRecord: { table: 'contact_records', versioned: true, bucketKey: 'id' },
  accountManagerAssignment: { table: 'account_manager_history', versioned: false, bucketKey: 'md5' },
};

/** A base row as the feed trigger would carry it: same payload expression (`to_jsonb` minus search keys). */
export interface FederatedBaseRow {
  id: string;
  /** 0 for entities without versions (manager assignments). */
  version: number;
  payload: Record<string, unknown>;
}

export interface FederatedRowSelection {
  entity: FederatedEntity;
  /** Only rows in these id-prefix buckets (see bucketOf in @meridian/domain/federatedHash); all rows when absent. */
  buckets?: { prefixLength: number; prefixes: string[] };
}

export interface FederatedSnapshot {
  /**
   * The newest feed entry the snapshot sees: every change reflected in the rows is at or before it, so
   * a reader of the feed must have applied up to here before its copy can match.
   */
  position: FeedPosition;
  rows: Map<FederatedEntity, FederatedBaseRow[]>;
}

function bucketFilter(entity: FederatedEntity, selection: FederatedRowSelection['buckets']): SQL {
  if (!selection) return sql`true`;
  const key = federatedTables[entity].bucketKey === 'md5' ? sql`md5(t.id::text)` : sql`t.id::text`;
  return sql`left(${key}, ${selection.prefixLength}::int) = any(${sql.param(selection.prefixes)}::text[])`;
}

async function readRows(db: RegionExecutor, selection: FederatedRowSelection): Promise<FederatedBaseRow[]> {
  const spec = federatedTables[selection.entity];
  const version = spec.versioned ? sql`t.version` : sql`0`;
  const rows = await selectRows<{ id: string; version: number; payload: Record<string, unknown> }>(
    db,
    sql`select t.id::text as id, ${version} as version, to_jsonb(t) - 'search_text' - 'name_keys' as payload
        from ${sql.identifier(spec.table)} t
        where ${bucketFilter(selection.entity, selection.buckets)}`,
  );
  return rows.map((row) => ({ id: row.id, version: Number(row.version), payload: row.payload }));
}

/**
 * Reads federated rows straight from the base tables (never from the feed, which is what is being
 * checked) in one REPEATABLE READ snapshot, together with the feed position that snapshot reflects.
 */
export async function readFederatedSnapshot(db: RegionDatabase, selections: FederatedRowSelection[]): Promise<FederatedSnapshot> {
  return db.transaction(
    async (tx) => {
      // The first statement fixes the snapshot; the rows below are read in the same one.
      const [last] = await selectRows<{ txid: string; seq: string | number }>(
        tx,
        sql`select f.txid::text as txid, f.seq from change_feed f order by f.txid desc, f.seq desc limit 1`,
      );
      const rows = new Map<FederatedEntity, FederatedBaseRow[]>();
      for (const selection of selections) rows.set(selection.entity, await readRows(tx, selection));
      return { position: last ? { txid: last.txid, seq: Number(last.seq) } : feedStart, rows };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
