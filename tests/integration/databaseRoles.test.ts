/**
 * The database rules bind the role the app connects as: every bypass a probe used against a superuser
 * app role is refused to the app role, the app refuses to start on a role that could switch the rules
 * off, and processes starting together migrate one at a time.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { assertAppRole, provisionDatabaseRoles } from '@meridian/db-driver';
import { openHqDatabase } from '@meridian/hq-db';
import { inWriteTransaction, insertContactRecord, insertCustomer, migrateRegionDatabase, nextCustomerCode, openRegionDatabase } from '@meridian/region-db';
import { sql } from 'drizzle-orm';
import {
  createFreshServerDatabase,
  createTestHqDatabase,
  createTestRegionDatabase,
  requireTestServerUnderCi,
  testServerUrl,
  type TestHqDatabase,
  type TestRegionDatabase,
} from '@meridian/test-utils';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverReachable = await requireTestServerUnderCi();

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** The SQLSTATE a statement was refused with, or 'accepted'. Each attempt runs in its own transaction. */
async function refusal(client: pg.Client, statement: string): Promise<string> {
  await client.query('begin');
  try {
    await client.query(statement);
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.query('rollback');
  }
}

// 42501 insufficient_privilege (includes "must be owner"); MR001 the closed-record trigger.
const denied = '42501';

