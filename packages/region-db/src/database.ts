import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema/index.ts';

/** One type for both drivers, so queries and the API never care which PostgreSQL they run on. */
export type RegionDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;
export type RegionTransaction = Parameters<Parameters<RegionDatabase['transaction']>[0]>[0];
export type RegionExecutor = RegionDatabase | RegionTransaction;

export const regionMigrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

export type RegionDatabaseOptions =
  | { driver: 'pg'; url: string; poolSize?: number }
  | { driver: 'pglite'; dataDir?: string; loadDataDir?: Blob | File };

export interface RegionDatabaseHandle {
  db: RegionDatabase;
  driver: 'pg' | 'pglite';
  /** The PGlite instance, for dumps; null on a server. */
  pglite: PGlite | null;
  /** Calls `onNotify` on every NOTIFY to `channel`; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** LISTEN needs one connection of its own on a server: pooled connections come and go. */
async function listenOnServer(url: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', (error) => console.error(`[region-db] listener for ${channel} lost: ${error.message}`));
  client.on('notification', (message) => {
    if (message.channel === channel) onNotify();
  });
  await client.connect();
  await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  return () => client.end().catch(() => undefined);
}

/** Opens a region database on PostgreSQL (DATABASE_URL) or embedded PGlite and applies pending migrations. */
export async function openRegionDatabase(options: RegionDatabaseOptions): Promise<RegionDatabaseHandle> {
  if (options.driver === 'pg') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client whose server connection dies (database dropped, server restart) must not kill the node.
    pool.on('error', (error) => console.error(`[region-db] idle connection error: ${error.message}`));
    const db = drizzleNodePostgres({ client: pool, schema });
    await migrateNodePostgres(db, { migrationsFolder: regionMigrationsFolder });
    return {
      db: db as unknown as RegionDatabase,
      driver: 'pg',
      pglite: null,
      listen: (channel, onNotify) => listenOnServer(options.url, channel, onNotify),
      close: () => pool.end(),
    };
  }
  if (options.dataDir && !options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder: regionMigrationsFolder });
  return {
    db: db as unknown as RegionDatabase,
    driver: 'pglite',
    pglite: client,
    listen: async (channel, onNotify) => {
      const unsubscribe = await client.listen(channel, onNotify);
      return () => unsubscribe();
    },
    close: () => client.close(),
  };
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

export { schema };

/** Raw SQL rows from either driver (both answer `{ rows }`; the shared db type cannot say so). */
export async function selectRows<T>(db: RegionExecutor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
