/**
 * One way to open a Meridian database, whoever owns the schema (a region node, HQ): PostgreSQL through
 * `pg` when a URL is given, embedded PGlite (same SQL, same migrations) otherwise. Migrations run on open.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** One type for both drivers, so queries never care which PostgreSQL they run on. */
export type Database<TSchema extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, TSchema>;
export type Transaction<TSchema extends Record<string, unknown>> = Parameters<Parameters<Database<TSchema>['transaction']>[0]>[0];

export type DatabaseOptions =
  | { driver: 'pg'; url: string; poolSize?: number }
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

export interface DatabaseDefinition<TSchema extends Record<string, unknown>> {
  schema: TSchema;
  migrationsFolder: string;
  /** Names the owner in logs. */
  label: string;
}

/** LISTEN needs one connection of its own on a server: pooled connections come and go. */
async function listenOnServer(url: string, channel: string, onNotify: () => void, label: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', (error) => console.error(`[${label}] listener for ${channel} lost: ${error.message}`));
  client.on('notification', (message) => {
    if (message.channel === channel) onNotify();
  });
  await client.connect();
  await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  return () => client.end().catch(() => undefined);
}

export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: DatabaseOptions,
  definition: DatabaseDefinition<TSchema>,
): Promise<DatabaseHandle<TSchema>> {
  const { schema, migrationsFolder, label } = definition;
  if (options.driver === 'pg') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client whose server connection dies (database dropped, server restart) must not kill the process.
    pool.on('error', (error) => console.error(`[${label}] idle connection error: ${error.message}`));
    const db = drizzleNodePostgres({ client: pool, schema });
    await migrateNodePostgres(db, { migrationsFolder });
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
