import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '@meridian/hq-db';
import { sql } from 'drizzle-orm';
import { num, regionCondition, timestampSql } from './filter.ts';
import { analyticsRead } from './setup.ts';

/**
 * The score is the sum of each signal's points, capped at 100. Every signal is computed from structured
 * fields only (types, dates, statuses), never from free text a region may withhold. Periods are relative
 * to `now`: "recent" is [now − 90 d, now), "previous" is [now − 180 d, now − 90 d).
 *
 * | code               | value                                    | points                                   |
 * |--------------------|------------------------------------------|------------------------------------------|
 * | open_complaints    | complaints still open                    | 10 each, at most 30                      |
 * | recent_complaints  | complaints in the recent 90 days         | 10 each, at most 30                      |
 * | falling_contact    | % fewer records than the previous 90 days| 25 × drop (only with ≥ 2 previous records)|
 * | overdue_next_steps | open records whose next step is past due | 5 each, at most 20                       |
 * | ended_projects     | ended (completed/cancelled) projects     | 20, when no project is planned/active/on hold |
 * | lifecycle_dormant  | members marked dormant                   | 20 × dormant / members                   |
 * | lifecycle_lost     | members marked lost                      | 40 × lost / members                      |
 *
 * Rating: high from 50 points, medium from 25, low below.
 */
export const churnRules = {
  recentDays: 90,
  perOpenComplaint: 10,
  maxOpenComplaints: 30,
  perRecentComplaint: 10,
  maxRecentComplaints: 30,
  fallingContactPoints: 25,
  fallingContactMinPrevious: 2,
  perOverdueNextStep: 5,
  maxOverdueNextSteps: 20,
  endedProjectsPoints: 20,
  dormantPoints: 20,
  lostPoints: 40,
  high: 50,
  medium: 25,
} as const;

export const churnReasonCodes = [
  'open_complaints',
  'recent_complaints',
  'falling_contact',
  'overdue_next_steps',
  'ended_projects',
  'lifecycle_dormant',
  'lifecycle_lost',
] as const;
export type ChurnReasonCode = (typeof churnReasonCodes)[number];
export type ChurnRating = 'low' | 'medium' | 'high';

export interface ChurnReason {
  code: ChurnReasonCode;
  value: number;
  points: number;
}

export interface ChurnRiskRow {
  globalCode: string;
  accountName: string;
  revenueGbp: number;
  score: number;
  rating: ChurnRating;
  /** Signals that scored, most points first (then by code). */
  reasons: ChurnReason[];
}

export interface ChurnRiskFilter {
  /** Only members (and their records) in these regions count. */
  regions?: string[];
  now?: Date;
  /** Only accounts rated at least this. */
  minRating?: ChurnRating;
  limit?: number;
}

export interface ChurnRisk {
  accounts: ChurnRiskRow[];
  /** Accounts per rating over everything scored (before minRating and limit). */
  ratings: Record<ChurnRating, number>;
}

