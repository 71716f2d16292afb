import { setupAnalytics } from '@meridian/analytics';
import { hqMigrationsFolder, openHqDatabase, schema, type HqDatabaseHandle } from '@meridian/hq-db';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './testDatabase.ts';

export type TestHqDatabase = TestDatabase<HqDatabaseHandle>;

// HQ creates its analytics views as the owner when it migrates; a test database is HQ's as HQ runs it.
const hqDatabaseKind: TestDatabaseKind<HqDatabaseHandle> = {
  name: 'hq',
  migrationsFolder: hqMigrationsFolder,
  schema,
  open: openHqDatabase,
  ownerSteps: [setupAnalytics],
};

export function createTestHqDatabase(label: string, options: { driver?: 'pg' | 'pglite' } = {}): Promise<TestHqDatabase> {
  return createTestDatabase(hqDatabaseKind, label, options);
}