describe.runIf(serverReachable)('the region app role', () => {
  let database: TestRegionDatabase;
  let app: pg.Client;
  let closedRecordId: string;
  beforeAll(async () => {
    database = await createTestRegionDatabase('database-roles-region');
    app = await connect(database.url!);
    // A customer, a manager change (history + audit + feed rows) and a closed contact record, written as the app.
    closedRecordId = await inWriteTransaction(database.db, { actor: 'alice', procedure: 'test.seed' }, async (tx) => {
      const customer = await insertCustomer(tx, {
        code: await nextCustomerCode(tx, 'HK'),
        country: 'HK',
        name: 'Role Test Holdings',
        segment: 'property',
        subSegment: 'hotels',
        city: 'Hong Kong',
        email: 'info@roletest.example',
        accountManager: 'alice',
        actor: 'alice',
      });
      await tx.execute(sql`update customers set account_manager = 'bob' where id = ${customer.id}`);
      const record = await insertContactRecord(tx, {
        customerId: customer.id,
        typeCode: 'enquiry.pricing',
        channel: 'phone',
        occurredAt: new Date('2026-11-20T09:00:00Z'),
        place: 'Central office',
        content: 'Quarterly call',
        outcome: 'Quoted',
        nextStep: 'Send proposal',
        language: 'en-GB',
        status: 'closed',
        closedAt: new Date(),
        closedBy: 'alice',
        createdBy: 'alice',
        updatedBy: 'alice',
      });
      return record.id;
    });
  });
  afterAll(async () => {
    await app?.end();
    await database?.cleanup();
  });

  it('is not a superuser and owns nothing, so the start-up check lets it in', async () => {
    await expect(assertAppRole(app, 'test')).resolves.toBeUndefined();
    const { rows } = await app.query<{ superuser: boolean }>('select rolsuper as superuser from pg_roles where rolname = current_user');
    expect(rows[0]!.superuser).toBe(false);
  });

  it('cannot switch triggers off for its session', async () => {
    expect(await refusal(app, 'set session_replication_role = replica')).toBe(denied);
    expect(await refusal(app, "select set_config('session_replication_role', 'replica', false)")).toBe(denied);
  });

  it.each(['contact_records', 'audit_log', 'change_feed', 'customers', 'account_manager_history'])('cannot disable, drop or add triggers on %s', async (table) => {
    const { rows } = await app.query<{ name: string }>(
      'select tgname as name from pg_trigger where tgrelid = $1::regclass and not tgisinternal limit 1',
      [table],
    );
    expect(rows.length).toBe(1);
    expect(await refusal(app, `alter table ${table} disable trigger all`)).toBe(denied);
    expect(await refusal(app, `alter table ${table} disable trigger ${rows[0]!.name}`)).toBe(denied);
    expect(await refusal(app, `drop trigger ${rows[0]!.name} on ${table}`)).toBe(denied);
    expect(await refusal(app, `create trigger sneaky before insert on ${table} for each row execute function meridian_refuse_change()`)).toBe(denied);
  });

  it.each(['audit_log', 'change_feed'])('cannot delete, update or truncate %s rows', async (table) => {
    const { rows } = await app.query<{ rows: string }>(`select count(*) as rows from ${table}`);
    expect(Number(rows[0]!.rows)).toBeGreaterThan(0);
    expect(await refusal(app, `delete from ${table}`)).toBe(denied);
    expect(await refusal(app, `update ${table} set ${table === 'audit_log' ? 'actor = actor' : 'entity = entity'}`)).toBe(denied);
    expect(await refusal(app, `truncate ${table}`)).toBe(denied);
  });

  it('cannot move the audit chain head, which only the chain trigger writes', async () => {
    expect(await refusal(app, 'update audit_chain_head set seq = 0')).toBe(denied);
    expect(await refusal(app, 'delete from audit_chain_head')).toBe(denied);
    expect(await refusal(app, "insert into audit_chain_head (id, seq, hash, chained_at, legacy_seq) values (2, 0, '', now(), 0)")).toBe(denied);
  });

  it('cannot rewrite or delete account manager history, only close the current assignment as the trigger does', async () => {
    expect(await refusal(app, `delete from account_manager_history`)).toBe(denied);
    expect(await refusal(app, `update account_manager_history set account_manager = 'mallory'`)).toBe(denied);
    expect(await refusal(app, `truncate account_manager_history`)).toBe(denied);
  });

  it('cannot change a closed contact record, nor truncate the table', async () => {
    expect(await refusal(app, `update contact_records set content = 'rewritten' where id = '${closedRecordId}'`)).toBe('MR001');
    expect(await refusal(app, `delete from contact_records where id = '${closedRecordId}'`)).toBe('MR001');
    expect(await refusal(app, 'truncate contact_records cascade')).toBe(denied);
  });

  it('cannot take ownership, create tables or redefine the rule functions', async () => {
    expect(await refusal(app, 'alter table audit_log owner to current_user')).toBe(denied);
    expect(await refusal(app, 'create table public.shadow (id int)')).toBe(denied);
    expect(await refusal(app, 'create table shadow (id int)')).toBe(denied);
    expect(await refusal(app, 'create schema shadow')).toBe(denied);
    expect(await refusal(app, `create or replace function meridian_refuse_change() returns trigger language plpgsql as $$ begin return null; end $$`)).toBe(denied);
    expect(await refusal(app, 'alter function meridian_actor() owner to current_user')).toBe(denied);
    // GRANT on a table it does not own only warns that nothing was granted: check nothing was.
    await app.query('grant all on audit_log to public');
    const { rows } = await app.query<{ can: boolean }>(
      `select has_table_privilege('meridian_test_app', 'audit_log', 'DELETE') or has_table_privilege('public', 'audit_log', 'DELETE') as can`,
    );
    expect(rows[0]!.can).toBe(false);
  });

  it('still does its work: the audit trail and feed grew with the seed, written through the triggers', async () => {
    const { rows } = await app.query<{ audit: string; feed: string; history: string; open: string }>(
      `select (select count(*) from audit_log) as audit, (select count(*) from change_feed) as feed,
              (select count(*) from account_manager_history) as history,
              (select count(*) from account_manager_history where ended_at is null) as open`,
    );
    expect(Number(rows[0]!.audit)).toBeGreaterThanOrEqual(4);
    expect(Number(rows[0]!.feed)).toBeGreaterThanOrEqual(4);
    // alice's assignment was closed (ended_at, the one column it may update) when bob's began.
    expect([Number(rows[0]!.history), Number(rows[0]!.open)]).toEqual([2, 1]);
  });

  it('gets read/write DML on a table a later migration adds, once the migrate step has run again', async () => {
    const owner = await connect(database.ownerUrl!);
    try {
      await owner.query('create table later_addition (id int primary key, note text)');
      expect(await refusal(app, "insert into later_addition values (1, 'x')")).toBe(denied);
      await migrateRegionDatabase({ migrationUrl: database.ownerUrl!, appRole: 'meridian_test_app' });
      expect(await refusal(app, "insert into later_addition values (1, 'x')")).toBe('accepted');
      await app.query("insert into later_addition values (1, 'x')");
      expect(await refusal(app, "update later_addition set note = 'y'")).toBe('accepted');
      expect(await refusal(app, 'delete from later_addition')).toBe('accepted');
      expect(await refusal(app, 'truncate later_addition')).toBe(denied);
      expect(await refusal(app, 'drop table later_addition')).toBe(denied);
      // The restricted tables kept their restrictions through the re-grant.
      expect(await refusal(app, 'delete from audit_log')).toBe(denied);
    } finally {
      await owner.query('drop table if exists later_addition');
      await owner.end();
    }
  });

  it('the owner is still bound by the triggers, though it could switch them off', async () => {
    const owner = await connect(database.ownerUrl!);
    try {
      expect(await refusal(owner, 'delete from audit_log')).toBe('MR002');
      expect(await refusal(owner, `update contact_records set content = 'rewritten' where id = '${closedRecordId}'`)).toBe('MR001');
    } finally {
      await owner.end();
    }
  });
});


