import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle, DatabaseOptions } from '@meridian/db-driver';
import { createFreshServerDatabase, requireTestServerUnderCi } from './postgres.ts';

export type TestDatabase<THandle> = THandle & {
  /** Connection string when on the server (for raw `pg` access in tests); null on PGlite. */
  url: string | null;
  cleanup(): Promise<void>;
};

export interface TestDatabaseKind<THandle> {
  /** Names the snapshot file and test databases. */
  name: string;
  migrationsFolder: string;
  open(options: DatabaseOptions): Promise<THandle>;
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
    const handle = await kind.open({ driver: 'pg', url: fresh.url, poolSize: 20 });
    return Object.assign(handle, {
      url: fresh.url,
      cleanup: async () => {
        await handle.close();
        await fresh.drop();
      },
    });
  }
  const handle = await kind.open({ driver: 'pglite', loadDataDir: await migratedPgliteSnapshot(kind) });
  return Object.assign(handle, { url: null, cleanup: () => handle.close() });
}
