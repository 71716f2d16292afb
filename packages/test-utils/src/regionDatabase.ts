import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegionDatabase, regionMigrationsFolder, type RegionDatabaseHandle } from '@meridian/region-db';
import { createFreshServerDatabase, requireTestServerUnderCi } from './postgres.ts';

export interface TestRegionDatabase extends RegionDatabaseHandle {
  /** Connection string when on the server (for raw `pg` access in tests); null on PGlite. */
  url: string | null;
  cleanup(): Promise<void>;
}

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(regionMigrationsFolder, { recursive: true }).map(String).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(join(regionMigrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * PGlite's initdb costs seconds; a dump of an already-migrated instance loads in well under one,
 * so each test process migrates once and every later database starts from that snapshot.
 */
async function migratedPgliteSnapshot(): Promise<Blob> {
  const file = join(tmpdir(), `meridian-region-${migrationsHash()}.tar.gz`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const handle = await openRegionDatabase({ driver: 'pglite' });
  const dump = await handle.pglite!.dumpDataDir('gzip');
  await handle.close();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return dump;
}

/**
 * A fresh, migrated region database for one test file or suite: on the real PostgreSQL server when it
 * is reachable (always under CI), otherwise on embedded PGlite. `driver` forces one where that is the point.
 */
export async function createTestRegionDatabase(
  label: string,
  options: { driver?: 'pg' | 'pglite' } = {},
): Promise<TestRegionDatabase> {
  const useServer = options.driver === 'pg' || (options.driver !== 'pglite' && (await requireTestServerUnderCi()));
  if (useServer) {
    const fresh = await createFreshServerDatabase(label);
    const handle = await openRegionDatabase({ driver: 'pg', url: fresh.url, poolSize: 20 });
    return {
      ...handle,
      url: fresh.url,
      cleanup: async () => {
        await handle.close();
        await fresh.drop();
      },
    };
  }
  const handle = await openRegionDatabase({ driver: 'pglite', loadDataDir: await migratedPgliteSnapshot() });
  return { ...handle, url: null, cleanup: () => handle.close() };
}
