/**
 * The migrate step: runs as the owner role, applies pending migrations and any owner-only setup, then
 * re-applies the app role's grants, all under one advisory lock so processes starting together take turns.
 */
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { applyAppGrants, assertDistinctRoles, type RestrictedTables, type Queryable } from './roles.ts';
import type { Database } from './types.ts';

/** Advisory locks are per database, so one constant serialises migrations of each database separately. */
const migrationLockKey = 0x4d455249; // "MERI"

export interface MigrationDefinition<TSchema extends Record<string, unknown>> {
  schema: TSchema;
  migrationsFolder: string;
  label: string;
  /** Tables the app role may not rewrite; all others get read/write DML. */
  restrictedTables: RestrictedTables;
}

/** Setup that only the owner may run (creating derived objects such as materialized views), after migrations. */
export type OwnerStep<TSchema extends Record<string, unknown>> = (db: Database<TSchema>) => Promise<void>;

export interface MigrateOptions<TSchema extends Record<string, unknown>> {
  /** Connection string of the owner role. */
  migrationUrl: string;
  /** The role the app connects as; it receives the grants. */
  appRole: string;
  ownerSteps?: readonly OwnerStep<TSchema>[];
}

export async function migrateDatabase<TSchema extends Record<string, unknown>>(
  definition: MigrationDefinition<TSchema>,
  options: MigrateOptions<TSchema>,
): Promise<void> {
  const client = new pg.Client({ connectionString: options.migrationUrl });
  client.on('error', (error) => console.error(`[${definition.label}] migration connection lost: ${error.message}`));
  await client.connect();
  try {
    await assertDistinctRoles(client, options.appRole, definition.label);
    // A session lock (not a transaction one): drizzle's migrator opens its own transactions on this client.
    await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
    try {
      const db = drizzleNodePostgres({ client, schema: definition.schema });
      await migrateNodePostgres(db, { migrationsFolder: definition.migrationsFolder });
      for (const step of options.ownerSteps ?? []) await step(db as unknown as Database<TSchema>);
      await client.query('begin');
      try {
        await applyAppGrants(client, { appRole: options.appRole, restrictedTables: definition.restrictedTables, label: definition.label });
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    } finally {
      await client.query('select pg_advisory_unlock($1)', [migrationLockKey]);
    }
  } finally {
    await client.end();
  }
}

/**
 * Fails fast when the app opens a database whose migrations lag its code: the app role cannot migrate,
 * so the operator must run the migrate step first.
 */
export async function assertMigrated(client: Queryable, definition: { migrationsFolder: string; label: string }, hint: string): Promise<void> {
  const expected = readMigrationFiles({ migrationsFolder: definition.migrationsFolder });
  const newest = Math.max(...expected.map((migration) => migration.folderMillis));
  let applied = 0;
  let newestApplied = 0;
  try {
    const { rows } = await client.query<{ applied: string; newest: string | null }>(
      'select count(*) as applied, max(created_at) as newest from drizzle.__drizzle_migrations',
    );
    applied = Number(rows[0]!.applied);
    newestApplied = Number(rows[0]!.newest ?? 0);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // 42P01: no journal yet (never migrated); 3F000: no drizzle schema; 42501: grants never applied.
    if (code !== '42P01' && code !== '3F000' && code !== '42501') throw error;
  }
  if (newestApplied < newest) {
    throw new Error(
      `[${definition.label}] the database is not migrated (${applied} of ${expected.length} migrations applied). ${hint}`,
    );
  }
}
