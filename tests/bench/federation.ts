import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { selectRows } from '@meridian/db-driver';
import { segments, segmentTaxonomy } from '@meridian/domain';
import { reconcileCustomers, type ReconcileSummary } from '@meridian/federation';
import { applyRegionBatch, registerRegion, regionContactRecords, regionCustomers, regionProjects, type HqDatabase, type IncomingChange } from '@meridian/hq-db';
import { latinise, searchText } from '@meridian/names';
import { loadRegionConfig, registrationFromConfig } from '@meridian/region-config';
import { createTestHqDatabase, testServerUrl, type TestHqDatabase } from '@meridian/test-utils';
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { seededRandom, syntheticPopulation } from '../../packages/matching/scripts/syntheticPopulation.ts';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { startTestFederation, type TestFederation } from '../support/federation.ts';
import { fixed, percentile, positiveIntFromEnv } from './figures.ts';

// Informational benchmark of HQ federation: apply throughput, region-to-HQ freshness, reconciliation time.


const applyCount = positiveIntFromEnv('BENCH_APPLY_N', 50_000);
const freshSeconds = positiveIntFromEnv('BENCH_FRESH_SECONDS', 20);
const reconcileCount = positiveIntFromEnv('BENCH_RECONCILE_N', 100_000);
const batchSize = 500;
const applyRegion = 'hk';
const freshRegions = ['gb', 'hk', 'cn', 'ae'];
const writeIntervalMs = 100;
const freshWarmUpMs = 2_000;
const pollIntervalMs = 5;
const targets = { applyRatioPercent: 50, applyPerSecond: 10_000, freshP95Ms: 500, reconcileSeconds: 20 };
const resultFile = fileURLToPath(new URL('../../.bench/federation.json', import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
const megabytes = (bytes: number) => `${fixed(bytes / 1024 / 1024, 0)} MB`;


function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, column) => Math.max(h.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => '  ' + cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(line(header));
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((row) => console.log(line(row)));
}

async function insertInStatements<TTable extends PgTable>(db: HqDatabase, table: TTable, rows: Array<TTable['$inferInsert']>): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) await db.insert(table).values(rows.slice(start, start + batchSize));
}

/** Flushes the previous phase's dirty pages so it does not bill the next one (needs superuser; skipped otherwise). */
const checkpoint = (db: HqDatabase) => db.execute(sql`checkpoint`).catch(() => undefined);

// ---------------------------------------------------------------- 1. apply throughput

/** A region feed as `federation.changes` serves it: row_to_json fields in camelCase, timestamps as ISO strings. */
function regionFeed(count: number): IncomingChange[] {
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const customerIds: string[] = [];
  const jobCodes: string[] = [];
  const changes: IncomingChange[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const at = new Date(Date.UTC(2026, 0, 5) + seq * 7_000).toISOString();
    const id = randomUUID();
    const audit = { id, createdAt: at, createdBy: 'kaming.wong', updatedAt: at, updatedBy: 'kaming.wong', version: 1 };
    const roll = random();
    let entity: string;
    let data: Record<string, unknown>;
    if (customerIds.length === 0 || roll < 0.08) {
      const segment = pick(segments);
      const name = `${pick(['港島', '九龍', '新界', '東方', '環球'])}${pick(['工程', '物業', '酒店', '建設'])}${customerIds.length}有限公司`;
      entity = 'customer';
      data = {
        ...audit, code: `HK-${String(customerIds.length + 1).padStart(6, '0')}`, globalCode: null, globalCountries: null,
        name, nameLatin: latinise(name), nameLatinSource: 'generated', legalForm: '有限公司', registrationId: String(60_000_000 + seq),
        website: random() < 0.4 ? `www.firm${seq}.com.hk` : null, segment, subSegment: pick(segmentTaxonomy[segment]), city: 'Hong Kong',
        country: 'HK', phone: '+852 2123 4567', email: `office${seq}@example.hk`, annualRevenueGbp: Math.round(random() * 5e6),
        lifecycleStage: pick(['prospect', 'active', 'dormant']), accountManager: 'kaming.wong',
      };
      customerIds.push(id);
    } else if (roll < 0.13) {
      entity = 'project';
      const jobCode = `HK-2026-${String(jobCodes.length + 1).padStart(5, '0')}`;
      data = { ...audit, jobCode, customerId: pick(customerIds), name: `Chiller replacement ${jobCode}`, serviceCategory: 'maintenance_construction', country: 'HK', city: 'Hong Kong', site: 'Kwun Tong', status: 'active' };
      jobCodes.push(jobCode);
    } else {
      entity = 'contactRecord';
      const input = contactRecordInput(pick(customerIds), { occurredAt: at, typeCode: pick(['enquiry.pricing', 'order.new', 'complaint.timeliness', 'information.customer_update']), channel: pick(['phone', 'email', 'visit']) });
      data = {
        ...audit, ...input, jobCode: jobCodes.length > 0 && random() < 0.3 ? pick(jobCodes) : null, nextStepDue: null, language: 'zh-HK', status: 'open',
        closedAt: null, closedBy: null, amendsId: null, amendReason: null, serviceCategory: null, priority: null, slaResponseDueAt: null,
        slaCompletionDueAt: null, respondedAt: null, completedAt: null,
      };
    }
    changes.push({ seq, entity, entityId: id, op: 'upsert', version: 1, recordedAt: at, data, withheld: [] });
  }
  return changes;
}

