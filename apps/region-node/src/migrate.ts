/**
 * The migrate step alone: `npm run migrate -w @meridian/region-node`, as the owner role
 * (MERIDIAN_MIGRATE_URL), granting the app role (DATABASE_URL's user, or MERIDIAN_APP_ROLE) what it needs.
 * Safe to run while nodes start: migrations take an advisory lock.
 */
import { migrateOptionsFromEnv } from '@meridian/db-driver';
import { migrateRegionDatabase } from '@meridian/region-db';

try {
  const options = migrateOptionsFromEnv();
  await migrateRegionDatabase(options);
  console.log(`region database migrated; app role "${options.appRole}" granted`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
