/**
 * The change-feed cursor, property-tested over the transaction ids that broke it once: ids changing
 * digit count (9→10 … 999999999→1000000000), ids either side of 2^31 and 2^32 (xid8 is 64-bit: a
 * 32-bit or text comparison wraps or mis-sorts there), transactions that start early and commit late,
 * and every batch size down to 1. Paging must yield every committed entry exactly once, in (txid, seq)
 * order. Runs on a scratch cluster whose epoch is 1, so real ids are above 2^32 and any synthetic id
 * below them is already "older than every running transaction"; and on PGlite with its own small ids.
 */
import { decodeFeedCursor, encodeFeedCursor, feedStart, openRegionDatabase, readChangeFeed, selectRows, type FeedPosition, type RegionDatabaseHandle } from '@meridian/region-db';
import { createTestRegionDatabase, type TestRegionDatabase } from '@meridian/test-utils';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScratchCluster, type ScratchCluster } from '../support/scratchCluster.ts';

interface FeedRow {
  txid: bigint;
  seq: number;
  entityId: string;
}

const byTxidThenSeq = (a: FeedRow, b: FeedRow) => (a.txid === b.txid ? a.seq - b.seq : a.txid < b.txid ? -1 : 1);

/** Follows the feed the way HQ does: a page at a time, the cursor through its wire form. */
async function drainFeed(db: RegionDatabaseHandle['db'], batchSize: number, from: FeedPosition = feedStart): Promise<{ rows: FeedRow[]; cursor: FeedPosition }> {
  const rows: FeedRow[] = [];
  let cursor = from;
  for (let pages = 0; ; pages++) {
    if (pages > 10_000) throw new Error('the feed never ran dry: the cursor is not moving forward');
    const page = await readChangeFeed(db, cursor, batchSize);
    rows.push(...page.map((entry) => ({ txid: BigInt(entry.txid), seq: entry.seq, entityId: entry.entityId })));
    if (page.length < batchSize) return { rows, cursor };
    cursor = decodeFeedCursor(encodeFeedCursor({ txid: page.at(-1)!.txid, seq: page.at(-1)!.seq }))!;
  }
}

async function allFeedRows(db: RegionDatabaseHandle['db']): Promise<FeedRow[]> {
  const rows = await selectRows<{ txid: string; seq: string | number; entity_id: string }>(db, sql`select txid::text as txid, seq, entity_id from change_feed`);
  return rows.map((row) => ({ txid: BigInt(row.txid), seq: Number(row.seq), entityId: row.entity_id })).sort(byTxidThenSeq);
}

/** Transaction ids where comparisons go wrong if they are not 64-bit integers: powers of ten, 2^31, 2^32. */
function boundaryIds(limit: bigint): fc.Arbitrary<bigint> {
  const boundaries: bigint[] = [];
  for (let power = 10n; power < limit; power *= 10n) boundaries.push(power);
  for (const edge of [1n << 31n, 1n << 32n]) if (edge < limit) boundaries.push(edge);
  const near = fc
    .tuple(fc.constantFrom(...boundaries), fc.integer({ min: -3, max: 3 }))
    .map(([edge, offset]) => edge + BigInt(offset))
    .filter((id) => id >= 3n && id < limit);
  return fc.oneof({ arbitrary: near, weight: 3 }, { arbitrary: fc.bigInt({ min: 3n, max: limit - 1n }), weight: 1 });
}

/** Rows for chosen ids, inserted in a random order so seq and txid orders disagree as they do in production. */
const syntheticFeed = (limit: bigint) =>
  fc.record({
    rows: fc.array(fc.tuple(boundaryIds(limit), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 25 }).chain((ids) =>
      fc.shuffledSubarray(
        ids.flatMap(([txid, count]) => Array.from({ length: count }, () => txid)),
        { minLength: ids.length },
      ),
    ),
    batchSize: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 60 })),
  });

async function insertSynthetic(db: RegionDatabaseHandle['db'], txids: bigint[]) {
  await db.execute(sql`truncate change_feed`);
  for (const [index, txid] of txids.entries()) {
    await db.execute(
      sql`insert into change_feed (txid, entity, entity_id, op, version, payload) values (${txid.toString()}::xid8, 'customer', ${`row-${index}`}, 'upsert', 1, '{}'::jsonb)`,
    );
  }
}

