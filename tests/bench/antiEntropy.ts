import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRegionClient } from '@meridian/federation';
import { sql } from 'drizzle-orm';
import { eventually, startTestFederation, type TestFederation } from '../support/federation.ts';
import { fixed, positiveIntFromEnv } from './figures.ts';

// Informational benchmark of anti-entropy: how long HQ takes to prove (and repair) a region of N rows.

process.env.MERIDIAN_VERIFY_INTERVAL_MS = '0';
process.env.MERIDIAN_VERIFY_AFTER_CATCH_UP = '0';

const customers = positiveIntFromEnv('BENCH_VERIFY_CUSTOMERS', 10_000);
const recordsPerCustomer = positiveIntFromEnv('BENCH_VERIFY_RECORDS_PER_CUSTOMER', 4);
const corrupted = positiveIntFromEnv('BENCH_VERIFY_CORRUPT', 100);
const runs = 3;
const resultFile = fileURLToPath(new URL('../../.bench/antiEntropy.json', import.meta.url));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const count = async (federation: TestFederation, table: string) => {
  const result = (await federation.hqDatabase.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where region = 'hk'`)) as unknown as { rows: Array<{ n: number }> };
  return Number(result.rows[0]!.n);
};

async function main() {
  const federation = await startTestFederation('bench_verify', ['hk']);
  try {
    const region = federation.regions.get('hk')!.database.db;
    const seedStarted = performance.now();
    // Set-based seeding through the region's own tables: every trigger (audit, feed, manager history) fires.
    await region.execute(sql`insert into customers (code, name, segment, sub_segment, city, country, account_manager, email, name_keys, search_text, created_by, updated_by, annual_revenue_gbp)
      select 'HK-B' || lpad(n::text, 7, '0'), '九龍工程 ' || n || ' 有限公司', 'property', 'hotels', 'Hong Kong', 'HK', 'kaming.wong',
             'office' || n || '@example.hk', array['kowloon' || n], 'kowloon ' || n, 'bench', 'bench', (n * 37) % 5000000
      from generate_series(1, ${customers}) as n`);
    await region.execute(sql`insert into contact_records (customer_id, type_code, channel, occurred_at, place, content, outcome, next_step, language, created_by, updated_by)
      select c.id, 'enquiry.pricing', 'phone', now() - (r || ' hours')::interval, '中環辦公室', '客戶查詢冷氣系統保養合約的價格 ' || r, '已提供初步報價。', '下星期寄出正式建議書。', 'zh-HK', 'bench', 'bench'
      from customers c cross join generate_series(1, ${recordsPerCustomer}) as r`);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const catchUpStarted = performance.now();
    await federation.hq.runtime.syncNow('hk');
    await eventually(async () => {
      if ((await count(federation, 'region_contact_records')) !== customers * recordsPerCustomer) throw new Error('HQ still catching up');
    }, 300_000);
    const catchUpSeconds = (performance.now() - catchUpStarted) / 1000;
    const totalRows = (await count(federation, 'region_customers')) + (await count(federation, 'region_contact_records')) + (await count(federation, 'region_manager_assignments'));

    const client = createRegionClient(federation.regions.get('hk')!.node.url, federation.keyStore.signerFor('hk'));
    const digestMs: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      await client.federation.digest.query({});
      digestMs.push(performance.now() - started);
    }
    const cleanMs: number[] = [];
    let clean = null;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      clean = await federation.hq.runtime.verifyRegion('hk');
      cleanMs.push(performance.now() - started);
    }
    await federation.hqDatabase.db.execute(sql`update region_contact_records set content = 'corrupted' where region = 'hk' and id in (
      select id from region_contact_records where region = 'hk' order by md5(id::text) limit ${corrupted})`);
    const repairStarted = performance.now();
    const repair = await federation.hq.runtime.verifyRegion('hk');
    const repairMs = performance.now() - repairStarted;
    if (clean?.outcome !== 'verified' || repair?.outcome !== 'verified' || repair.repaired !== corrupted) {
      throw new Error(`verification did not end verified: ${JSON.stringify({ clean: clean?.outcome, repair })}`);
    }

    const figures = {
      measuredAt: new Date().toISOString(),
      environment: { node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`, database: federation.hqDatabase.url ? 'postgresql' : 'pglite' },
      rows: { customers, contactRecords: customers * recordsPerCustomer, atHq: totalRows, compared: clean.rowsCompared },
      seedSeconds, catchUpSeconds,
      regionDigestMedianMs: median(digestMs),
      verifyCleanMedianMs: median(cleanMs),
      verifyWithRepair: { corrupted, ms: repairMs, diverged: repair.diverged, repaired: repair.repaired, bucketsRefetched: repair.entities.contactRecord?.divergingBuckets ?? 0 },
    };
    console.log('\nMeridian anti-entropy benchmark');
    console.log(`  ${figures.environment.node}, ${figures.environment.cpus}, ${figures.environment.database}; HQ, region and bench share one process`);
    console.log(`  region: ${customers} customers, ${customers * recordsPerCustomer} contact records, ${customers} manager assignments (${clean.rowsCompared} rows compared)`);
    console.log(`  seeded in ${fixed(seedSeconds, 1)} s; HQ caught up in ${fixed(catchUpSeconds, 1)} s`);
    console.log(`  region digest (federation.digest, all entities):     median ${fixed(figures.regionDigestMedianMs, 0)} ms of ${runs}`);
    console.log(`  verify, nothing diverged (digest + HQ digest + compare): median ${fixed(figures.verifyCleanMedianMs, 0)} ms of ${runs}`);
    console.log(`  verify, ${corrupted} altered records at HQ: ${fixed(repairMs, 0)} ms — diverged ${repair.diverged}, repaired ${repair.repaired}, ${figures.verifyWithRepair.bucketsRefetched} buckets refetched, then re-compared`);
    mkdirSync(dirname(resultFile), { recursive: true });
    writeFileSync(resultFile, JSON.stringify(figures, null, 2) + '\n');
    console.log(`  Figures written to ${resultFile}`);
  } finally {
    await federation.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('Benchmark failed:', error);
    process.exit(1);
  },
);