async function benchApply() {
  const changes = regionFeed(applyCount);
  let applyDb: TestHqDatabase | undefined;
  let rawDb: TestHqDatabase | undefined;
  try {
    applyDb = await createTestHqDatabase('bench_apply', { driver: 'pg' });
    await registerRegion(applyDb.db, { ...registrationFromConfig(loadRegionConfig(applyRegion)), baseUrl: 'http://127.0.0.1:9' }, 'bench');
    await checkpoint(applyDb.db);
    const applyStarted = performance.now();
    for (let start = 0; start < changes.length; start += batchSize) {
      const batch = changes.slice(start, start + batchSize);
      await applyRegionBatch(applyDb.db, applyRegion, { changes: batch, nextCursor: `1000:${batch.at(-1)!.seq}`, hasMore: start + batchSize < changes.length });
    }
    const applySeconds = (performance.now() - applyStarted) / 1000;
    // The very rows HQ stored, so the baseline writes identical data (derived search_text included).
    const stored = {
      customers: await applyDb.db.select().from(regionCustomers),
      projects: await applyDb.db.select().from(regionProjects),
      contactRecords: await applyDb.db.select().from(regionContactRecords),
    };
    await applyDb.cleanup();
    applyDb = undefined;

    rawDb = await createTestHqDatabase('bench_raw', { driver: 'pg' });
    await checkpoint(rawDb.db);
    const rawStarted = performance.now();
    await insertInStatements(rawDb.db, regionCustomers, stored.customers);
    await insertInStatements(rawDb.db, regionProjects, stored.projects);
    await insertInStatements(rawDb.db, regionContactRecords, stored.contactRecords);
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    const storedRows = stored.customers.length + stored.projects.length + stored.contactRecords.length;
    const appliedPerSecond = changes.length / applySeconds;
    const rawPerSecond = storedRows / rawSeconds;
    const ratioPercent = (appliedPerSecond / rawPerSecond) * 100;
    return {
      changes: changes.length,
      storedRows: { customers: stored.customers.length, projects: stored.projects.length, contactRecords: stored.contactRecords.length },
      applySeconds, rawSeconds, appliedPerSecond, rawPerSecond, ratioPercent,
      ratioPass: storedRows === changes.length && ratioPercent >= targets.applyRatioPercent,
      ratePass: storedRows === changes.length && appliedPerSecond >= targets.applyPerSecond,
    };
  } finally {
    await applyDb?.cleanup().catch((error: unknown) => console.error('dropping the apply database failed:', error));
    await rawDb?.cleanup().catch((error: unknown) => console.error('dropping the raw database failed:', error));
  }
}

// ---------------------------------------------------------------- 2. freshness

