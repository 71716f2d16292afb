/**
 * The database settings every Meridian process reads, in one place:
 *   DATABASE_URL          the app role (owns nothing); without it, embedded PGlite
 *   MERIDIAN_MIGRATE_URL  the owner role; when set, the process migrates before connecting as the app
 *   MERIDIAN_APP_ROLE     the app role's name for a migrate step run alone (default: DATABASE_URL's user)
 *   MERIDIAN_DB_POOL      pool size (default 10)
 */
import { roleOfUrl } from './roles.ts';

export interface PostgresEnvOptions {
  driver: 'pg';
  url: string;
  migrationUrl?: string;
  poolSize: number;
}

export function postgresOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PostgresEnvOptions | null {
  if (!env.DATABASE_URL) {
    if (env.MERIDIAN_MIGRATE_URL) throw new Error('MERIDIAN_MIGRATE_URL is set but DATABASE_URL (the app role) is not');
    return null;
  }
  return {
    driver: 'pg',
    url: env.DATABASE_URL,
    ...(env.MERIDIAN_MIGRATE_URL ? { migrationUrl: env.MERIDIAN_MIGRATE_URL } : {}),
    poolSize: Number(env.MERIDIAN_DB_POOL ?? 10),
  };
}

/** What a migrate step run on its own needs: the owner's URL and the role to grant to. */
export function migrateOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): { migrationUrl: string; appRole: string } {
  const migrationUrl = env.MERIDIAN_MIGRATE_URL;
  if (!migrationUrl) throw new Error('Set MERIDIAN_MIGRATE_URL to the owner role\'s connection string (README, "Database roles").');
  const appRole = env.MERIDIAN_APP_ROLE || (env.DATABASE_URL ? roleOfUrl(env.DATABASE_URL) : null);
  if (!appRole) throw new Error('Name the app role: set DATABASE_URL (with its user) or MERIDIAN_APP_ROLE.');
  return { migrationUrl, appRole };
}
