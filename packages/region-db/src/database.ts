import { fileURLToPath } from 'node:url';
import {
  appendOnly,
  migrateDatabase,
  openDatabase,
  readOnly,
  selectRows,
  type RestrictedTables,
  type DatabaseDefinition,
  type Database,
  type DatabaseHandle,
  type DatabaseOptions,
  type MigrateOptions,
  type Transaction,
} from '@meridian/db-driver';
import { sql } from 'drizzle-orm';
import * as schema from './schema/index.ts';

export type RegionSchema = typeof schema;
export type RegionDatabase = Database<RegionSchema>;
export type RegionTransaction = Transaction<RegionSchema>;
export type RegionExecutor = RegionDatabase | RegionTransaction;
export type RegionDatabaseOptions = DatabaseOptions;
export type RegionDatabaseHandle = DatabaseHandle<RegionSchema>;

export const regionMigrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * The one list of region tables the app role may not rewrite (no UPDATE, DELETE or TRUNCATE, on top of
 * their triggers); every other table gets read/write DML. The history trigger closes an assignment by
 * setting `ended_at`, hence that one column; the audit chain's head is written only by its SECURITY
 * DEFINER trigger.
 */
export const regionRestrictedTables: RestrictedTables = {
  audit_log: appendOnly(),
  change_feed: appendOnly(),
  account_manager_history: appendOnly('ended_at'),
  audit_chain_head: readOnly,
};

export const regionDatabaseDefinition: DatabaseDefinition<RegionSchema> = {
  schema,
  migrationsFolder: regionMigrationsFolder,
  label: 'region-db',
  restrictedTables: regionRestrictedTables,
  migrateHint:
    'Run `npm run migrate -w @meridian/region-node` (MERIDIAN_MIGRATE_URL = the owner role, DATABASE_URL = the app role), ' +
    'or set MERIDIAN_MIGRATE_URL for the node to migrate as it starts.',
};

/**
 * Opens a region database on PostgreSQL (DATABASE_URL, the app role; migrated first as the owner when
 * `migrationUrl` is given) or embedded PGlite (migrated on open).
 */
export function openRegionDatabase(options: RegionDatabaseOptions): Promise<RegionDatabaseHandle> {
  return openDatabase(options, regionDatabaseDefinition);
}

/** The migrate step alone, as the owner role: migrations, then the app role's grants. */
export function migrateRegionDatabase(options: MigrateOptions<RegionSchema>): Promise<void> {
  return migrateDatabase(regionDatabaseDefinition, options);
}

export interface WriteContext {
  actor: string;
  procedure: string;
  origin?: string | null;
  /** Why, for writes that need one (reassignment); lands in history and audit. */
  reason?: string | null;
}

/**
 * Runs a write in one transaction, telling the audit and history triggers who is writing and through
 * which procedure; the settings end with the transaction.
 */
export function inWriteTransaction<T>(
  db: RegionDatabase,
  context: WriteContext,
  work: (tx: RegionTransaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select
      set_config('meridian.actor', ${context.actor}, true),
      set_config('meridian.procedure', ${context.procedure}, true),
      set_config('meridian.origin', ${context.origin ?? ''}, true),
      set_config('meridian.reason', ${context.reason ?? ''}, true)`);
    return work(tx);
  });
}

export { schema, selectRows };