async function benchFreshness() {
  let federation: TestFederation | undefined;
  let poller: pg.Client | undefined;
  try {
    federation = await startTestFederation('bench_fresh', freshRegions);
    poller = new pg.Client({ connectionString: federation.hqDatabase.url! });
    await poller.connect();
    const activePoller = poller;
    const writers = await Promise.all(
      freshRegions.map(async (code) => {
        const client = federation!.regions.get(code)!.as({ login: `${code}.staff`, groups: `crm-staff,crm-region-${code}` });
        const { customer } = await client.customers.create.mutate(customerInput({ accountManager: `${code}.staff` }));
        return { code, client, customerId: customer.id };
      }),
    );

    const pending = new Map<string, { region: string; id: string; respondedAt: number }>();
    const lagsMs: number[] = [];
    const writeLatenciesMs: number[] = [];
    let writeFailures = 0;
    let firstFailure: string | null = null;
    let writing = true;
    let stoppedWritingAt = Number.POSITIVE_INFINITY;
    // One poller asks for every pending row per tick, so measuring adds one small query, not one per write.
    const polling = (async () => {
      while (writing || (pending.size > 0 && performance.now() < stoppedWritingAt + 10_000)) {
        if (pending.size > 0) {
          const asked = [...pending.values()];
          const found = await activePoller.query<{ region: string; id: string }>(
            `select r.region, r.id::text as id from unnest($1::text[], $2::uuid[]) as p(region, id)
             join region_contact_records r on r.region = p.region and r.id = p.id`,
            [asked.map((write) => write.region), asked.map((write) => write.id)],
          );
          // Upper bound: the row was visible no later than this answer.
          const seenAt = performance.now();
          for (const row of found.rows) {
            const key = `${row.region}:${row.id}`;
            lagsMs.push(seenAt - pending.get(key)!.respondedAt);
            pending.delete(key);
          }
        }
        await sleep(pollIntervalMs);
      }
    })();

    const started = performance.now();
    let sequence = 0;
    // Open loop: each region writes on a fixed schedule whatever the response times are.
    await Promise.all(
      writers.map(async (writer, index) => {
        for (let round = 0; ; round++) {
          const due = started + (index / writers.length) * writeIntervalMs + round * writeIntervalMs;
          if (due - started >= freshSeconds * 1000) return;
          if (due > performance.now()) await sleep(due - performance.now());
          const requestStarted = performance.now();
          try {
            const input = contactRecordInput(writer.customerId, { content: `Steady write ${++sequence} from ${writer.code}` });
            const { record } = await writer.client.contactRecords.create.mutate(input);
            const respondedAt = performance.now();
            writeLatenciesMs.push(respondedAt - requestStarted);
            if (respondedAt - started >= freshWarmUpMs) pending.set(`${writer.code}:${record.id}`, { region: writer.code, id: record.id, respondedAt });
          } catch (error) {
            writeFailures++;
            firstFailure ??= error instanceof Error ? error.message : String(error);
          }
        }
      }),
    );
    stoppedWritingAt = performance.now();
    writing = false;
    await polling;
    const sorted = [...lagsMs].sort((a, b) => a - b);
    const writes = [...writeLatenciesMs].sort((a, b) => a - b);
    const p95Ms = percentile(sorted, 95);
    return {
      regions: freshRegions, seconds: freshSeconds, writeIntervalMs, warmUpMs: freshWarmUpMs, pollIntervalMs,
      writes: writes.length, writeFailures, firstFailure, writeP50Ms: percentile(writes, 50), writeP95Ms: percentile(writes, 95),
      measured: sorted.length, neverSeen: pending.size,
      p50Ms: percentile(sorted, 50), p95Ms, maxMs: sorted.at(-1) ?? Number.NaN,
      pass: pending.size === 0 && writeFailures === 0 && p95Ms < targets.freshP95Ms,
    };
  } finally {
    await poller?.end().catch((error: unknown) => console.error('ending the HQ poller failed:', error));
    await federation?.close().catch((error: unknown) => console.error('closing the federation failed:', error));
  }
}

// ---------------------------------------------------------------- 3. reconciliation

const cityOf: Record<string, string> = { gb: 'London', hk: 'Hong Kong', cn: '上海', ae: 'Dubai', sg: 'Singapore', fr: 'Paris', de: 'Berlin', us: 'New York',
  jp: 'Tokyo', kr: 'Seoul', in: 'Mumbai', au: 'Sydney', ca: 'Toronto', ch: 'Zurich', nl: 'Amsterdam', es: 'Madrid', it: 'Milan', sa: 'Riyadh', qa: 'Doha',
  my: 'Kuala Lumpur', th: 'Bangkok', id: 'Jakarta', vn: 'Ho Chi Minh City', tw: 'Taipei', br: 'São Paulo' };

