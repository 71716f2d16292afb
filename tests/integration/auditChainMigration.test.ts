import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { regionMigrationsFolder, verifyAuditChain } from '@meridian/region-db';
import { createFreshServerDatabase, type FreshServerDatabase } from '@meridian/test-utils';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let fresh: FreshServerDatabase;
let client: pg.Client;
let scratch: string;

/** The region's migrations as they stood before the audit chain. */
function migrationsBeforeChain(): string {
  scratch = mkdtempSync(join(tmpdir(), 'meridian-before-chain-'));
  cpSync(regionMigrationsFolder, scratch, { recursive: true });
  const journalFile = join(scratch, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((entry) => entry.tag === '0006_audit_chain');
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalFile, JSON.stringify(journal));
  return scratch;
}

beforeAll(async () => {
  fresh = await createFreshServerDatabase('audit_chain_migration');
  client = new pg.Client({ connectionString: fresh.ownerUrl });
  await client.connect();
  await migrate(drizzle({ client }), { migrationsFolder: migrationsBeforeChain() });
});
afterAll(async () => {
  await client?.end();
  await fresh?.drop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('migrating an existing audit trail onto the chain', () => {
  it('chains the rows written before, oldest first, and new rows follow on', async () => {
    // Audit rows from before the chain, as concurrent transactions left them: times not in id order.
    for (const at of ['2026-03-02T10:00:00Z', '2026-03-01T10:00:00Z', '2026-03-03T10:00:00Z']) {
      await client.query(
        `insert into audit_log (occurred_at, actor, procedure, table_name, row_id, action, after)
         values ($1, 'bob', 'customers.update', 'customers', 'c1', 'update', '{"city": "Central"}')`,
        [at],
      );
    }
    const legacy = Number((await client.query('select count(*) from audit_log')).rows[0].count);
    expect(legacy).toBeGreaterThanOrEqual(3);

    await migrate(drizzle({ client }), { migrationsFolder: regionMigrationsFolder });

    const chained = await verifyAuditChain(drizzle({ client }), { keys: null });
    expect(chained).toMatchObject({ ok: true, count: legacy, legacyCount: legacy, head: { seq: legacy } });

    const firstAt = (await client.query(`select to_char(occurred_at at time zone 'UTC', 'MM-DD') as at from audit_log where seq = 1`)).rows[0].at;
    expect(firstAt).toBe('03-01');

    await client.query(
      `insert into audit_log (actor, procedure, table_name, row_id, action, after)
       values ('sql:' || current_user, 'sql', 'customers', 'c1', 'update', '{"city": "Kowloon"}')`,
    );
    const after = await verifyAuditChain(drizzle({ client }), { keys: null });
    expect(after).toMatchObject({ ok: true, count: legacy + 1, legacyCount: legacy, sqlCount: 1 });
  });
});
