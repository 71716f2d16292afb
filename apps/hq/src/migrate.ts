/**
 * The migrate step alone: `npm run migrate -w @meridian/hq`, as the owner role (MERIDIAN_MIGRATE_URL):
 * migrations, the analytics views (only an owner may create them), then the app role's grants (the app
 * role is DATABASE_URL's user, or MERIDIAN_APP_ROLE). Safe to run while HQ starts: migrations take an
 * advisory lock.
 */
import { migrateOptionsFromEnv } from '@meridian/db-driver';
import { migrateHqDatabase } from '@meridian/hq-db';
import { hqOwnerSteps } from './ownerSteps.ts';

try {
  const options = migrateOptionsFromEnv();
  await migrateHqDatabase({ ...options, ownerSteps: hqOwnerSteps });
  console.log(`HQ database migrated; app role "${options.appRole}" granted`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
