import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle, DatabaseOptions, OwnerStep } from '@meridian/db-driver';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { createFreshServerDatabase, requireTestServerUnderCi } from './postgres.ts';

export type TestDatabase<THandle extends DatabaseHandle<Record<string, unknown>>> = THandle & {
  /** The app role's connection string on the server (what the app itself uses); null on PGlite. */
  url: string | null;
  /** The owner role's (it migrated the schema); null on PGlite. */
  ownerUrl: string | null;
  /** The superuser's, for tests that must step outside every rule; null on PGlite. */
  adminUrl: string | null;
  /**
   * The same database as the owner role, for tests that check a rule holds even for the schema's owner
   * (a trigger, not just a missing grant), or that set up what only an owner may. On PGlite, whose one
   * user is a superuser, it is `db` itself.
   */
  ownerDb: THandle['db'];
  cleanup(): Promise<void>;
};

export interface TestDatabaseKind<THandle> {
  /** Names the snapshot file and test databases. */
  name: string;
  migrationsFolder: string;
  schema: Record<string, unknown>;
  open(options: DatabaseOptions): Promise<THandle>;
  /** Owner-only setup the app expects to find (run after migrating, on the server). */
  ownerSteps?: readonly OwnerStep<any>[];
}

function migrationsHash(folder: string): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(folder, { recursive: true }).map(String).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(join(folder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * PGlite's initdb costs seconds; a dump of an already-migrated instance loads in well under one, so
 * the first test process migrates once and every later database starts from that snapshot.
 */
async function migratedPgliteSnapshot<THandle extends DatabaseHandle<Record<string, unknown>>>(kind: TestDatabaseKind<THandle>): Promise<Blob> {
  const file = join(tmpdir(), `meridian-${kind.name}-${migrationsHash(kind.migrationsFolder)}.tar.gz`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const handle = await kind.open({ driver: 'pglite' });
  const dump = await handle.pglite!.dumpDataDir('gzip');
  await handle.close();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return dump;
}

/**
 * A fresh, migrated database for one test file or suite: on the real PostgreSQL server when it is
 * reachable (always under CI), otherwise on embedded PGlite. `driver` forces one where that is the point.
 */
export async function createTestDatabase<THandle extends DatabaseHandle<Record<string, unknown>>>(
  kind: TestDatabaseKind<THandle>,
  label: string,
  options: { driver?: 'pg' | 'pglite' } = {},
): Promise<TestDatabase<THandle>> {
  const useServer = options.driver === 'pg' || (options.driver !== 'pglite' && (await requireTestServerUnderCi()));
  if (useServer) {
    const fresh = await createFreshServerDatabase(`${kind.name}_${label}`);
    const handle = await kind.open({ driver: 'pg', url: fresh.url, migrationUrl: fresh.ownerUrl, ownerSteps: kind.ownerSteps, poolSize: 20 });
    // Connects only when a test uses it.
    const ownerPool = new pg.Pool({ connectionString: fresh.ownerUrl, max: 2 });
    ownerPool.on('error', () => undefined);
    const ownerDb = drizzle({ client: ownerPool, schema: kind.schema }) as unknown as THandle['db'];
    return Object.assign(handle, {
      url: fresh.url,
      ownerUrl: fresh.ownerUrl,
      adminUrl: fresh.adminUrl,
      ownerDb,
      cleanup: async () => {
        await handle.close();
        await ownerPool.end();
        await fresh.drop();
      },
    });
  }
  const handle = await kind.open({ driver: 'pglite', loadDataDir: await migratedPgliteSnapshot(kind) });
  return Object.assign(handle, { url: null, ownerUrl: null, adminUrl: null, ownerDb: handle.db, cleanup: () => handle.close() });
}
