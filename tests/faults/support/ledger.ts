/**
 * The verdict of a fault run, per region: of what the node acknowledged, how much is present at the
 * region and at HQ (at least at the acknowledged version), how much is lost, how much is there twice,
 * and whether HQ holds exactly the region's rows at the region's versions.
 */
import pg from 'pg';
import { sleep } from './processes.ts';
import type { RegionLedger } from './writers.ts';

export interface CustomerRow {
  id: string;
  version: number;
  name: string;
}

export interface RegionVerdict {
  code: string;
  acknowledgedWrites: number;
  acknowledgedRows: number;
  present: number;
  lost: string[];
  duplicated: string[];
  /** Rows where HQ differs from the region (missing, extra, or another version). */
  diverged: string[];
}

export async function queryRows(url: string, text: string, values: unknown[] = []): Promise<CustomerRow[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; version: number; name: string }>(text, values);
    return rows.map((row) => ({ id: row.id, version: Number(row.version), name: row.name }));
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const regionCustomersSql = 'select id::text as id, version, name from customers';
export const hqCustomersSql = 'select id::text as id, version, name from region_customers where region = $1';

function duplicatesOf(rows: CustomerRow[]): string[] {
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(row.name, (seen.get(row.name) ?? 0) + 1);
  return [...seen].filter(([, count]) => count > 1).map(([name]) => name);
}

export function judge(ledger: RegionLedger, atRegion: CustomerRow[], atHq: CustomerRow[]): RegionVerdict {
  const region = new Map(atRegion.map((row) => [row.id, row]));
  const hq = new Map(atHq.map((row) => [row.id, row]));
  const lost: string[] = [];
  let present = 0;
  for (const [id, version] of ledger.acknowledged) {
    const here = region.get(id);
    const there = hq.get(id);
    if (here && there && here.version >= version && there.version >= version) present += 1;
    else lost.push(`${id} (acknowledged v${version}; region ${here ? `v${here.version}` : 'missing'}, HQ ${there ? `v${there.version}` : 'missing'})`);
  }
  const diverged: string[] = [];
  for (const row of atRegion) {
    const there = hq.get(row.id);
    if (!there || there.version !== row.version) diverged.push(`${row.id} region v${row.version}, HQ ${there ? `v${there.version}` : 'missing'}`);
  }
  for (const row of atHq) if (!region.has(row.id)) diverged.push(`${row.id} at HQ only`);
  return {
    code: ledger.code,
    acknowledgedWrites: ledger.acknowledgedWrites,
    acknowledgedRows: ledger.acknowledged.size,
    present,
    lost,
    duplicated: [...duplicatesOf(atRegion).map((name) => `region: ${name}`), ...duplicatesOf(atHq).map((name) => `HQ: ${name}`)],
    diverged,
  };
}

/** Waits until HQ holds exactly the region's rows (or the time is up), then judges. */
export async function convergedVerdict(
  ledger: RegionLedger,
  readRegion: () => Promise<CustomerRow[]>,
  readHq: () => Promise<CustomerRow[]>,
  timeoutMs = 60_000,
): Promise<RegionVerdict> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const verdict = judge(ledger, await readRegion(), await readHq());
    if ((verdict.diverged.length === 0 && verdict.lost.length === 0) || Date.now() > deadline) return verdict;
    await sleep(500);
  }
}

export function describeLedger(ledger: RegionLedger): string {
  const refused = [...ledger.refused].map(([status, { count, example }]) => `${status}×${count} ("${example.slice(0, 120)}")`).join(', ');
  return `attempts ${ledger.attempts}, refused ${refused || 'none'}, unanswered ${ledger.unanswered}`;
}

/** One line per region, in the Jepsen manner, plus the run's counts. */
export function report(scenario: string, verdicts: RegionVerdict[], ledgers: RegionLedger[], counts: Record<string, number | string>): string {
  const lines = [`[faults] ${scenario}: ${Object.entries(counts).map(([key, value]) => `${key} ${value}`).join(', ')}`];
  for (const verdict of verdicts) {
    const ledger = ledgers.find((entry) => entry.code === verdict.code)!;
    lines.push(
      `[faults]   ${verdict.code}: acknowledged ${verdict.acknowledgedWrites} writes (${verdict.acknowledgedRows} rows) / present ${verdict.present} / ` +
        `lost ${verdict.lost.length} / duplicated ${verdict.duplicated.length} / diverged ${verdict.diverged.length}; ${describeLedger(ledger)}`,
    );
    for (const detail of [...verdict.lost, ...verdict.duplicated, ...verdict.diverged].slice(0, 10)) lines.push(`[faults]     ${detail}`);
  }
  const text = lines.join('\n');
  console.log(text);
  return text;
}

export interface FeedAccount {
  code: string;
  /** Changes in the region's feed. */
  feed: number;
  /** Changes HQ applied from the feed (moved with its cursor, in the same transaction). */
  applied: number;
  /** Rows HQ's anti-entropy had to repair: anything the feed alone failed to deliver. */
  repaired: number;
}

/**
 * The feed alone must deliver every change exactly once; anti-entropy is the safety net, not the
 * path. Waits (briefly) for HQ's count to reach the feed's, since rows can converge by repair first.
 */
export async function feedAccount(code: string, feedCount: () => Promise<number>, hqAdminUrl: string, timeoutMs = 20_000): Promise<FeedAccount> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const feed = await feedCount();
    const client = new pg.Client({ connectionString: hqAdminUrl });
    client.on('error', () => undefined);
    await client.connect();
    let applied = 0;
    let repaired = 0;
    try {
      const { rows } = await client.query<{ applied: number; repaired: string | null }>(
        `select r.changes_applied as applied,
                (select coalesce(sum(v.repaired), 0) from region_verifications v where v.region = r.code) as repaired
           from regions r where r.code = $1`,
        [code],
      );
      applied = Number(rows[0]?.applied ?? 0);
      repaired = Number(rows[0]?.repaired ?? 0);
    } finally {
      await client.end().catch(() => undefined);
    }
    if (applied === feed || Date.now() > deadline) return { code, feed, applied, repaired };
    await sleep(500);
  }
}

export async function countFeed(regionAdminUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: regionAdminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('select count(*) as n from change_feed')).rows[0]!.n);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function describeFeed(accounts: FeedAccount[]): string {
  return accounts.map((account) => `${account.code} feed ${account.feed} / applied ${account.applied} / repaired by anti-entropy ${account.repaired}`).join('; ');
}
