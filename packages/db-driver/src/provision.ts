/**
 * Creates the owner and app roles for a database, as an administrator (a superuser, or a role with
 * CREATEROLE that may hand the database over). Idempotent and safe to run from many processes at once:
 * roles are cluster-wide, and test files create databases in parallel.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface DatabaseRoles {
  ownerRole: string;
  appRole: string;
  /** The admin URL with the owner role (and its password, when one was set): MERIDIAN_MIGRATE_URL. */
  ownerUrl: string;
  /** The admin URL with the app role: DATABASE_URL. */
  appUrl: string;
}

export interface ProvisionOptions {
  /** The database to hand to the owner; defaults to the one the admin URL names. */
  database?: string;
  /** Create `database` first when it does not exist (the admin URL then names another database). */
  createDatabase?: boolean;
  /** Defaults to `<database>_owner` / `<database>_app`. */
  ownerRole?: string;
  appRole?: string;
  /** Give both roles fresh random passwords (servers that do not trust local connections need them). */
  passwords?: boolean;
}

/** Serialises role changes of concurrent provisioners connected to the same database. */
const provisionLockKey = 0x524f4c45; // "ROLE"

async function createRoleOnce(client: pg.Client, role: string): Promise<void> {
  const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
  if (rowCount) return;
  try {
    await client.query(`create role ${pg.escapeIdentifier(role)} login nosuperuser nocreatedb nocreaterole`);
  } catch (error) {
    // Another process created it between the check and here (duplicate_object or the catalog's unique index).
    const code = (error as { code?: string }).code;
    if (code !== '42710' && code !== '23505') throw error;
  }
}

function withRole(url: string, database: string, role: string, password: string | null): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  parsed.username = encodeURIComponent(role);
  parsed.password = password ? encodeURIComponent(password) : '';
  return parsed.toString();
}

/**
 * A database first migrated by a single role (the old one-URL setup) keeps its objects with that role:
 * hand them to the owner, so the next migrate step can grant and the app role owns nothing.
 */
async function handOverExistingObjects(client: pg.Client, ownerRole: string): Promise<void> {
  const owner = pg.escapeIdentifier(ownerRole);
  const { rows } = await client.query<{ statement: string }>(
    `select format('alter %s %s owner to %s', kind, object, $1::text) as statement from (
       select case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end as kind,
              format('%I.%I', n.nspname, c.relname) as object, c.relowner as owner
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p', 'v', 'm', 'S')
          and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')))
       union all
       select 'function', format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), p.proowner
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'
       union all
       select 'schema', format('%I', n.nspname), n.nspowner from pg_namespace n where n.nspname = 'drizzle'
     ) objects where owner <> (select oid from pg_roles where rolname = $2)`,
    [owner, ownerRole],
  );
  for (const { statement } of rows) await client.query(statement);
}

export async function provisionDatabaseRoles(adminUrl: string, options: ProvisionOptions = {}): Promise<DatabaseRoles> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const database = options.database ?? (await client.query<{ name: string }>('select current_database() as name')).rows[0]!.name;
    const ownerRole = options.ownerRole ?? `${database}_owner`;
    const appRole = options.appRole ?? `${database}_app`;
    for (const role of [ownerRole, appRole]) {
      if (Buffer.byteLength(role) > 63) throw new Error(`role name ${role} is longer than PostgreSQL's 63 bytes; pass shorter role names`);
    }
    if (options.database && options.createDatabase) {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
      if (!rowCount) {
        try {
          await client.query(`create database ${pg.escapeIdentifier(database)}`);
        } catch (error) {
          if ((error as { code?: string }).code !== '42P04') throw error; // created meanwhile by another process
        }
      }
    }
    const passwords = options.passwords ? { owner: randomBytes(18).toString('base64url'), app: randomBytes(18).toString('base64url') } : null;
    await client.query('begin');
    try {
      await client.query('select pg_advisory_xact_lock($1)', [provisionLockKey]);
      await createRoleOnce(client, ownerRole);
      await createRoleOnce(client, appRole);
      if (passwords) {
        await client.query(`alter role ${pg.escapeIdentifier(ownerRole)} password ${pg.escapeLiteral(passwords.owner)}`);
        await client.query(`alter role ${pg.escapeIdentifier(appRole)} password ${pg.escapeLiteral(passwords.app)}`);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
    await client.query(`alter database ${pg.escapeIdentifier(database)} owner to ${pg.escapeIdentifier(ownerRole)}`);
    await client.query(`grant connect on database ${pg.escapeIdentifier(database)} to ${pg.escapeIdentifier(appRole)}`);
    const connectedTo = (await client.query<{ name: string }>('select current_database() as name')).rows[0]!.name;
    if (connectedTo === database) await handOverExistingObjects(client, ownerRole);
    return {
      ownerRole,
      appRole,
      ownerUrl: withRole(adminUrl, database, ownerRole, passwords?.owner ?? null),
      appUrl: withRole(adminUrl, database, appRole, passwords?.app ?? null),
    };
  } finally {
    await client.end();
  }
}
