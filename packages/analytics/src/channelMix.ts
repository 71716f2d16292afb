import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '@meridian/hq-db';
import { sql } from 'drizzle-orm';
import { factsCondition, num, type AnalyticsFilter } from './filter.ts';
import { analyticsRead } from './setup.ts';

/** `region` null: every selected region together. `share` is of that region's records (4 decimals). */
export interface ChannelMixRow {
  region: string | null;
  channel: string;
  records: number;
  share: number;
}

/** Effective contact records by channel, per region and overall, with each channel's share. */
export function channelMix(db: HqExecutor, filter: AnalyticsFilter = {}): Promise<ChannelMixRow[]> {
  return analyticsRead(db, async (tx) => {
    const rows = await selectRows<{ region: string | null; channel: string; records: string | number; share: string | number }>(
      tx,
      sql`with counted as (
          select f.region, grouping(f.region) as overall, f.channel, count(*) as records
          from analytics_contact_facts f
          where ${factsCondition(filter)}
          group by grouping sets ((f.region, f.channel), (f.channel))
        )
        select region, channel, records,
          round(records::numeric / sum(records) over (partition by overall, region), 4) as share
        from counted
        order by overall desc, region, records desc, channel`,
    );
    return rows.map((row) => ({ region: row.region, channel: row.channel, records: num(row.records), share: num(row.share) }));
  });
}
