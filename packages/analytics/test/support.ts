import { createTestHqDatabase, type TestHqDatabase } from '@meridian/test-utils';
import { afterAll, beforeAll, describe } from 'vitest';
import { refreshAnalytics, setupAnalytics } from '../src/index.ts';
import { loadFixture } from './fixture.ts';

/**
 * Runs `suite` on a fresh HQ database holding the fixture: the default one (the PostgreSQL server when
 * reachable) and embedded PGlite, so every expectation holds on both.
 */
export function onFixtureDatabases(label: string, suite: (database: () => TestHqDatabase) => void): void {
  describe.each([{ driver: 'default' as const }, { driver: 'pglite' as const }])(`${label} ($driver)`, ({ driver }) => {
    let database: TestHqDatabase | undefined;
    beforeAll(async () => {
      database = await createTestHqDatabase(`analytics_${label}`, driver === 'pglite' ? { driver } : {});
      await loadFixture(database.db);
      // As HQ's migrate step does: only the owner may create the views (the app role refreshes them).
      await setupAnalytics(database.ownerDb);
      await refreshAnalytics(database.db);
    });
    afterAll(() => database?.cleanup());
    suite(() => database!);
  });
}
