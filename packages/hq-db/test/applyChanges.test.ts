import { createTestHqDatabase, type TestHqDatabase } from '@meridian/test-utils';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRegionBatch, findRegion, registerRegion, regionCustomers, type IncomingChange } from '../src/index.ts';

let database: TestHqDatabase;
beforeAll(async () => {
  database = await createTestHqDatabase('apply-changes');
});
afterAll(() => database?.cleanup());

const customerIds = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];

function customerChange(id: string, version: number, seq: number): IncomingChange {
  return {
    seq,
    entity: 'customer',
    entityId: id,
    op: 'upsert',
    version,
    recordedAt: new Date(Date.UTC(2026, 10, 1, 0, 0, seq)).toISOString(),
    withheld: [],
    data: {
      id,
      version,
      code: `HK-${id.slice(0, 6)}`,
      name: `滙豐 v${version}`,
      segment: 'property',
      subSegment: 'banks_financial_institutions',
      city: '香港',
      country: 'HK',
      lifecycleStage: 'active',
      accountManager: `manager-${version}`,
      annualRevenueGbp: 1000 * version,
      createdAt: '2026-11-01T00:00:00+00:00',
      updatedAt: new Date(Date.UTC(2026, 10, 1, 0, 0, seq)).toISOString(),
    },
  };
}

async function registered(code: string) {
  await registerRegion(
    database.db,
    { code, name: code, baseUrl: 'http://127.0.0.1:1', country: 'HK', locales: ['zh-HK'], timezone: 'Asia/Hong_Kong', currency: 'HKD', dataPolicy: { withheld: {} } },
    'test',
  );
}

async function replicaState(region: string) {
  const rows = await database.db.select().from(regionCustomers).where(eq(regionCustomers.region, region));
  return Object.fromEntries(rows.map((row) => [row.id, { version: row.version, name: row.name, accountManager: row.accountManager }]));
}

describe('applying region batches', () => {
  it('moves the cursor with the batch, in one transaction', async () => {
    await registered('t1');
    await applyRegionBatch(database.db, 't1', { changes: [customerChange(customerIds[0]!, 1, 1)], nextCursor: '10:1', hasMore: false });
    const region = await findRegion(database.db, 't1');
    expect(region?.cursor).toBe('10:1');
    expect(region?.changesApplied).toBe(1);
    expect(region?.caughtUp).toBe(true);
    const state = await replicaState('t1');
    expect(state[customerIds[0]!]).toEqual({ version: 1, name: '滙豐 v1', accountManager: 'manager-1' });
  });

  it('says whether a batch changed anything matching looks at', async () => {
    await registered('t3');
    const first = customerChange(customerIds[2]!, 1, 1);
    expect((await applyRegionBatch(database.db, 't3', { changes: [first], nextCursor: '1', hasMore: false })).matchingChanged).toBe(true);
    // HQ's own global-code push coming back: a new version, same names and identifiers.
    const echo = { ...customerChange(customerIds[2]!, 2, 2), data: { ...first.data, version: 2, globalCode: 'G-000001' } };
    expect((await applyRegionBatch(database.db, 't3', { changes: [echo], nextCursor: '2', hasMore: false })).matchingChanged).toBe(false);
    const renamed = { ...customerChange(customerIds[2]!, 3, 3), data: { ...first.data, version: 3, name: '汇丰银行' } };
    expect((await applyRegionBatch(database.db, 't3', { changes: [renamed], nextCursor: '3', hasMore: false })).matchingChanged).toBe(true);
  });

  it('leaves neither rows nor cursor behind when the batch fails midway', async () => {
    await registered('t2');
    const broken = { ...customerChange(customerIds[1]!, 1, 2), data: { ...customerChange(customerIds[1]!, 1, 2).data, name: null } };
    await expect(
      applyRegionBatch(database.db, 't2', { changes: [customerChange(customerIds[0]!, 1, 1), broken], nextCursor: '20:2', hasMore: false }),
    ).rejects.toThrow();
    expect((await findRegion(database.db, 't2'))?.cursor).toBeNull();
    expect(await replicaState('t2')).toEqual({});
  });

  it('ends in the same state whatever the duplication, splitting or order of batches (property)', async () => {
    // Every version of every customer, as the region's feed would serve them.
    const history = customerIds.flatMap((id, index) => [1, 2, 3].map((version) => customerChange(id, version, index * 3 + version)));
    const expected = Object.fromEntries(customerIds.map((id) => [id, { version: 3, name: '滙豐 v3', accountManager: 'manager-3' }]));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        // Deliveries: arbitrary (possibly repeated) picks of history, in any order, cut into batches.
        fc.array(fc.integer({ min: 0, max: history.length - 1 }), { minLength: history.length, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer(), { minLength: 40, maxLength: 40 }),
        async (picks, batchSizes, orderKeys) => {
          const region = `p${run++}`;
          await registered(region);
          // At-least-once: everything is delivered at least once, plus the random replays and reorderings.
          const deliveries = [...picks.map((index) => history[index]!), ...history]
            .map((change, index) => ({ change, key: orderKeys[index % orderKeys.length]! + index / 1000 }))
            .sort((a, b) => a.key - b.key)
            .map(({ change }) => change);
          let offset = 0;
          for (let batch = 0; offset < deliveries.length; batch++) {
            const size = batchSizes[batch % batchSizes.length]!;
            await applyRegionBatch(database.db, region, { changes: deliveries.slice(offset, offset + size), nextCursor: `${offset}`, hasMore: true });
            offset += size;
          }
          expect(await replicaState(region)).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });
});
