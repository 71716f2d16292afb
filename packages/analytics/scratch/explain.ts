import { openHqDatabase, type HqDatabase } from '@meridian/hq-db';
import { sql, type SQL } from 'drizzle-orm';
import * as a from '../src/index.ts';

const url = process.argv[2]!;
const which = process.argv[3]!;
const now = new Date('2026-07-01T00:00:00Z');
const quarter = { from: new Date('2026-04-01T00:00:00Z'), to: now };
const handle = await openHqDatabase({ driver: 'pg', url, poolSize: 2 });
const proxy = {
  execute: async (query: SQL) => {
    const result = (await handle.db.execute(sql`explain (analyze, buffers) ${query}`)) as unknown as { rows: Array<Record<string, string>> };
    console.log(result.rows.map((row) => row['QUERY PLAN']).join('\n'));
    console.log('-----');
    return { rows: [] };
  },
} as unknown as HqDatabase;
const calls: Record<string, () => Promise<unknown>> = {
  volume: () => a.contactTypeVolume(proxy, { ...quarter, bucket: 'week' }),
  churn: () => a.churnRisk(proxy, { now, limit: 100 }),
  funnel: () => a.salesFunnel(proxy, { ...quarter, now }),
  segment: () => a.segmentMix(proxy),
  channel: () => a.channelMix(proxy, quarter),
};
await calls[which]!().catch((e) => console.log('ERR', e.message));
await handle.close();