describe.runIf(serverReachable)('HQ app role', () => {
  let database: TestHqDatabase;
  let app: pg.Client;
  beforeAll(async () => {
    database = await createTestHqDatabase('database-roles-hq');
    app = await connect(database.url!);
    await database.db.execute(
      sql`insert into hq_audit_log (actor, action, subject, detail) values ('steward', 'test.entry', 'GC-1', '{}'::jsonb)`,
    );
  });
  afterAll(async () => {
    await app?.end();
    await database?.cleanup();
  });

  it('cannot switch triggers off, nor rewrite HQ audit rows', async () => {
    expect(await refusal(app, 'set session_replication_role = replica')).toBe(denied);
    expect(await refusal(app, 'alter table hq_audit_log disable trigger hq_audit_log_append_only')).toBe(denied);
    expect(await refusal(app, 'drop trigger hq_audit_log_append_only on hq_audit_log')).toBe(denied);
    expect(await refusal(app, 'alter table reviews disable trigger reviews_guard')).toBe(denied);
    expect(await refusal(app, 'delete from hq_audit_log')).toBe(denied);
    expect(await refusal(app, "update hq_audit_log set actor = 'nobody'")).toBe(denied);
    expect(await refusal(app, 'truncate hq_audit_log')).toBe(denied);
    expect(await refusal(app, 'update hq_audit_chain_head set seq = 0')).toBe(denied);
    expect(await refusal(app, 'delete from hq_audit_chain_head')).toBe(denied);
    expect(await refusal(app, 'create table public.shadow (id int)')).toBe(denied);
    expect(await refusal(app, 'alter table regions owner to current_user')).toBe(denied);
  });

  it('owns nothing, and refreshes the analytics views only through the owner\'s function, for those views only', async () => {
    const { rows } = await app.query<{ name: string; kind: string }>(
      `select c.relname as name, c.relkind as kind from pg_class c
        where pg_has_role(current_user, c.relowner, 'USAGE') and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') order by 1`,
    );
    expect(rows).toEqual([]);
    expect(await refusal(app, 'refresh materialized view concurrently analytics_account_facts')).toBe(denied);
    expect(await refusal(app, 'drop materialized view analytics_account_facts')).toBe(denied);
    expect(await refusal(app, "select meridian_refresh_analytics_view('analytics_account_facts', true)")).toBe('accepted');
    expect(await refusal(app, "select meridian_refresh_analytics_view('hq_audit_log', false)")).toBe(denied);
    expect(await refusal(app, 'select count(*) from analytics_account_facts')).toBe('accepted');
    await expect(assertAppRole(app, 'test')).resolves.toBeUndefined();
  });
});