/** An explainable churn score per global account, highest risk first. */
export async function churnRisk(db: HqExecutor, filter: ChurnRiskFilter = {}): Promise<ChurnRisk> {
  const r = churnRules;
  const now = timestampSql(filter.now ?? new Date());
  const recentStart = sql`(${now} - interval '${sql.raw(String(r.recentDays))} days')`;
  const previousStart = sql`(${now} - interval '${sql.raw(String(2 * r.recentDays))} days')`;
  // Every region: the account facts already sum the members; otherwise, the members in those regions.
  const members =
    filter.regions === undefined
      ? sql`select global_code, members, revenue_gbp as revenue, dormant_members as dormant, lost_members as lost,
          live_projects, ended_projects, 0 as recent_records, 0 as previous_records, 0 as recent_complaints,
          0 as open_complaints, 0 as overdue_next_steps
        from analytics_account_facts`
      : sql`select global_code, 1 as members, coalesce(revenue_gbp, 0) as revenue,
          (lifecycle_stage = 'dormant')::int as dormant, (lifecycle_stage = 'lost')::int as lost,
          live_projects, ended_projects, 0 as recent_records, 0 as previous_records, 0 as recent_complaints,
          0 as open_complaints, 0 as overdue_next_steps
        from analytics_customer_facts
        where global_code is not null and ${regionCondition(sql`region`, filter.regions)}`;
  const minimum = filter.minRating === 'high' ? r.high : filter.minRating === 'medium' ? r.medium : 0;
  const rows = await analyticsRead(db, (tx) => selectRows<{
    global_code: string;
    account_name: string;
    revenue: string | number;
    score: string | number;
    rating: ChurnRating;
    reasons: ChurnReason[] | null;
    high: string | number;
    medium: string | number;
    low: string | number;
  }>(
    tx,
    sql`with inputs as (
        -- One pass per source, one aggregation: joining separately aggregated sources would make the planner
        -- guess wildly (it cannot know they share keys).
        ${members}
        union all
        select f.global_code, 0, 0, 0, 0, 0, 0,
          (f.occurred_at >= ${recentStart})::int, (f.occurred_at < ${recentStart})::int,
          (f.occurred_at >= ${recentStart} and f.type_group = 'complaint')::int, 0, 0
        from analytics_contact_facts f
        where f.global_code is not null and f.occurred_at >= ${previousStart} and f.occurred_at < ${now}
          and ${regionCondition(sql`f.region`, filter.regions)}
        union all
        select f.global_code, 0, 0, 0, 0, 0, 0, 0, 0, 0,
          (f.type_group = 'complaint')::int, (f.next_step_due < ${now})::int
        from analytics_contact_facts f
        where f.is_open and f.global_code is not null and f.occurred_at < ${now}
          and ${regionCondition(sql`f.region`, filter.regions)}
      ),
      signals as materialized (
        select global_code, sum(members)::int as members, sum(revenue) as revenue, sum(dormant)::int as dormant, sum(lost)::int as lost,
          sum(live_projects)::int as live_projects, sum(ended_projects)::int as ended_projects,
          sum(recent_records)::int as recent_records, sum(previous_records)::int as previous_records,
          sum(recent_complaints)::int as recent_complaints, sum(open_complaints)::int as open_complaints,
          sum(overdue_next_steps)::int as overdue_next_steps
        from inputs group by global_code
        having sum(members) > 0
      ),
      -- Integer arithmetic throughout; (2a + b) / 2b rounds a / b half up, as round() does for these positive values.
      drops as (
        select s.*,
          case when s.previous_records >= ${r.fallingContactMinPrevious} and s.recent_records < s.previous_records
            then (200 * (s.previous_records - s.recent_records) + s.previous_records) / (2 * s.previous_records) else 0 end as contact_drop
        from signals s
      ),
      points as materialized (
        select d.*,
          least(${r.maxOpenComplaints}, ${r.perOpenComplaint} * d.open_complaints) as open_complaints_points,
          least(${r.maxRecentComplaints}, ${r.perRecentComplaint} * d.recent_complaints) as recent_complaints_points,
          (2 * ${r.fallingContactPoints} * d.contact_drop + 100) / 200 as falling_contact_points,
          least(${r.maxOverdueNextSteps}, ${r.perOverdueNextStep} * d.overdue_next_steps) as overdue_next_steps_points,
          case when d.ended_projects > 0 and d.live_projects = 0 then ${r.endedProjectsPoints} else 0 end as ended_projects_points,
          (2 * ${r.dormantPoints} * d.dormant + d.members) / (2 * d.members) as dormant_points,
          (2 * ${r.lostPoints} * d.lost + d.members) / (2 * d.members) as lost_points
        from drops d
      ),
      scored as materialized (
        select p.*, least(100, p.open_complaints_points + p.recent_complaints_points + p.falling_contact_points
          + p.overdue_next_steps_points + p.ended_projects_points + p.dormant_points + p.lost_points) as score
        from points p
      ),
      rated as (
        select s.*, case when s.score >= ${r.high} then 'high' when s.score >= ${r.medium} then 'medium' else 'low' end as rating
        from scored s
      ),
      ratings as (
        select count(*) filter (where rating = 'high') as high, count(*) filter (where rating = 'medium') as medium,
          count(*) filter (where rating = 'low') as low
        from rated
      ),
      ranked as (
        select rated.* from rated order by rated.score desc, rated.global_code limit ${filter.limit ?? 100}
      )
      -- Reasons only for the page: every signal that scored, most points first.
      select k.global_code, acc.account_name, k.revenue, k.score, k.rating, t.high, t.medium, t.low,
        (select coalesce(jsonb_agg(jsonb_build_object('code', code, 'value', value, 'points', points) order by points desc, code), '[]'::jsonb)
         from (values
           ('open_complaints', k.open_complaints, k.open_complaints_points),
           ('recent_complaints', k.recent_complaints, k.recent_complaints_points),
           ('falling_contact', k.contact_drop, k.falling_contact_points),
           ('overdue_next_steps', k.overdue_next_steps, k.overdue_next_steps_points),
           ('ended_projects', k.ended_projects, k.ended_projects_points),
           ('lifecycle_dormant', k.dormant, k.dormant_points),
           ('lifecycle_lost', k.lost, k.lost_points)) as reason(code, value, points)
         where points > 0) as reasons
      from ranked k
      join analytics_account_facts acc on acc.global_code = k.global_code
      cross join ratings t
      order by k.score desc, k.global_code`,
  ));
  // Highest scores come first, so the rows at or above the minimum are a prefix of the page.
  const first = rows[0];
  return {
    accounts: rows
      .filter((row) => num(row.score) >= minimum)
      .map((row) => ({
        globalCode: row.global_code,
        accountName: row.account_name,
        revenueGbp: num(row.revenue),
        score: num(row.score),
        rating: row.rating,
        reasons: (row.reasons ?? []).map((reason) => ({ code: reason.code, value: Number(reason.value), points: Number(reason.points) })),
      })),
    ratings: { high: num(first?.high), medium: num(first?.medium), low: num(first?.low) },
  };
}
