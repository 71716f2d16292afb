import { openRegionDatabase, regionMigrationsFolder, schema, type RegionDatabaseHandle } from '@meridian/region-db';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './testDatabase.ts';

export type TestRegionDatabase = TestDatabase<RegionDatabaseHandle>;

const regionDatabaseKind: TestDatabaseKind<RegionDatabaseHandle> = {
  name: 'region',
  migrationsFolder: regionMigrationsFolder,
  schema,
  open: openRegionDatabase,
};

export function createTestRegionDatabase(label: string, options: { driver?: 'pg' | 'pglite' } = {}): Promise<TestRegionDatabase> {
  return createTestDatabase(regionDatabaseKind, label, options);
}