describe.runIf(serverReachable)('the start-up check', () => {
  let fresh: Awaited<ReturnType<typeof createFreshServerDatabase>>;
  beforeAll(async () => {
    fresh = await createFreshServerDatabase('database-roles-startup');
  });
  afterAll(() => fresh?.drop());

  it('refuses an unmigrated database and names the migrate step', async () => {
    await expect(openRegionDatabase({ driver: 'pg', url: fresh.url })).rejects.toThrow(/not migrated \(0 of \d+ migrations applied\).*npm run migrate/);
  });

  it('refuses a superuser pool, whatever database it points at', async () => {
    expect(new URL(testServerUrl).username).toBe('root');
    await expect(openRegionDatabase({ driver: 'pg', url: fresh.adminUrl, migrationUrl: fresh.ownerUrl })).rejects.toThrow(
      /refusing to run as database role "root": it is a superuser.*MERIDIAN_MIGRATE_URL/,
    );
    await expect(openHqDatabase({ driver: 'pg', url: fresh.adminUrl })).rejects.toThrow(/"root": it is a superuser/);
  });

  it('refuses the owner as app role, and a pool whose role owns a table', async () => {
    await openRegionDatabase({ driver: 'pg', url: fresh.url, migrationUrl: fresh.ownerUrl }).then((handle) => handle.close());
    await expect(openRegionDatabase({ driver: 'pg', url: fresh.ownerUrl })).rejects.toThrow(/owns \d+ object\(s\) \(.*table public\.\w+/);
    await expect(openRegionDatabase({ driver: 'pg', url: fresh.ownerUrl, migrationUrl: fresh.ownerUrl })).rejects.toThrow(/"meridian_test_owner": it owns/);
    await expect(migrateRegionDatabase({ migrationUrl: fresh.ownerUrl, appRole: 'meridian_test_owner' })).rejects.toThrow(/app and migration roles are both/);
    // A role that owns just one table it created somewhere it was allowed to.
    const admin = await connect(fresh.adminUrl);
    try {
      await admin.query('drop role if exists meridian_test_one_table');
      await admin.query('create role meridian_test_one_table login');
      await admin.query('create schema scratch authorization meridian_test_one_table');
      await admin.query('create table scratch.notes (id int)');
      await admin.query('alter table scratch.notes owner to meridian_test_one_table');
      const url = new URL(fresh.url);
      url.username = 'meridian_test_one_table';
      await expect(openRegionDatabase({ driver: 'pg', url: url.toString() })).rejects.toThrow(/owns 2 object\(s\) \(schema scratch, table scratch\.notes\)/);
    } finally {
      await admin.query('drop schema scratch cascade');
      await admin.query('drop role meridian_test_one_table');
      await admin.end();
    }
  });
});

const migrateEntries = {
  region: fileURLToPath(new URL('../../apps/region-node/src/migrate.ts', import.meta.url)),
  hq: fileURLToPath(new URL('../../apps/hq/src/migrate.ts', import.meta.url)),
};

/** Runs a migrate command in its own process; resolves to its exit code and output. */
function runMigrate(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe.runIf(serverReachable).each(['region', 'hq'] as const)('two %s processes migrating one database at once', (kind) => {
  let fresh: Awaited<ReturnType<typeof createFreshServerDatabase>>;
  beforeAll(async () => {
    fresh = await createFreshServerDatabase(`database-roles-race-${kind}`);
  });
  afterAll(() => fresh?.drop());

  it('both succeed, each migration applied once, and the app role can then open it', { timeout: 90_000 }, async () => {
    const env = { MERIDIAN_MIGRATE_URL: fresh.ownerUrl, DATABASE_URL: fresh.url };
    const results = await Promise.all([runMigrate(migrateEntries[kind], env), runMigrate(migrateEntries[kind], env)]);
    for (const result of results) expect(result, result.output).toMatchObject({ code: 0 });
    const owner = await connect(fresh.ownerUrl);
    try {
      const { rows } = await owner.query<{ applied: string; distinct: string }>(
        'select count(*) as applied, count(distinct hash) as distinct from drizzle.__drizzle_migrations',
      );
      expect(Number(rows[0]!.applied)).toBeGreaterThan(0);
      expect(rows[0]!.applied).toBe(rows[0]!.distinct);
    } finally {
      await owner.end();
    }
    const handle = kind === 'region' ? await openRegionDatabase({ driver: 'pg', url: fresh.url }) : await openHqDatabase({ driver: 'pg', url: fresh.url });
    await handle.close();
  });
});

describe.runIf(serverReachable)('a database first set up with one superuser URL', () => {
  let fresh: Awaited<ReturnType<typeof createFreshServerDatabase>>;
  beforeAll(async () => {
    fresh = await createFreshServerDatabase('database-roles-legacy');
  });
  afterAll(() => fresh?.drop());

  it('is split by db:roles: everything handed to the owner, then the app role runs it', { timeout: 90_000 }, async () => {
    // The old way: the superuser migrated, so it owns every table.
    await migrateRegionDatabase({ migrationUrl: fresh.adminUrl, appRole: 'meridian_test_app' });
    const roles = await provisionDatabaseRoles(fresh.adminUrl);
    expect(roles.ownerRole).toBe(`${fresh.name}_owner`);
    try {
      const handle = await openRegionDatabase({ driver: 'pg', url: roles.appUrl, migrationUrl: roles.ownerUrl });
      await handle.close();
      const admin = await connect(fresh.adminUrl);
      try {
        const { rows } = await admin.query<{ owner: string; tables: string }>(
          `select pg_get_userbyid(c.relowner) as owner, count(*) as tables from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p') group by 1`,
        );
        expect(rows.map((row) => row.owner)).toEqual([roles.ownerRole]);
      } finally {
        await admin.end();
      }
    } finally {
      await fresh.drop();
      const admin = await connect(testServerUrl);
      await admin.query(`drop role if exists "${roles.ownerRole}"`);
      await admin.query(`drop role if exists "${roles.appRole}"`);
      await admin.end();
    }
  });
});