/** The matching package's population (multinationals across scripts, Zipf-named local firms) as HQ stores it. */
function customerRows(count: number): Array<typeof regionCustomers.$inferInsert> {
  const random = seededRandom(11);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const codesIssued = new Map<string, number>();
  return syntheticPopulation(count).map((customer) => {
    const number = (codesIssued.get(customer.region) ?? 0) + 1;
    codesIssued.set(customer.region, number);
    const code = `${customer.region.toUpperCase()}-${String(number).padStart(6, '0')}`;
    // As the region node stores it: a typed Latin name, else a generated one when it differs.
    const generated = customer.nameLatin ? null : latinise(customer.name);
    const nameLatin = customer.nameLatin ?? (generated && generated !== customer.name ? generated : null);
    const segment = pick(segments);
    return {
      region: customer.region, id: randomUUID(), version: 1, code, name: customer.name, nameLatin,
      nameLatinSource: customer.nameLatin ? 'typed' : nameLatin ? 'generated' : null,
      registrationId: customer.registrationId ?? null, website: customer.website ?? null,
      segment, subSegment: pick(segmentTaxonomy[segment]), city: cityOf[customer.region] ?? 'Capital', country: customer.country ?? customer.region.toUpperCase(),
      lifecycleStage: pick(['prospect', 'active', 'active', 'dormant']), accountManager: `${customer.region}.manager`,
      annualRevenueGbp: random() < 0.6 ? Math.round(random() * 20_000_000) : null,
      searchText: searchText([customer.name, nameLatin, code]),
    };
  });
}

async function timedReconcile(db: HqDatabase): Promise<{ summary: ReconcileSummary; wallSeconds: number }> {
  const started = performance.now();
  const summary = await reconcileCustomers(db);
  return { summary, wallSeconds: (performance.now() - started) / 1000 };
}

async function benchReconcile() {
  let database: TestHqDatabase | undefined;
  try {
    const rows = customerRows(reconcileCount);
    database = await createTestHqDatabase('bench_reconcile', { driver: 'pg' });
    const loadStarted = performance.now();
    await insertInStatements(database.db, regionCustomers, rows);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const rssBeforeBytes = process.memoryUsage().rss;
    const first = await timedReconcile(database.db);
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    const [rerunStart] = await selectRows<{ at: string }>(database.db, sql`select now()::text as at`);
    const rerun = await timedReconcile(database.db);
    // What the steady-state re-run wrote, counted by the timestamps the upserts set.
    const [written] = await selectRows<Record<'links' | 'accounts' | 'candidates' | 'linksRewritten' | 'candidatesRewritten', string>>(database.db, sql`select
      (select count(*) from account_links) as "links", (select count(*) from global_accounts) as "accounts", (select count(*) from match_candidates) as "candidates",
      (select count(*) from account_links where linked_at >= ${rerunStart!.at}::timestamptz) as "linksRewritten",
      (select count(*) from match_candidates where updated_at >= ${rerunStart!.at}::timestamptz) as "candidatesRewritten"`);
    return {
      customers: rows.length, regions: new Set(rows.map((row) => row.region)).size, loadSeconds,
      first: { ...first.summary, wallSeconds: first.wallSeconds }, rerun: { ...rerun.summary, wallSeconds: rerun.wallSeconds },
      rssBeforeBytes, peakRssBytes,
      stored: Object.fromEntries(Object.entries(written!).map(([key, count]) => [key, Number(count)])),
      pass: first.wallSeconds < targets.reconcileSeconds,
    };
  } finally {
    await database?.cleanup().catch((error: unknown) => console.error('dropping the reconciliation database failed:', error));
  }
}

