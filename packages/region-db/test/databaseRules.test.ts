import { createTestRegionDatabase, requireTestServerUnderCi, type TestRegionDatabase } from '@meridian/test-utils';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountManagerHistory,
  auditTrailOf,
  changeFeed,
  contactRecords,
  customers,
  decodeFeedCursor,
  inWriteTransaction,
  readChangeFeed,
  setAccountManager,
  selectRows,
  type ChangeFeedEntry,
} from '../src/index.ts';
import { seedContactRecord, seedCustomer } from './fixtures.ts';

// The rules must hold on the server (production, CI) and on the embedded default (demo, newcomers) alike.
const serverReachable = await requireTestServerUnderCi();
const drivers = serverReachable ? (['pg', 'pglite'] as const) : (['pglite'] as const);

describe.each(drivers)('database rules on %s', (driver) => {
let database: TestRegionDatabase;
beforeAll(async () => {
  database = await createTestRegionDatabase(`region-db-rules-${driver}`, { driver });
});
afterAll(() => database?.cleanup());

/**
 * The feed serves a commit once every transaction older than it has finished, cluster-wide (other
 * test files' databases share the server), so visibility is eventual: poll, as HQ does.
 */
async function eventuallyFeed(after: { txid: string; seq: number }, until: (entries: ChangeFeedEntry[]) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const entries = await readChangeFeed(database.db, after, 10_000);
    if (until(entries) || Date.now() > deadline) return entries;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The database error code a rejected statement carried (drizzle wraps driver errors in `cause`). */
async function rejectionCode(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    const err = error as { code?: string; cause?: { code?: string } };
    return err.cause?.code ?? err.code;
  }
  return undefined;
}

describe('closed contact records', () => {
  it('cannot be updated or deleted even by raw SQL', async () => {
    const customer = await seedCustomer(database.db, 'Closed Record Holdings');
    const record = await seedContactRecord(database.db, customer.id, 'closed');
    expect(await rejectionCode(database.db.execute(sql`update contact_records set content = 'rewritten' where id = ${record.id}`))).toBe('MR001');
    expect(await rejectionCode(database.db.execute(sql`delete from contact_records where id = ${record.id}`))).toBe('MR001');
    // As the owner: the app role is refused TRUNCATE by its grants before the trigger is reached.
    expect(await rejectionCode(database.ownerDb.execute(sql`truncate contact_records cascade`))).toBe('MR002');
    const [stored] = await database.db.select().from(contactRecords).where(eq(contactRecords.id, record.id));
    expect(stored?.content).toBe('查詢保養合約價格');
  });

  it('can still be closed while open, and is then frozen', async () => {
    const customer = await seedCustomer(database.db, 'Open Then Closed Ltd');
    const record = await seedContactRecord(database.db, customer.id, 'open');
    await database.db.execute(sql`update contact_records set status = 'closed', closed_at = now(), closed_by = 'bob' where id = ${record.id}`);
    expect(await rejectionCode(database.db.execute(sql`update contact_records set status = 'open' where id = ${record.id}`))).toBe('MR001');
  });
});

describe('account manager history', () => {
  it('keeps exactly one current manager, with the previous one ended', async () => {
    const customer = await seedCustomer(database.db, 'Reassigned Ltd');
    await inWriteTransaction(database.db, { actor: 'lead-lee', procedure: 'test.reassign', reason: 'Alice moved to Macau' }, (tx) =>
      setAccountManager(tx, customer, 'bob', 'lead-lee'),
    );
    const history = await database.db.select().from(accountManagerHistory).where(eq(accountManagerHistory.customerId, customer.id)).orderBy(accountManagerHistory.id);
    expect(history.map((row) => [row.accountManager, row.endedAt === null, row.reason])).toEqual([
      ['alice', false, null],
      ['bob', true, 'Alice moved to Macau'],
    ]);
    expect(history[1]?.assignedBy).toBe('lead-lee');
    const secondCurrent = database.db.execute(
      sql`insert into account_manager_history (customer_id, account_manager, assigned_by) values (${customer.id}, 'mallory', 'sql')`,
    );
    expect(await rejectionCode(secondCurrent)).toBe('23505');
    expect(await rejectionCode(database.ownerDb.execute(sql`delete from account_manager_history where customer_id = ${customer.id}`))).toBe('MR002');
  });
});

describe('audit log', () => {
  it('traces API writes and raw SQL writes, and refuses to be rewritten', async () => {
    const customer = await seedCustomer(database.db, 'Audited Trading Co');
    await database.db.execute(sql`update customers set city = 'Kowloon' where id = ${customer.id}`);
    const trail = await auditTrailOf(database.db, 'customers', customer.id);
    expect(trail.map((entry) => [entry.action, entry.actor, entry.procedure])).toEqual([
      ['insert', 'alice', 'test.seed'],
      ['update', expect.stringMatching(/^sql:/), 'sql'],
    ]);
    expect((trail[1]?.before as { city: string }).city).toBe('Hong Kong');
    expect((trail[1]?.after as { city: string }).city).toBe('Kowloon');
    // As the owner (the app role has no DELETE or UPDATE here at all): the trigger holds for it too.
    expect(await rejectionCode(database.ownerDb.execute(sql`delete from audit_log`))).toBe('MR002');
    expect(await rejectionCode(database.ownerDb.execute(sql`update audit_log set actor = 'nobody'`))).toBe('MR002');
  });
});

describe('change feed', () => {
  it('gets an entry in the same transaction as the change, and none when it rolls back', async () => {
    const before = await database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(changeFeed);
    await expect(
      inWriteTransaction(database.db, { actor: 'alice', procedure: 'test.rollback' }, async (tx) => {
        await tx.update(customers).set({ city: 'Nowhere' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const after = await database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(changeFeed);
    expect(after[0]?.n).toBe(before[0]?.n);

    const customer = await seedCustomer(database.db, 'Feed Visible Ltd');
    const entries = await eventuallyFeed(decodeFeedCursor('0:0')!, (found) => found.some((entry) => entry.entityId === customer.id));
    expect(entries.some((entry) => entry.entity === 'customer' && entry.entityId === customer.id && entry.op === 'upsert')).toBe(true);
  });

  // PGlite has one connection, so transactions cannot interleave there; the server is where this can happen.
  it.runIf(driver === 'pg')('never serves a change while an older transaction is still open', async () => {
    // Transaction A takes its id first but commits last; B commits in between.
    const slow = await seedCustomer(database.db, 'Slow Writer Ltd');
    const startAll = await eventuallyFeed(decodeFeedCursor('0:0')!, (found) => found.some((entry) => entry.entityId === slow.id));
    const position = { txid: startAll.at(-1)!.txid, seq: startAll.at(-1)!.seq };
    let releaseA!: () => void;
    const aHolding = new Promise<void>((resolve) => (releaseA = resolve));
    let aStarted!: () => void;
    const aHasId = new Promise<void>((resolve) => (aStarted = resolve));
    const transactionA = inWriteTransaction(database.db, { actor: 'a', procedure: 'test.a' }, async (tx) => {
      await selectRows(tx, sql`select pg_current_xact_id()`);
      aStarted();
      await aHolding;
      await tx.update(customers).set({ city: 'Written by A' }).where(eq(customers.id, slow.id));
    });
    await aHasId;
    const fast = await seedCustomer(database.db, 'Fast Writer Ltd');
    const whileAOpen = await readChangeFeed(database.db, position, 100);
    expect(whileAOpen.some((entry) => entry.entityId === fast.id)).toBe(false);
    releaseA();
    await transactionA;
    const afterA = await eventuallyFeed(position, (found) => found.some((entry) => entry.entityId === fast.id));
    const order = afterA.map((entry) => entry.entityId);
    expect(order.indexOf(slow.id)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(slow.id)).toBeLessThan(order.indexOf(fast.id));
  });
});
});
