import { fileURLToPath } from 'node:url';
import { openDatabase, type Database, type DatabaseHandle, type DatabaseOptions, type Transaction } from '@meridian/db-driver';
import * as schema from './schema/index.ts';

export type HqSchema = typeof schema;
export type HqDatabase = Database<HqSchema>;
export type HqTransaction = Transaction<HqSchema>;
export type HqExecutor = HqDatabase | HqTransaction;
export type HqDatabaseHandle = DatabaseHandle<HqSchema>;

export const hqMigrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** HQ's own database: replicas of region data, global accounts, reconciliation state. */
export function openHqDatabase(options: DatabaseOptions): Promise<HqDatabaseHandle> {
  return openDatabase(options, { schema, migrationsFolder: hqMigrationsFolder, label: 'hq-db' });
}

/** NOTIFY channel raised when region data lands at HQ. */
export const hqAppliedChannel = 'meridian_hq_applied';

export { schema };
