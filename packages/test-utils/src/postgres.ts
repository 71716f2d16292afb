import { provisionDatabaseRoles } from '@meridian/db-driver';
import pg from 'pg';

/** The PostgreSQL server the test and CI machines run (user root, trust auth). */
export const testServerUrl = process.env.MERIDIAN_TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | undefined;

export function isTestServerReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: testServerUrl, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** Under CI the real server is the point: a missing one fails the run instead of silently using PGlite. */
export async function requireTestServerUnderCi(): Promise<boolean> {
  const ok = await isTestServerReachable();
  if (!ok && process.env.CI) {
    throw new Error(`PostgreSQL is not reachable at ${testServerUrl}; CI must test against the real server.`);
  }
  return ok;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The roles every test database is split between, as in production: the owner migrates, the app role
 * owns nothing. Shared by all test databases (roles are cluster-wide; creating them is idempotent and
 * serialised, so parallel test files do not race).
 */
export const testOwnerRole = 'meridian_test_owner';
export const testAppRole = 'meridian_test_app';

export interface FreshServerDatabase {
  /** The app role's connection string: what the app and most tests use. */
  url: string;
  /** The owner role's: migrations, and tests that act as the schema owner. */
  ownerUrl: string;
  /** The superuser's, for tests that need to step outside every rule. */
  adminUrl: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * An empty database on the test server owned by the test owner role, named for the suite so a leftover
 * one says where it came from.
 */
export async function createFreshServerDatabase(label: string): Promise<FreshServerDatabase> {
  const safeLabel = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  const name = `meridian_t_${safeLabel}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdminClient((client) => client.query(`create database "${name}"`));
  const roles = await provisionDatabaseRoles(testServerUrl, { database: name, ownerRole: testOwnerRole, appRole: testAppRole });
  const adminUrl = new URL(testServerUrl);
  adminUrl.pathname = `/${name}`;
  return {
    url: roles.appUrl,
    ownerUrl: roles.ownerUrl,
    adminUrl: adminUrl.toString(),
    name,
    drop: () => withAdminClient((client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}
