/**
 * One way to open a Meridian database, whoever owns the schema (a region node, HQ): PostgreSQL through
 * `pg` when a URL is given, embedded PGlite (same SQL, same migrations) otherwise.
 *
 * On PostgreSQL the app connects as a role that owns nothing (checked before anything else runs) and the
 * migrate step runs as the owner: at open when `migrationUrl` is given, else beforehand (`migrateDatabase`),
 * in which case opening only checks that the schema is up to date. PGlite is one superuser: it migrates on
 * open and enforces the rules its triggers enforce, but nothing stops raw SQL there from switching them off.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { listenOnServer } from './listener.ts';
import { assertMigrated, migrateDatabase, type MigrationDefinition, type OwnerStep } from './migrate.ts';
import { assertAppRole } from './roles.ts';
import type { Database } from './types.ts';

export type { Database, Transaction } from './types.ts';
export { assertMigrated, migrateDatabase, type MigrateOptions, type MigrationDefinition, type OwnerStep } from './migrate.ts';
export { appendOnly, applyAppGrants, assertAppRole, readOnly, roleOfUrl, type RestrictedTable, type RestrictedTables } from './roles.ts';
export { migrateOptionsFromEnv, postgresOptionsFromEnv, type PostgresEnvOptions } from './env.ts';
export { provisionDatabaseRoles, type DatabaseRoles, type ProvisionOptions } from './provision.ts';

export type DatabaseOptions =
  | {
      driver: 'pg';
      /** The app role's connection string (DATABASE_URL). */
      url: string;
      /** The owner role's (MERIDIAN_MIGRATE_URL): when given, the database is migrated before the app connects. */
      migrationUrl?: string;
      /** Owner-only setup run after the migrations (e.g. HQ's analytics views); only with `migrationUrl`. */
      ownerSteps?: readonly OwnerStep<any>[];
      poolSize?: number;
    }
  | { driver: 'pglite'; dataDir?: string; loadDataDir?: Blob | File };

export interface DatabaseHandle<TSchema extends Record<string, unknown>> {
  db: Database<TSchema>;
  driver: 'pg' | 'pglite';
  /** The PGlite instance, for dumps; null on a server. */
  pglite: PGlite | null;
  /** Calls `onNotify` on every NOTIFY to `channel`; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A database kind: its schema, migrations, and which of its tables the app may only append to. */
export type DatabaseDefinition<TSchema extends Record<string, unknown>> = MigrationDefinition<TSchema> & {
  /** What to tell an operator whose database lags the code (names the migrate command). */
  migrateHint: string;
};

export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: DatabaseOptions,
  definition: DatabaseDefinition<TSchema>,
): Promise<DatabaseHandle<TSchema>> {
  const { schema, migrationsFolder, label } = definition;
  if (options.driver === 'pg') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client whose server connection dies (database dropped, server restart) must not kill the process.
    pool.on('error', (error) => console.error(`[${label}] idle connection error: ${error.message}`));
    // A checked-out client has no pool listener: a connection dropped mid-query (the server restarted,
    // the disk filled) would otherwise be an unhandled 'error' that kills the whole node.
    pool.on('connect', (client) => client.on('error', (error) => console.error(`[${label}] connection lost: ${error.message}`)));
    try {
      // Before migrating, so a superuser or owner URL is refused before it is granted anything.
      await assertAppRole(pool, label);
      if (options.migrationUrl) {
        const { rows } = await pool.query<{ role: string }>('select current_user as role');
        await migrateDatabase(definition, { migrationUrl: options.migrationUrl, appRole: rows[0]!.role, ownerSteps: options.ownerSteps });
      }
      await assertMigrated(pool, definition, definition.migrateHint);
    } catch (error) {
      await pool.end();
      throw error;
    }
    const db = drizzleNodePostgres({ client: pool, schema });
    return {
      db: db as unknown as Database<TSchema>,
      driver: 'pg',
      pglite: null,
      listen: (channel, onNotify) => listenOnServer(options.url, channel, onNotify, label),
      close: () => pool.end(),
    };
  }
  if (options.dataDir && !options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Database<TSchema>,
    driver: 'pglite',
    pglite: client,
    listen: async (channel, onNotify) => {
      const unsubscribe = await client.listen(channel, onNotify);
      return () => unsubscribe();
    },
    close: () => client.close(),
  };
}

/** Raw SQL rows from either driver (both answer `{ rows }`; the shared db type cannot say so). */
export async function selectRows<T>(db: { execute(query: SQL): Promise<unknown> }, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}
