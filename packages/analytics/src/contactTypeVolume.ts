import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '@meridian/hq-db';
import { sql } from 'drizzle-orm';
import { factsCondition, num, type AnalyticsFilter } from './filter.ts';

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

/**
 * Effective contact records (an amended record counts once, as corrected) by type group and leaf, each
 * broken down by period, by region and by service category: one scan, grouping sets.
 */
export async function contactTypeVolume(db: HqExecutor, filter: ContactTypeVolumeFilter = {}): Promise<ContactTypeVolume> {
  const bucket: PeriodBucket = filter.bucket ?? 'month';
  if (!periodBuckets.includes(bucket)) throw new Error(`unknown period bucket ${String(bucket)}`);
  // Literal, not a parameter: the select list must repeat the GROUP BY expression exactly.
  const period = sql.raw(`date_trunc('${bucket}', f.occurred_at at time zone 'UTC')`);
  const group = filter.typeGroup === undefined ? sql`true` : sql`f.type_group = ${filter.typeGroup}`;
  const rows = await selectRows<{
    dimension: 'period' | 'region' | 'category';
    period: string | null;
    region: string | null;
    service_category: string | null;
    type_group: string;
    type_code: string | null;
    records: string | number;
  }>(
    db,
    sql`select
        case when grouping(f.region) = 0 then 'region' when grouping(f.service_category) = 0 then 'category' else 'period' end as dimension,
        to_char(${period}, 'YYYY-MM-DD') as period,
        f.region, f.service_category, f.type_group,
        case when grouping(f.type_code) = 0 then f.type_code end as type_code,
        count(*) as records
      from analytics_contact_facts f
      where ${factsCondition(filter)} and ${group}
      group by grouping sets (
        (${period}, f.type_group),
        (${period}, f.type_group, f.type_code),
        (f.region, f.type_group), (f.region, f.type_group, f.type_code),
        (f.service_category, f.type_group), (f.service_category, f.type_group, f.type_code))
      order by 1, 2, 3, 4 nulls first, 5, 6 nulls first`,
  );
  const count = (row: (typeof rows)[number]): VolumeCount => ({ typeGroup: row.type_group, typeCode: row.type_code, records: num(row.records) });
  return {
    byPeriod: rows.filter((row) => row.dimension === 'period').map((row) => ({ period: row.period!, ...count(row) })),
    byRegion: rows.filter((row) => row.dimension === 'region').map((row) => ({ region: row.region!, ...count(row) })),
    byServiceCategory: rows.filter((row) => row.dimension === 'category').map((row) => ({ serviceCategory: row.service_category, ...count(row) })),
  };
}
