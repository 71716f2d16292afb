import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '@meridian/hq-db';
import { sql } from 'drizzle-orm';
import { num, regionCondition, timestampSql } from './filter.ts';

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
  const minimum = filter.minRating === 'high' ? r.high : filter.minRating === 'medium' ? r.medium : 0;
  const rows = await selectRows<{
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
    db,
    sql`with members as (
        select global_code, count(*) as members, sum(coalesce(revenue_gbp, 0)) as revenue,
          count(*) filter (where lifecycle_stage = 'dormant') as dormant,
          count(*) filter (where lifecycle_stage = 'lost') as lost,
          sum(live_projects) as live_projects, sum(ended_projects) as ended_projects
        from analytics_customer_facts
        where global_code is not null and ${regionCondition(sql`region`, filter.regions)}
        group by global_code
      ),
      activity as (
        select f.global_code,
          count(*) filter (where f.occurred_at >= ${recentStart}) as recent_records,
          count(*) filter (where f.occurred_at < ${recentStart}) as previous_records,
          count(*) filter (where f.occurred_at >= ${recentStart} and f.type_group = 'complaint') as recent_complaints
        from analytics_contact_facts f
        where f.global_code is not null and f.occurred_at >= ${previousStart} and f.occurred_at < ${now}
          and ${regionCondition(sql`f.region`, filter.regions)}
        group by f.global_code
      ),
      open_items as (
        select f.global_code,
          count(*) filter (where f.type_group = 'complaint') as open_complaints,
          count(*) filter (where f.next_step_due < ${now}) as overdue_next_steps
        from analytics_contact_facts f
        where f.is_open and f.global_code is not null and f.occurred_at < ${now}
          and ${regionCondition(sql`f.region`, filter.regions)}
        group by f.global_code
      ),
      signals as (
        select m.global_code, m.members, m.revenue, m.dormant, m.lost, m.live_projects, m.ended_projects,
          coalesce(o.open_complaints, 0) as open_complaints,
          coalesce(o.overdue_next_steps, 0) as overdue_next_steps,
          coalesce(a.recent_complaints, 0) as recent_complaints,
          case when coalesce(a.previous_records, 0) >= ${r.fallingContactMinPrevious}
                and coalesce(a.recent_records, 0) < a.previous_records
               then round(100.0 * (a.previous_records - coalesce(a.recent_records, 0)) / a.previous_records) else 0 end as contact_drop
        from members m
        left join activity a on a.global_code = m.global_code
        left join open_items o on o.global_code = m.global_code
      ),
      reasons as (
        select s.global_code, x.code, x.value::numeric as value, x.points::int as points
        from signals s
        cross join lateral (values
          ('open_complaints', s.open_complaints, least(${r.maxOpenComplaints}, ${r.perOpenComplaint} * s.open_complaints)),
          ('recent_complaints', s.recent_complaints, least(${r.maxRecentComplaints}, ${r.perRecentComplaint} * s.recent_complaints)),
          ('falling_contact', s.contact_drop, round(${r.fallingContactPoints} * s.contact_drop / 100.0)),
          ('overdue_next_steps', s.overdue_next_steps, least(${r.maxOverdueNextSteps}, ${r.perOverdueNextStep} * s.overdue_next_steps)),
          ('ended_projects', s.ended_projects, case when s.ended_projects > 0 and s.live_projects = 0 then ${r.endedProjectsPoints} else 0 end),
          ('lifecycle_dormant', s.dormant, round(${r.dormantPoints} * s.dormant::numeric / s.members)),
          ('lifecycle_lost', s.lost, round(${r.lostPoints} * s.lost::numeric / s.members))
        ) as x(code, value, points)
      ),
      scored as (
        select s.global_code, s.revenue,
          least(100, coalesce(sum(x.points), 0)) as score,
          coalesce(jsonb_agg(jsonb_build_object('code', x.code, 'value', x.value, 'points', x.points) order by x.points desc, x.code)
            filter (where x.points > 0), '[]'::jsonb) as reasons
        from signals s left join reasons x on x.global_code = s.global_code
        group by s.global_code, s.revenue
      ),
      rated as (
        select *, case when score >= ${r.high} then 'high' when score >= ${r.medium} then 'medium' else 'low' end as rating
        from scored
      )
      select rated.global_code, acc.account_name, rated.revenue, rated.score, rated.rating, rated.reasons,
        count(*) filter (where rated.rating = 'high') over () as high,
        count(*) filter (where rated.rating = 'medium') over () as medium,
        count(*) filter (where rated.rating = 'low') over () as low
      from rated join analytics_account_facts acc on acc.global_code = rated.global_code
      order by rated.score desc, rated.global_code
      limit ${filter.limit ?? 100}`,
  );
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
