import { randomUUID } from 'node:crypto';
import { accountLinks, customerKey, globalAccounts, matchCandidates, regionCustomers, stewardQueuePage, type QueueCursor, type QueueFilter } from '@meridian/hq-db';
import { createTestHqDatabase, type TestHqDatabase } from '@meridian/test-utils';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The queue query on its own, over populations written straight into HQ's tables: which pairs the matcher
// proposes is not the point here, how they are folded into items and paged is.
let hq: TestHqDatabase;
beforeAll(async () => {
  hq = await createTestHqDatabase('steward-queue');
});
afterAll(() => hq?.cleanup());

const names = { Latn: 'Harbour Trading Limited', Hani: '海港貿易有限公司', Arab: 'شركة الميناء للتجارة' } as const;

interface Population {
  /** Account sizes; account i gets code G-00000(i+1). */
  sizes: number[];
  /** Pending pairs between members, by (account, member) positions, with scores. */
  pairs: Array<{ a: [number, number]; b: [number, number]; score: number }>;
}

async function seed(population: Population) {
  for (const table of [matchCandidates, accountLinks, globalAccounts, regionCustomers]) await hq.db.delete(table);
  const regionsCycle = ['gb', 'hk', 'cn', 'ae'];
  const scriptsCycle = ['Latn', 'Hani', 'Arab'] as const;
  const keys: string[][] = [];
  let n = 0;
  for (const [account, size] of population.sizes.entries()) {
    const code = `G-${String(account + 1).padStart(6, '0')}`;
    await hq.db.insert(globalAccounts).values({ globalCode: code, displayName: `Account ${account + 1}` });
    keys.push([]);
    for (let member = 0; member < size; member++) {
      const region = regionsCycle[n % regionsCycle.length]!;
      const script = scriptsCycle[n % scriptsCycle.length]!;
      n += 1;
      const id = randomUUID();
      await hq.db.insert(regionCustomers).values({
        region, id, version: 1, code: `C${n}`, name: `${names[script]} ${n}`, segment: 'corporate', subSegment: 'other', city: 'X', country: 'GB', lifecycleStage: 'active', accountManager: 'm',
      });
      await hq.db.insert(accountLinks).values({ region, customerId: id, globalCode: code, method: 'new' });
      keys[account]!.push(customerKey(region, id));
    }
  }
  const seen = new Set<string>();
  for (const pair of population.pairs) {
    const a = keys[pair.a[0]]?.[pair.a[1]];
    const b = keys[pair.b[0]]?.[pair.b[1]];
    if (!a || !b || pair.a[0] === pair.b[0]) continue;
    const [aKey, bKey] = a < b ? [a, b] : [b, a];
    if (seen.has(`${aKey}|${bKey}`)) continue;
    seen.add(`${aKey}|${bKey}`);
    await hq.db.insert(matchCandidates).values({ aKey, bKey, score: pair.score, reasons: ['similar_name'] });
  }
  return { keys, pairs: seen.size };
}

async function allPages(filter: QueueFilter, limit: number) {
  const items = [];
  let after: QueueCursor | null = null;
  for (let guard = 0; guard < 1_000; guard++) {
    const page = await stewardQueuePage(hq.db, filter, { limit, after });
    const served = page.items.slice(0, limit);
    items.push(...served);
    if (page.items.length <= limit) return { items, pending: page.pending };
    const last = served.at(-1)!;
    after = [last.score, last.customerKey, last.accountCode];
  }
  throw new Error('paging did not end');
}

describe('the steward queue: one item per customer against one account', () => {
  it('shows a new customer proposed against three members of one account once, against that account, with each pair', async () => {
    const { keys } = await seed({
      sizes: [3, 1],
      pairs: [
        { a: [1, 0], b: [0, 0], score: 0.71 },
        { a: [1, 0], b: [0, 1], score: 0.84 },
        { a: [1, 0], b: [0, 2], score: 0.66 },
      ],
    });
    const { items, pending } = await stewardQueuePage(hq.db, {}, { limit: 25, after: null });
    expect(pending).toBe(1);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ customerKey: keys[1]![0], customerCode: 'G-000002', accountCode: 'G-000001' });
    // The item's score is its best pair's; every pair is there to decide at once.
    expect(items[0]!.score).toBeCloseTo(0.84, 5);
    expect(items[0]!.pairs.map((pair) => pair.memberKey)).toEqual([keys[0]![1], keys[0]![0], keys[0]![2]]);
  });

  it('pages every item exactly once, best first, whatever the page size, and counts what is pending (fast-check)', async () => {
    const population = fc.record({
      sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 7 }),
      pairs: fc.array(
        fc.record({
          a: fc.tuple(fc.nat(6), fc.nat(3)),
          b: fc.tuple(fc.nat(6), fc.nat(3)),
          // Few distinct scores, so many items tie and the cursor's tie-break is exercised.
          score: fc.constantFrom(0.6, 0.7, 0.75, 0.8, 0.85),
        }),
        { maxLength: 25 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(population, fc.integer({ min: 1, max: 6 }), async (generated, limit) => {
        const { pairs } = await seed(generated);
        const { items, pending } = await allPages({}, limit);
        const ids = items.map((item) => `${item.customerKey}|${item.accountCode}`);
        expect(new Set(ids).size).toBe(ids.length);
        expect(pending).toBe(items.length);
        // Every pending pair is in exactly one item.
        const candidateIds = items.flatMap((item) => item.pairs.map((pair) => pair.candidateId));
        expect(candidateIds).toHaveLength(pairs);
        expect(new Set(candidateIds).size).toBe(pairs);
        for (let i = 1; i < items.length; i++) expect(items[i]!.score).toBeLessThanOrEqual(items[i - 1]!.score);
      }),
      { numRuns: 25 },
    );
  });

  it('filters by region, script and score before paging', async () => {
    const { keys } = await seed({
      sizes: [1, 1, 1, 1],
      pairs: [
        { a: [0, 0], b: [1, 0], score: 0.65 },
        { a: [2, 0], b: [3, 0], score: 0.88 },
      ],
    });
    // Customers 1..4 are gb/Latn, hk/Hani, cn/Arab, ae/Latn.
    expect((await allPages({ region: 'cn' }, 1)).items.map((item) => item.accountCode).sort()).toEqual(['G-000003']);
    expect((await allPages({ script: 'Hani' }, 1)).pending).toBe(1);
    expect((await allPages({ script: 'Arab' }, 1)).items.flatMap((item) => [item.customerKey, ...item.pairs.map((pair) => pair.memberKey)]).sort()).toEqual([keys[2]![0], keys[3]![0]].sort());
    expect((await allPages({ minScore: 0.8 }, 5)).items.map((item) => item.score)).toEqual([expect.closeTo(0.88, 5)]);
    expect((await allPages({ maxScore: 0.7 }, 5)).pending).toBe(1);
  });
});
