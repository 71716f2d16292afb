/**
 * The two PostgreSQL roles that make the database rules binding: an owner that migrates (owns every table,
 * trigger and function) and an app role that owns nothing and holds only the DML it needs. Only an owner or
 * a superuser can disable or drop a trigger, or set `session_replication_role`; so rules enforced by
 * triggers hold against the app, and append-only tables lose UPDATE/DELETE/TRUNCATE outright.
 */
import pg from 'pg';

/**
 * What the app role may do to a table that does not get the default read/write DML: plain privileges
 * (never UPDATE, DELETE or TRUNCATE) and the columns it may still update (e.g. the history trigger closing
 * a row by setting `ended_at`).
 */
export interface RestrictedTable {
  privileges: readonly ('select' | 'insert')[];
  updatableColumns?: readonly string[];
}
export type RestrictedTables = Readonly<Record<string, RestrictedTable>>;

/** Read and append, never rewrite (audit trails, the change feed). */
export const appendOnly = (...updatableColumns: string[]): RestrictedTable => ({ privileges: ['select', 'insert'], updatableColumns });
/** Read only: written by SECURITY DEFINER functions or the owner. */
export const readOnly: RestrictedTable = { privileges: ['select'] };

export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

const rolesHelp =
  'Connect DATABASE_URL as the app role (owns nothing, DML only) and run migrations as the owner role ' +
  '(MERIDIAN_MIGRATE_URL); `npm run db:roles -w @meridian/db-driver -- <admin url>` creates both for one database ' +
  '(README, "Database roles").';

/** The role name in a connection string, or null when the URL leaves it to the environment. */
export function roleOfUrl(url: string): string | null {
  const user = new URL(url).username;
  return user ? decodeURIComponent(user) : null;
}

interface RoleFacts {
  role: string;
  superuser: boolean;
  bypassRls: boolean;
  owned: string[];
  canCreate: string[];
}

/** What the connected role is and what it owns or may create in this database. */
async function roleFacts(client: Queryable): Promise<RoleFacts> {
  const { rows } = await client.query<{ role: string; superuser: boolean; bypass_rls: boolean; owned: string[] | null; can_create: string[] }>(`
    select current_user as role, r.rolsuper as superuser, r.rolbypassrls as bypass_rls,
      (select array_agg(owned order by rank, owned) from (
         select format('%s %I.%I', case c.relkind when 'r' then 'table' when 'p' then 'table' when 'v' then 'view'
                  when 'm' then 'materialized view' when 'S' then 'sequence' when 'f' then 'foreign table' else 'relation' end,
                  n.nspname, c.relname) as owned,
                case when c.relkind in ('r', 'p') then 1 else 2 end as rank
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and pg_has_role(current_user, c.relowner, 'USAGE')
            and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
         union all
         select format('function %I.%I', n.nspname, p.proname), 3
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where pg_has_role(current_user, p.proowner, 'USAGE') and n.nspname not in ('pg_catalog', 'information_schema')
         union all
         select format('schema %I', n.nspname), 0
           from pg_namespace n
          where pg_has_role(current_user, n.nspowner, 'USAGE') and n.nspname not in ('pg_catalog', 'information_schema')
            and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
       ) owned_objects) as owned,
      array_remove(array[
        case when has_database_privilege(current_database(), 'CREATE') then 'database ' || current_database() end,
        case when has_schema_privilege('public', 'CREATE') then 'schema public' end
      ], null) as can_create
    from pg_roles r where r.rolname = current_user`);
  const row = rows[0]!;
  return { role: row.role, superuser: row.superuser, bypassRls: row.bypass_rls, owned: row.owned ?? [], canCreate: row.can_create };
}

/**
 * Refuses to run the app as a role the rules cannot bind: a superuser, a role that owns (or is a member of
 * a role that owns) any table, trigger function or schema, or one that can create objects.
 */
