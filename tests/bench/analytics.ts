import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  channelMix,
  churnRisk,
  complaintAnalysis,
  contactTypeVolume,
  crossSell,
  refreshAnalytics,
  salesFunnel,
  segmentMix,
  serviceLevelBreaches,
  serviceLevelCompliance,
  setupAnalytics,
} from '@meridian/analytics';
import { migrateHqDatabase, openHqDatabase, type HqDatabase, type HqDatabaseHandle } from '@meridian/hq-db';
import { createFreshServerDatabase, testAppRole, type FreshServerDatabase } from '@meridian/test-utils';
import { sql } from 'drizzle-orm';
import { fixed, percentile, positiveIntFromEnv } from './figures.ts';

// Informational benchmark: HQ analytics over a large federated dataset, every aggregation in PostgreSQL.

const regionCount = positiveIntFromEnv('BENCH_REGIONS', 25);
const customerCount = positiveIntFromEnv('BENCH_CUSTOMERS', 50_000);
const accountCount = positiveIntFromEnv('BENCH_ACCOUNTS', 20_000);
const recordCount = positiveIntFromEnv('BENCH_RECORDS', 1_000_000);
const projectCount = positiveIntFromEnv('BENCH_PROJECTS', Math.round(customerCount * 1.5));
const runs = positiveIntFromEnv('BENCH_RUNS', 20);
const warmUpRuns = 2;
const targetP95Ms = 200;
const resultFile = fileURLToPath(new URL('../../.bench/analytics.json', import.meta.url));

// The data covers the two years before `now`; a quarterly review looks at the last quarter.
const now = new Date('2026-07-01T00:00:00Z');
const quarter = { from: new Date('2026-04-01T00:00:00Z'), to: now };
const year = { from: new Date('2025-07-01T00:00:00Z'), to: now };
const countries = ['GB', 'HK', 'CN', 'AE', 'SG', 'FR', 'DE', 'ES', 'US', 'JP', 'AU', 'IN', 'SA', 'QA', 'MY', 'TH', 'VN', 'ID', 'PH', 'KR', 'TW', 'CA', 'BR', 'ZA', 'NL'];
const regionCodes = Array.from({ length: regionCount }, (_, index) => `r${String(index + 1).padStart(2, '0')}`);
const someRegions = regionCodes.slice(0, 3);

/** A stable pseudo-random fraction in [0, 1) from an integer expression and a salt. */
const u = (expression: string, salt: number) => `((hashint4((${expression}) * 31 + ${salt}) & 2147483647) / 2147483648.0)`;
/** Picks from a SQL array literal by a pseudo-random fraction. */
const pick = (values: readonly string[], expression: string, salt: number) =>
  `(array[${values.map((value) => `'${value}'`).join(',')}])[1 + floor(${u(expression, salt)} * ${values.length})::int]`;

/** The region (1-based index) and uuid of customer i, as every table derives them. */
const regionOfCustomer = (i: string) => `('r' || lpad((1 + (${i}) % ${regionCount})::text, 2, '0'))`;
const customerUuid = (i: string) => `md5('c' || (${i}))::uuid`;

