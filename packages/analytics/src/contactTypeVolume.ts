import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '@meridian/hq-db';
import { sql } from 'drizzle-orm';
import { factsCondition, num, regionCondition, windowCondition, type AnalyticsFilter } from './filter.ts';
import { analyticsRead } from './setup.ts';

export const periodBuckets = ['day', 'week', 'month', 'quarter'] as const;
export type PeriodBucket = (typeof periodBuckets)[number];

export interface ContactTypeVolumeFilter extends AnalyticsFilter {
  bucket?: PeriodBucket;
  /** Only this group's types (e.g. 'complaint'). */
  typeGroup?: string;
}

/** `typeCode` null is the group's total; otherwise the leaf (e.g. `complaint.timeliness`). */
interface VolumeCount {
  typeGroup: string;
  typeCode: string | null;
  records: number;
}

export interface ContactTypeVolume {
  /** Per period: `period` is the bucket's first day in UTC (YYYY-MM-DD; weeks start on Monday). */
  byPeriod: Array<VolumeCount & { period: string }>;
  byRegion: Array<VolumeCount & { region: string }>;
  /** `serviceCategory` null: the record names none (nor does its project). */
  byServiceCategory: Array<VolumeCount & { serviceCategory: string | null }>;
}

const isMonthStart = (date: Date | undefined) =>
  date === undefined || (date.getUTCDate() === 1 && date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0);

/**
 * Effective contact records (an amended record counts once, as corrected) by type group and leaf, each
 * broken down by period, by region and by service category: one scan, grouping sets. Month and quarter
 * trends over whole UTC months read the monthly rollup; anything finer reads the facts.
 */
export async function contactTypeVolume(db: HqExecutor, filter: ContactTypeVolumeFilter = {}): Promise<ContactTypeVolume> {
  const bucket: PeriodBucket = filter.bucket ?? 'month';
  if (!periodBuckets.includes(bucket)) throw new Error(`unknown period bucket ${String(bucket)}`);
  const monthly = (bucket === 'month' || bucket === 'quarter') && isMonthStart(filter.from) && isMonthStart(filter.to);
  // Literal, not a parameter: the select list must repeat the GROUP BY expression exactly.
  const period = sql.raw(monthly ? `date_trunc('${bucket}', f.month)` : `date_trunc('${bucket}', f.occurred_at at time zone 'UTC')`);
  const source = monthly
    ? sql`analytics_monthly_volume f where ${regionCondition(sql`f.region`, filter.regions)}
        and ${windowCondition(sql`f.month`, filter.from, filter.to, true)}`
    : sql`analytics_contact_facts f where ${factsCondition(filter)}`;
  const records = monthly ? sql`sum(f.records)` : sql`count(*)`;
  const group = filter.typeGroup === undefined ? sql`true` : sql`f.type_group = ${filter.typeGroup}`;
  const rows = await analyticsRead(db, (tx) => selectRows<{
    dimension: 'period' | 'region' | 'category';
    period: string | null;
    region: string | null;
    service_category: string | null;
    type_group: string;
    type_code: string | null;
    records: string | number;
  }>(
    tx,
    sql`select
        case when grouping(f.region) = 0 then 'region' when grouping(f.service_category) = 0 then 'category' else 'period' end as dimension,
        to_char(${period}, 'YYYY-MM-DD') as period,
        f.region, f.service_category, f.type_group,
        case when grouping(f.type_code) = 0 then f.type_code end as type_code,
        ${records} as records
      from ${source} and ${group}
      group by grouping sets (
        (${period}, f.type_group), (${period}, f.type_group, f.type_code),
        (f.region, f.type_group), (f.region, f.type_group, f.type_code),
        (f.service_category, f.type_group), (f.service_category, f.type_group, f.type_code))
      order by 1, 2, 3, 4 nulls first, 5, 6 nulls first`,
  ));
  const count = (row: (typeof rows)[number]): VolumeCount => ({ typeGroup: row.type_group, typeCode: row.type_code, records: num(row.records) });
  return {
    byPeriod: rows.filter((row) => row.dimension === 'period').map((row) => ({ period: row.period!, ...count(row) })),
    byRegion: rows.filter((row) => row.dimension === 'region').map((row) => ({ region: row.region!, ...count(row) })),
    byServiceCategory: rows.filter((row) => row.dimension === 'category').map((row) => ({ serviceCategory: row.service_category, ...count(row) })),
  };
}
