import { hqMigrationsFolder, openHqDatabase, type HqDatabaseHandle } from '@meridian/hq-db';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './testDatabase.ts';

export type TestHqDatabase = TestDatabase<HqDatabaseHandle>;

const hqDatabaseKind: TestDatabaseKind<HqDatabaseHandle> = { name: 'hq', migrationsFolder: hqMigrationsFolder, open: openHqDatabase };

export function createTestHqDatabase(label: string, options: { driver?: 'pg' | 'pglite' } = {}): Promise<TestHqDatabase> {
  return createTestDatabase(hqDatabaseKind, label, options);
}