async function load(db: HqDatabase): Promise<void> {
  const run = (statement: string) => db.execute(sql.raw(statement));
  await run(`insert into regions (code, name, base_url, country, locales, timezone, currency, registered_by)
    select 'r' || lpad(g::text, 2, '0'), 'Region ' || g, 'http://127.0.0.1:1/' || g, (array[${countries.map((c) => `'${c}'`).join(',')}])[1 + (g - 1) % ${countries.length}],
      array['en-GB'], 'UTC', 'GBP', 'bench'
    from generate_series(1, ${regionCount}) g`);
  await run(`insert into global_accounts (global_code, display_name)
    select 'G' || lpad(g::text, 6, '0'), 'Account ' || g from generate_series(1, ${accountCount}) g`);
  await run(`insert into region_customers (region, id, version, code, name, segment, sub_segment, city, country, annual_revenue_gbp, lifecycle_stage, account_manager)
    select ${regionOfCustomer('i')}, ${customerUuid('i')}, 1, 'C' || i, 'Customer ' || i,
      s.segment, s.sub_segment, 'City', (select country from regions where code = ${regionOfCustomer('i')}),
      round(2000000 * power(${u('i', 1)}, 3)), ${pick(['active', 'active', 'active', 'active', 'active', 'active', 'active', 'active', 'dormant', 'lost'], 'i', 2)}, 'manager'
    from generate_series(1, ${customerCount}) i
    cross join lateral (select (array['property','property','infrastructure','public','industrial'])[1 + floor(${u('i', 3)} * 5)::int] as segment) p
    cross join lateral (select p.segment, case p.segment
      when 'property' then ${pick(['commercial_developers', 'hotels', 'private_residential', 'retail', 'banks_financial_institutions'], 'i', 4)}
      when 'infrastructure' then ${pick(['aviation', 'highways', 'rail', 'water', 'power'], 'i', 4)}
      when 'public' then ${pick(['education', 'health', 'public_housing', 'government'], 'i', 4)}
      else ${pick(['nuclear', 'pharmaceutical', 'petrochemical', 'oil_gas', 'manufacturing', 'telecom'], 'i', 4)} end as sub_segment) s`);
  // Every account gets one member; the rest join accounts at random (so an account spans regions).
  await run(`insert into account_links (region, customer_id, global_code, method)
    select ${regionOfCustomer('i')}, ${customerUuid('i')},
      'G' || lpad((case when i <= ${accountCount} then i else 1 + floor(${u('i', 5)} * ${accountCount})::int end)::text, 6, '0'), 'auto'
    from generate_series(1, ${customerCount}) i`);
  // Project j belongs to customer 1 + j % customers; its job code is J<j>. 10% are delivered abroad.
  await run(`insert into region_projects (region, id, version, job_code, customer_id, name, service_category, country, city, status)
    select ${regionOfCustomer(`j % ${customerCount} + 1`)}, md5('p' || j)::uuid, 1, 'J' || j, ${customerUuid(`j % ${customerCount} + 1`)}, 'Project ' || j,
      ${pick(['consulting', 'business_support', 'maintenance_construction'], 'j', 6)},
      case when ${u('j', 7)} < 0.1 then ${pick(countries, 'j', 8)} else (select country from regions where code = ${regionOfCustomer(`j % ${customerCount} + 1`)}) end,
      'City', ${pick(['planned', 'active', 'active', 'active', 'on_hold', 'completed', 'completed', 'cancelled'], 'j', 9)}
    from generate_series(0, ${projectCount - 1}) j`);
  // Records: 2 years before now; 95% closed unless in the last 30 days; help requests carry service levels.
  const typeCodes = ['enquiry.pricing', 'enquiry.availability', 'enquiry.technical', 'enquiry.general', 'enquiry.capability', 'enquiry.pricing',
    'order.new', 'order.change', 'order.renewal', 'complaint.timeliness', 'complaint.quality', 'complaint.billing', 'complaint.communication',
    'information.gathering', 'information.customer_update', 'information.market_intelligence', 'information.customer_update',
    'help_request.routine', 'help_request.technical_support', 'help_request.maintenance', 'help_request.emergency', 'help_request.routine'];
  await run(`insert into region_contact_records (region, id, version, customer_id, job_code, type_code, channel, occurred_at, content, next_step_due,
      language, status, closed_at, service_category, priority, sla_response_due_at, sla_completion_due_at, responded_at, completed_at, created_by, created_at)
    select ${regionOfCustomer('c')}, md5('r' || k)::uuid, 1, ${customerUuid('c')},
      case when t like 'order.%' then 'J' || (c - 1) end, t, ${pick(['phone', 'email', 'email', 'visit', 'meeting', 'web', 'sms', 'fax'], 'k', 11)}, occurred,
      'Record ' || k, case when ${u('k', 12)} < 0.3 then occurred + interval '14 days' end, 'en-GB',
      case when closed then 'closed' else 'open' end, case when closed then occurred + make_interval(hours => 1 + floor(${u('k', 13)} * 200)::int) end,
      case when t like 'help_request.%' or ${u('k', 14)} < 0.5 then ${pick(['consulting', 'business_support', 'maintenance_construction'], 'k', 15)} end,
      case when t like 'help_request.%' then 'normal' end,
      case when t like 'help_request.%' then occurred + interval '8 hours' end,
      case when t like 'help_request.%' then occurred + interval '72 hours' end,
      case when t like 'help_request.%' and (closed or ${u('k', 16)} < 0.5) then occurred + make_interval(hours => floor(${u('k', 17)} * 12)::int) end,
      case when t like 'help_request.%' and closed then occurred + make_interval(hours => 1 + floor(${u('k', 13)} * 200)::int) end,
      'staff', occurred
    from generate_series(1, ${recordCount}) k
    cross join lateral (select 1 + floor(${u('k', 10)} * ${customerCount})::int as c,
      ${pick(typeCodes, 'k', 18)} as t,
      timestamptz '${now.toISOString()}' - make_interval(secs => floor(${u('k', 19)} * 730 * 86400)) as occurred) x
    cross join lateral (select occurred < timestamptz '${now.toISOString()}' - interval '30 days' or ${u('k', 20)} < 0.7 as closed) y`);
  // 0.5% of closed records were amended later (a corrected copy pointing at the original).
  await run(`insert into region_contact_records (region, id, version, customer_id, job_code, type_code, channel, occurred_at, language, status,
      amends_id, service_category, created_by, created_at)
    select region, md5('a' || id::text)::uuid, 1, customer_id, job_code, type_code, channel, occurred_at, language, 'open', id, service_category, 'staff', closed_at + interval '1 day'
    from region_contact_records where status = 'closed' and abs(hashtext(id::text)) % 200 = 0`);
  await run('analyze');
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function main(): Promise<void> {
  let server: FreshServerDatabase | undefined;
  let handle: HqDatabaseHandle | undefined;
  try {
    server = await createFreshServerDatabase('bench_analytics');
    handle = await openHqDatabase({ driver: 'pg', url: server.url, migrationUrl: server.ownerUrl, poolSize: 4 });
    const db = handle.db;
    const version = ((await db.execute(sql`select version() as version`)) as unknown as { rows: Array<{ version: string }> }).rows[0]!.version;
    const environment = { node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`, postgres: version };
    console.log('\nMeridian analytics benchmark');
    for (const [key, value] of Object.entries(environment)) console.log(`  ${key.padEnd(10)} ${value}`);

    const loadMs = await timed(() => load(db));
    const counts = ((await db.execute(sql`select (select count(*) from region_customers)::int as customers, (select count(*) from global_accounts)::int as accounts,
      (select count(*) from region_projects)::int as projects, (select count(*) from region_contact_records)::int as records,
      (select count(*) from region_contact_records where amends_id is not null)::int as amendments`)) as unknown as { rows: Array<Record<string, number>> }).rows[0]!;
    console.log(`\n  loaded ${counts.customers} customers in ${regionCount} regions, ${counts.accounts} global accounts, ${counts.projects} projects,`);
    console.log(`  ${counts.records} contact records (${counts.amendments} amendments) in ${fixed(loadMs / 1000, 1)} s`);

    // As HQ's migrate step does: the owner creates the views, then hands them to the app role that refreshes them.
    const setupMs = await timed(() => migrateHqDatabase({ migrationUrl: server!.ownerUrl, appRole: testAppRole, ownerSteps: [setupAnalytics] }));
    const refreshMs = await timed(() => refreshAnalytics(db));
    const refreshPlainMs = await timed(() => refreshAnalytics(db, { concurrently: false }));
    console.log(`  setupAnalytics (creates and fills the views): ${fixed(setupMs / 1000, 2)} s`);
    console.log(`  refreshAnalytics CONCURRENTLY: ${fixed(refreshMs / 1000, 2)} s; plain refresh: ${fixed(refreshPlainMs / 1000, 2)} s`);

    const queries: Array<[string, () => Promise<unknown>]> = [
      ['segmentMix (all regions)', () => segmentMix(db)],
      ['contactTypeVolume (quarter, by week)', () => contactTypeVolume(db, { ...quarter, bucket: 'week' })],
      ['contactTypeVolume (12 months, by month)', () => contactTypeVolume(db, { ...year, bucket: 'month' })],
      ['contactTypeVolume (quarter, 3 regions)', () => contactTypeVolume(db, { ...quarter, regions: someRegions, bucket: 'month' })],
      ['channelMix (quarter)', () => channelMix(db, quarter)],
      ['complaintAnalysis (quarter)', () => complaintAnalysis(db, quarter)],
      ['serviceLevelCompliance (quarter)', () => serviceLevelCompliance(db, { ...quarter, now })],
      ['serviceLevelBreaches (quarter, 100)', () => serviceLevelBreaches(db, { ...quarter, now, limit: 100 })],
      ['churnRisk (all, top 100)', () => churnRisk(db, { now, limit: 100 })],
      ['churnRisk (3 regions, medium+)', () => churnRisk(db, { now, regions: someRegions, minRating: 'medium' })],
      ['salesFunnel (quarter)', () => salesFunnel(db, { ...quarter, now })],
      ['crossSell (top 100)', () => crossSell(db, { limit: 100 })],
    ];
    const results = [];
    for (const [name, query] of queries) {
      for (let index = 0; index < warmUpRuns; index++) await query();
      const latencies: number[] = [];
      for (let index = 0; index < runs; index++) latencies.push(await timed(query));
      latencies.sort((a, b) => a - b);
      const p95Ms = percentile(latencies, 95);
      results.push({ name, runs, p50Ms: percentile(latencies, 50), p95Ms, maxMs: latencies.at(-1)!, pass: p95Ms < targetP95Ms });
    }

    console.log(`\n  ${'query'.padEnd(42)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}  target`);
    console.log(`  ${'-'.repeat(42)} ${'-'.repeat(8)} ${'-'.repeat(8)} ${'-'.repeat(8)}  ------`);
    for (const r of results) {
      console.log(`  ${r.name.padEnd(42)} ${fixed(r.p50Ms).padStart(8)} ${fixed(r.p95Ms).padStart(8)} ${fixed(r.maxMs).padStart(8)}  ${r.pass ? 'PASS' : 'MISS'}`);
    }
    const allPass = results.every((r) => r.pass);
    console.log(`\n  Target "each analytics query < ${targetP95Ms} ms p95" (${runs} runs each after ${warmUpRuns} warm-up, sequential): ${allPass ? 'PASS' : 'MISS'}`);
    console.log(`  (now = ${now.toISOString()}; quarter = [${quarter.from.toISOString().slice(0, 10)}, ${quarter.to.toISOString().slice(0, 10)}); 3 regions = ${someRegions.join(', ')})`);

    mkdirSync(dirname(resultFile), { recursive: true });
    const scale = { regions: regionCount, ...counts };
    writeFileSync(resultFile, JSON.stringify({ measuredAt: new Date().toISOString(), environment, scale, loadMs, setupMs, refreshMs, refreshPlainMs, targetP95Ms, results, allPass }, null, 2) + '\n');
    console.log(`\n  Figures written to ${resultFile}`);
  } finally {
    await handle?.close().catch((error: unknown) => console.error('closing the database failed:', error));
    await server?.drop().catch((error: unknown) => console.error(`dropping ${server?.name} failed:`, error));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('Benchmark failed:', error);
    process.exit(1);
  },
);
