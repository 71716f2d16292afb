import { fileURLToPath } from 'node:url';
import {
  appendOnly,
  migrateDatabase,
  openDatabase,
  readOnly,
  type RestrictedTables,
  type Database,
  type DatabaseDefinition,
  type DatabaseHandle,
  type DatabaseOptions,
  type MigrateOptions,
  type Transaction,
} from '@meridian/db-driver';
import * as schema from './schema/index.ts';

export type HqSchema = typeof schema;
export type HqDatabase = Database<HqSchema>;
export type HqTransaction = Transaction<HqSchema>;
export type HqExecutor = HqDatabase | HqTransaction;
export type HqDatabaseHandle = DatabaseHandle<HqSchema>;

export const hqMigrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * The one list of HQ tables the app role may not rewrite (no UPDATE, DELETE or TRUNCATE, on top of their
 * triggers); every other table gets read/write DML.
 */
export const hqRestrictedTables: RestrictedTables = {
  hq_audit_log: appendOnly(),
  // Written only by the chain's SECURITY DEFINER trigger.
  hq_audit_chain_head: readOnly,
};

export const hqDatabaseDefinition: DatabaseDefinition<HqSchema> = {
  schema,
  migrationsFolder: hqMigrationsFolder,
  label: 'hq-db',
  restrictedTables: hqRestrictedTables,
  migrateHint:
    'Run `npm run migrate -w @meridian/hq` (MERIDIAN_MIGRATE_URL = the owner role, DATABASE_URL = the app role), ' +
    'or set MERIDIAN_MIGRATE_URL for HQ to migrate as it starts.',
};

/**
 * HQ's own database: replicas of region data, global accounts, reconciliation state. On PostgreSQL the
 * app role connects; with `migrationUrl` the owner migrates first (and runs `ownerSteps`, e.g. the
 * analytics views, which only an owner may create).
 */
export function openHqDatabase(options: DatabaseOptions): Promise<HqDatabaseHandle> {
  return openDatabase(options, hqDatabaseDefinition);
}

/** The migrate step alone, as the owner role: migrations, owner steps, then the app role's grants. */
export function migrateHqDatabase(options: MigrateOptions<HqSchema>): Promise<void> {
  return migrateDatabase(hqDatabaseDefinition, options);
}

/** NOTIFY channel raised when region data lands at HQ. */
export const hqAppliedChannel = 'meridian_hq_applied';

export { schema };