// ---------------------------------------------------------------- report

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: testServerUrl });
  await client.connect();
  try {
    return (await client.query<{ version: string }>('select version() as version')).rows[0]!.version;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const environment = { node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`, postgres: await postgresVersion() };
  console.log('\nMeridian federation benchmark');
  for (const [key, value] of Object.entries(environment)) console.log(`  ${key.padEnd(10)} ${value}`);
  // Reconciliation runs first so the process's peak RSS is its own, not the earlier phases' garbage.
  const reconcile = await benchReconcile();
  const apply = await benchApply();
  const freshness = await benchFreshness();

  console.log(`\n1. Apply throughput: ${apply.changes} region changes (${apply.storedRows.contactRecords} contact records, ${apply.storedRows.customers} customers, ${apply.storedRows.projects} projects), batches of ${batchSize}`);
  printTable(['phase', 'rows', 'seconds', 'rows/s'], [
    ['applyRegionBatch (cursor in same tx)', String(apply.changes), fixed(apply.applySeconds, 2), fixed(apply.appliedPerSecond, 0)],
    [`raw drizzle insert, ${batchSize} rows/statement`, String(Object.values(apply.storedRows).reduce((a, b) => a + b, 0)), fixed(apply.rawSeconds, 2), fixed(apply.rawPerSecond, 0)],
  ]);
  console.log(`  applied / raw: ${fixed(apply.ratioPercent)}%`);
  console.log(`  Target "applied ≥ ${targets.applyRatioPercent}% of raw batched insert": ${verdict(apply.ratioPass)}`);
  console.log(`  Target "applied ≥ ${targets.applyPerSecond.toLocaleString('en-GB')} changes/s": ${verdict(apply.ratePass)}`);

  console.log(`\n2. Freshness: ${freshness.regions.length} regions (${freshness.regions.join(', ')}), each writing a contact record every ${writeIntervalMs} ms for ${freshSeconds} s`);
  printTable(['measure', 'count', 'p50 ms', 'p95 ms', 'max ms'], [
    ['region write (HTTP)', String(freshness.writes), fixed(freshness.writeP50Ms), fixed(freshness.writeP95Ms), 'n/a'],
    ['write response → in HQ view', String(freshness.measured), fixed(freshness.p50Ms), fixed(freshness.p95Ms), fixed(freshness.maxMs)],
  ]);
  console.log(`  write failures: ${freshness.writeFailures}${freshness.firstFailure ? ` (first: ${freshness.firstFailure})` : ''}; never seen at HQ: ${freshness.neverSeen}`);
  console.log(`  (first ${freshWarmUpMs} ms of writes not sampled; HQ polled every ~${pollIntervalMs} ms; HQ, regions and load share one process)`);
  console.log(`  Target "freshness p95 < ${targets.freshP95Ms} ms": ${verdict(freshness.pass)}`);

  console.log(`\n3. Reconciliation: ${reconcile.customers} customers across ${reconcile.regions} regions (loaded in ${fixed(reconcile.loadSeconds, 2)} s)`);
  printTable(['run', 'wall s', 'durationMs', 'accounts', 'linksChanged', 'created', 'queued', 'pairsScored'], [reconcile.first, reconcile.rerun].map((run, index) => [
    index === 0 ? 'first (empty HQ state)' : 're-run (nothing changed)', fixed(run.wallSeconds, 2), String(run.durationMs), String(run.accounts),
    String(run.linksChanged), String(run.created), String(run.queued), String(run.pairsScored),
  ]));
  const { links, accounts, candidates, linksRewritten, candidatesRewritten } = reconcile.stored;
  console.log(`  stored: ${links} account links, ${accounts} global accounts, ${candidates} match candidates`);
  console.log(`  rows the re-run rewrote: ${linksRewritten} account links, ${candidatesRewritten} match candidates`);
  console.log(`  RSS before first run ${megabytes(reconcile.rssBeforeBytes)}, process peak RSS after it ${megabytes(reconcile.peakRssBytes)}`);
  console.log(`  Target "${reconcileCount} customers reconciled in < ${targets.reconcileSeconds} s": ${verdict(reconcile.pass)}`);

  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(resultFile, JSON.stringify({ measuredAt: new Date().toISOString(), environment, targets, apply, freshness, reconcile }, null, 2) + '\n');
  console.log(`\n  Figures written to ${resultFile}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('Benchmark failed:', error);
    process.exit(1);
  },
);