export async function assertAppRole(client: Queryable, label: string): Promise<void> {
  const facts = await roleFacts(client);
  const problems: string[] = [];
  if (facts.superuser) problems.push('it is a superuser');
  if (facts.bypassRls) problems.push('it bypasses row-level security');
  if (facts.owned.length > 0) {
    const shown = facts.owned.slice(0, 5).join(', ');
    problems.push(`it owns ${facts.owned.length} object(s) (${shown}${facts.owned.length > 5 ? ', …' : ''})`);
  }
  if (facts.canCreate.length > 0) problems.push(`it may create objects in ${facts.canCreate.join(' and ')}`);
  if (problems.length > 0) {
    throw new Error(
      `[${label}] refusing to run as database role "${facts.role}": ${problems.join('; ')}, so it could switch off ` +
        `the database rules (triggers, append-only tables). ${rolesHelp}`,
    );
  }
}

/** Refuses the owner as app role up front: the grants below would be meaningless. */
export async function assertDistinctRoles(owner: Queryable, appRole: string, label: string): Promise<void> {
  const { rows } = await owner.query<{ same: boolean; exists: boolean }>(
    `select current_user = $1 as same, exists (select 1 from pg_roles where rolname = $1) as exists`,
    [appRole],
  );
  if (!rows[0]!.exists) throw new Error(`[${label}] app role "${appRole}" does not exist. ${rolesHelp}`);
  if (rows[0]!.same) throw new Error(`[${label}] the app and migration roles are both "${appRole}". ${rolesHelp}`);
}

const ident = (name: string) => pg.escapeIdentifier(name);

/**
 * Gives the app role exactly what it needs, after every migration, so tables added later get them too:
 * read/write DML on every table except the restricted ones (append-only: SELECT and INSERT plus the named
 * columns' UPDATE; read-only: SELECT), sequences and functions usable, the migration journal readable (to check it is up to date), and
 * materialized views readable (refreshed through the owner's SECURITY DEFINER function). Runs as the owner
 * inside its transaction.
 */
export async function applyAppGrants(owner: Queryable, options: { appRole: string; restrictedTables: RestrictedTables; label: string }): Promise<void> {
  const app = ident(options.appRole);
  const { rows: relations } = await owner.query<{ name: string; kind: string }>(
    `select c.relname as name, c.relkind as kind
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'f', 'm') order by c.relname`,
  );
  const names = new Set(relations.map((relation) => relation.name));
  const missing = Object.keys(options.restrictedTables).filter((table) => !names.has(table));
  if (missing.length > 0) throw new Error(`[${options.label}] restricted table(s) ${missing.join(', ')} do not exist after migrating`);

  await owner.query(`revoke create on schema public from public`);
  await owner.query(`grant usage on schema public to ${app}`);
  for (const relation of relations) {
    const table = `public.${ident(relation.name)}`;
    if (relation.kind === 'm') {
      // Derived data: the app reads it and refreshes it only through the owner's SECURITY DEFINER function.
      await owner.query(`revoke all on ${table} from ${app}`);
      await owner.query(`grant select on ${table} to ${app}`);
      continue;
    }
    // From scratch each time, so a table that became append-only loses what it had.
    await owner.query(`revoke all on ${table} from ${app}`);
    const restricted = options.restrictedTables[relation.name];
    if (!restricted) {
      await owner.query(`grant select, insert, update, delete on ${table} to ${app}`);
      continue;
    }
    if (restricted.privileges.length > 0) await owner.query(`grant ${restricted.privileges.join(', ')} on ${table} to ${app}`);
    const columns = restricted.updatableColumns ?? [];
    if (columns.length > 0) await owner.query(`grant update (${columns.map(ident).join(', ')}) on ${table} to ${app}`);
  }
  await owner.query(`grant usage, select on all sequences in schema public to ${app}`);
  await owner.query(`grant execute on all functions in schema public to ${app}`);
  await owner.query(`grant usage on schema drizzle to ${app}`);
  await owner.query(`grant select on all tables in schema drizzle to ${app}`);
}