async function oldestRunningXid(db: RegionDatabaseHandle['db']): Promise<bigint> {
  const [row] = await selectRows<{ xmin: string }>(db, sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`);
  return BigInt(row!.xmin);
}

/** `reader` reads as the app does; `planter` may truncate the feed and write chosen ids. */
async function checkSyntheticPaging(reader: RegionDatabaseHandle['db'], planter: RegionDatabaseHandle['db'], limit: bigint, numRuns: number) {
  await fc.assert(
    fc.asyncProperty(syntheticFeed(limit), async ({ rows, batchSize }) => {
      await insertSynthetic(planter, rows);
      const expected = await allFeedRows(reader);
      const { rows: served } = await drainFeed(reader, batchSize);
      expect(served).toEqual(expected);
    }),
    { numRuns },
  );
}

/** A superuser connection to the scratch database, for planting feed rows the app role may not write. */
function adminHandle(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  return { db: drizzle({ client: pool }) as unknown as RegionDatabaseHandle['db'], close: () => pool.end() };
}

describe('the feed cursor over 64-bit transaction ids (scratch cluster, epoch 1)', () => {
  let cluster: ScratchCluster;
  let region: RegionDatabaseHandle;
  let admin: ReturnType<typeof adminHandle>;
  let url: string;
  beforeAll(async () => {
    // Epoch 1: every real id is above 2^32, so synthetic ids up to 2^32 + 500 are all "committed and old".
    cluster = await startScratchCluster({ label: 'feed-property', epoch: 1, nextXid: 1_000 });
    const database = await cluster.createAppDatabase('region_feed');
    url = database.appUrl;
    // The feed is read as the app reads it; planting and clearing rows is the administrator's business.
    region = await openRegionDatabase({ driver: 'pg', url: database.appUrl, migrationUrl: database.ownerUrl, poolSize: 4 });
    admin = adminHandle(database.adminUrl);
  }, 120_000);
  afterAll(async () => {
    await region?.close();
    await admin?.close();
    await cluster?.destroy();
  });

  it('serves ids across every power of ten, 2^31 and 2^32 exactly once, in order, at any batch size', { timeout: 240_000 }, async () => {
    const limit = (1n << 32n) + 500n;
    expect(await oldestRunningXid(region.db)).toBeGreaterThan(limit);
    await checkSyntheticPaging(region.db, admin.db, limit, 120);
  });

  it('never skips a transaction that started earlier and committed later, nor serves a rolled-back one', { timeout: 240_000 }, async () => {
    // A schedule over a few real concurrent transactions: each takes its id when it begins, writes
    // feed rows, and commits or rolls back in any order, while a follower pages the feed in between.
    type Step = { kind: 'begin' | 'write' | 'end'; tx: number; commit: boolean } | { kind: 'read'; batchSize: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constantFrom('begin' as const, 'write' as const, 'end' as const), tx: fc.integer({ min: 0, max: 3 }), commit: fc.boolean() }),
      fc.record({ kind: fc.constant('read' as const), batchSize: fc.integer({ min: 1, max: 5 }) }),
    );
    const clients = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const client = new pg.Client({ connectionString: url });
        client.on('error', () => undefined);
        await client.connect();
        return client;
      }),
    );
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 40 }), fc.integer({ min: 1, max: 5 }), async (steps, finalBatch) => {
          await admin.db.execute(sql`truncate change_feed`);
          const open = new Set<number>();
          const rolledBack = new Set<string>();
          let written = 0;
          const served: FeedRow[] = [];
          let cursor = feedStart;
          const write = async (tx: number) => {
            const id = `w-${written++}`;
            await clients[tx]!.query(`insert into change_feed (entity, entity_id, op, version, payload) values ('customer', $1, 'upsert', 1, '{}')`, [id]);
            return id;
          };
          const pending = new Map<number, string[]>();
          for (const action of steps) {
            if (action.kind === 'read') {
              const page = await readChangeFeed(region.db, cursor, action.batchSize);
              served.push(...page.map((entry) => ({ txid: BigInt(entry.txid), seq: entry.seq, entityId: entry.entityId })));
              if (page.length) cursor = decodeFeedCursor(encodeFeedCursor({ txid: page.at(-1)!.txid, seq: page.at(-1)!.seq }))!;
            } else if (action.kind === 'begin' && !open.has(action.tx)) {
              // The id is taken now, at the start, not at the first write: the late committer is old.
              await clients[action.tx]!.query('begin; select pg_current_xact_id()');
              open.add(action.tx);
              pending.set(action.tx, []);
            } else if (action.kind === 'write') {
              if (open.has(action.tx)) pending.get(action.tx)!.push(await write(action.tx));
              else await write(action.tx); // autocommit: its own short transaction
            } else if (action.kind === 'end' && open.has(action.tx)) {
              await clients[action.tx]!.query(action.commit ? 'commit' : 'rollback');
              if (!action.commit) for (const id of pending.get(action.tx)!) rolledBack.add(id);
              open.delete(action.tx);
            }
          }
          for (const tx of open) await clients[tx]!.query('commit');
          const rest = await drainFeed(region.db, finalBatch, cursor);
          served.push(...rest.rows);
          const expected = await allFeedRows(region.db);
          expect(expected.some((row) => rolledBack.has(row.entityId))).toBe(false);
          expect(served).toEqual(expected);
        }),
        { numRuns: 150 },
      );
    } finally {
      await Promise.all(clients.map((client) => client.query('rollback').catch(() => undefined).then(() => client.end())));
    }
  });
});

describe('the feed cursor on PGlite (its own small ids, crossing 10, 100 and 1000)', () => {
  let region: TestRegionDatabase;
  beforeAll(async () => {
    region = await createTestRegionDatabase('feed-property-pglite', { driver: 'pglite' });
    // A migrated PGlite has used a few hundred ids: use up enough that 1000 lies below the oldest running one.
    for (let burnt = 0; burnt < 400; burnt++) await region.db.execute(sql`select pg_current_xact_id()`);
  });
  afterAll(() => region?.cleanup());

  it('serves every id exactly once, in order, at any batch size', { timeout: 120_000 }, async () => {
    const limit = await oldestRunningXid(region.db);
    expect(limit).toBeGreaterThan(1_000n);
    await checkSyntheticPaging(region.db, region.db, limit, 60);
  });
});
