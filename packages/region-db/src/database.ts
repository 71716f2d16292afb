import { fileURLToPath } from 'node:url';
import {
  openDatabase,
  selectRows,
  type Database,
  type DatabaseHandle,
  type DatabaseOptions,
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

/** Opens a region database on PostgreSQL (DATABASE_URL) or embedded PGlite and applies pending migrations. */
export function openRegionDatabase(options: RegionDatabaseOptions): Promise<RegionDatabaseHandle> {
  return openDatabase(options, { schema, migrationsFolder: regionMigrationsFolder, label: 'region-db' });
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
