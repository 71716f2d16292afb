import { selectRows } from '@meridian/db-driver';
import { sql, type SQL } from 'drizzle-orm';
import type { HqDatabase, HqExecutor } from '@meridian/hq-db';

/**
 * Project statuses that mean work is (or will be) under way; the others have ended. Shared by the views
 * and the queries so "live" means one thing everywhere.
 */
export const liveProjectStatuses = ['planned', 'active', 'on_hold'] as const;
export const endedProjectStatuses = ['completed', 'cancelled'] as const;

const statusList = (statuses: readonly string[]) => sql.raw(statuses.map((status) => `'${status}'`).join(', '));

/** A project counts as won unless it was cancelled. */
export const wonProjectStatuses = [...liveProjectStatuses, 'completed'] as const;

/**
 * One row per *effective* contact record: what the analyses count.
 *
 * - A closed record can only be corrected by an amendment (a new record pointing at it). A record and its
 *   amendments form one case, identified by its root (the record that amends nothing); the case counts
 *   once, with the values of its newest record. The case was closed when its root was (a root must be
 *   closed to be amended), so an amendment still being edited does not reopen a complaint.
 * - The service category falls back to the category of the project the record's job code names.
 * - The global code is the customer's live account (links always point at live codes; a merged one is
 *   guarded against anyway). Customers not yet reconciled have none.
 * - `wins_project`: this is the first order (order.new / order.change) naming a project that was won
 *   (not cancelled), so "projects won in a window" is a plain count.
 * - No free text is carried: withheld fields (content, outcome, next-step text) are NULL at HQ, so no
 *   metric may depend on them; due dates and timestamps are never withheld.
 * - Rows are written in time order, so a window reads a contiguous part of the table (a concurrent
 *   refresh appends changed rows; a plain refresh restores the order).
 */
const contactFactsView = sql.raw(`
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_contact_facts AS
WITH RECURSIVE amendments(region, id, root_id) AS (
  SELECT a.region, a.id, a.amends_id
  FROM region_contact_records a
  JOIN region_contact_records o ON o.region = a.region AND o.id = a.amends_id AND o.amends_id IS NULL
  WHERE a.deleted_at IS NULL
  UNION ALL
  SELECT a.region, a.id, c.root_id
  FROM amendments c
  JOIN region_contact_records a ON a.region = c.region AND a.amends_id = c.id AND a.deleted_at IS NULL
),
newest AS (
  SELECT DISTINCT ON (c.region, c.root_id) c.region, c.root_id, c.id
  FROM amendments c
  JOIN region_contact_records a ON a.region = c.region AND a.id = c.id
  ORDER BY c.region, c.root_id, coalesce(a.created_at, a.received_at) DESC, a.id DESC
),
projects AS (
  SELECT DISTINCT ON (region, job_code) region, job_code, service_category, status
  FROM region_projects
  WHERE deleted_at IS NULL
  ORDER BY region, job_code, id
),
accounts AS (
  SELECT l.region, l.customer_id, l.global_code
  FROM account_links l
  JOIN global_accounts g ON g.global_code = l.global_code AND g.merged_into IS NULL
),
effective AS (
  SELECT r.region, r.id, r.customer_id, acc.global_code,
    split_part(r.type_code, '.', 1) AS type_group,
    r.type_code, r.channel, r.occurred_at,
    coalesce(r.service_category, p.service_category) AS service_category,
    r.job_code, p.status AS project_status,
    (n.root_id IS NULL AND r.status = 'open') AS is_open,
    CASE WHEN n.root_id IS NULL THEN r.closed_at ELSE coalesce(root.closed_at, r.closed_at) END AS closed_at,
    r.next_step_due, r.sla_response_due_at, r.sla_completion_due_at, r.responded_at, r.completed_at
  FROM region_contact_records r
  LEFT JOIN newest n ON n.region = r.region AND n.id = r.id
  LEFT JOIN region_contact_records root ON root.region = n.region AND root.id = n.root_id
  LEFT JOIN projects p ON p.region = r.region AND p.job_code = r.job_code
  LEFT JOIN accounts acc ON acc.region = r.region AND acc.customer_id = r.customer_id
  WHERE r.deleted_at IS NULL
    AND (n.id IS NOT NULL
         OR (r.amends_id IS NULL AND NOT EXISTS (SELECT 1 FROM newest x WHERE x.region = r.region AND x.root_id = r.id)))
),
wins AS (
  SELECT DISTINCT ON (region, job_code) region, id
  FROM effective
  WHERE type_code IN ('order.new', 'order.change') AND project_status IN (${wonProjectStatuses.map((status) => `'${status}'`).join(', ')})
  ORDER BY region, job_code, occurred_at, id
)
SELECT e.*, (w.id IS NOT NULL) AS wins_project
FROM effective e
LEFT JOIN wins w ON w.region = e.region AND w.id = e.id
ORDER BY e.occurred_at
`);

/**
 * Effective records per UTC month, region, service category and type: month and quarter trends over
 * whole months read this (about 20× fewer rows than the facts at HQ's scale) instead of the facts.
 */
const monthlyVolumeView = sql`
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_monthly_volume AS
SELECT date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS month, region, service_category,
  coalesce(service_category, '') AS category_key, type_group, type_code, count(*)::int AS records
FROM analytics_contact_facts
GROUP BY 1, 2, 3, 4, 5, 6
ORDER BY 1`;

/** One row per live customer with its account, revenue and a summary of its projects. */
const customerFactsView = sql`
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_customer_facts AS
SELECT c.region, c.id AS customer_id, c.code, c.name, g.global_code, g.display_name AS account_name,
  c.country, c.segment, c.sub_segment, c.annual_revenue_gbp AS revenue_gbp, c.lifecycle_stage,
  coalesce(p.live_projects, 0)::int AS live_projects,
  coalesce(p.ended_projects, 0)::int AS ended_projects,
  coalesce(p.countries, '{}'::text[]) AS project_countries
FROM region_customers c
LEFT JOIN account_links l ON l.region = c.region AND l.customer_id = c.id
LEFT JOIN global_accounts g ON g.global_code = l.global_code AND g.merged_into IS NULL
LEFT JOIN (
  SELECT region, customer_id,
    count(*) FILTER (WHERE status IN (${statusList(liveProjectStatuses)})) AS live_projects,
    count(*) FILTER (WHERE status IN (${statusList(endedProjectStatuses)})) AS ended_projects,
    array_agg(DISTINCT country ORDER BY country) AS countries
  FROM region_projects
  WHERE deleted_at IS NULL
  GROUP BY region, customer_id
) p ON p.region = c.region AND p.customer_id = c.id
WHERE c.deleted_at IS NULL`;

/** Per live global account: what crossSell and churnRisk rank by (members everywhere, not per filter). */
const accountFactsView = sql`
CREATE MATERIALIZED VIEW IF NOT EXISTS analytics_account_facts AS
SELECT f.global_code, min(f.account_name) AS account_name,
  coalesce(sum(f.revenue_gbp), 0) AS revenue_gbp,
  count(*)::int AS members,
  count(*) FILTER (WHERE f.lifecycle_stage = 'dormant')::int AS dormant_members,
  count(*) FILTER (WHERE f.lifecycle_stage = 'lost')::int AS lost_members,
  sum(f.live_projects)::int AS live_projects,
  sum(f.ended_projects)::int AS ended_projects,
  array_agg(DISTINCT f.region ORDER BY f.region) AS regions,
  (SELECT array_agg(DISTINCT s.country ORDER BY s.country)
     FROM analytics_customer_facts m, unnest(array_append(m.project_countries, m.country)) AS s(country)
     WHERE m.global_code = f.global_code) AS served_countries
FROM analytics_customer_facts f
WHERE f.global_code IS NOT NULL
GROUP BY f.global_code`;

const statements: SQL[] = [
  contactFactsView,
  sql`CREATE UNIQUE INDEX IF NOT EXISTS analytics_contact_facts_key ON analytics_contact_facts (region, id)`,
  // Covers churnRisk's scan of the last 180 days (index-only once the view is vacuumed, which refresh does).
  sql`CREATE INDEX IF NOT EXISTS analytics_contact_facts_time_idx ON analytics_contact_facts (occurred_at) INCLUDE (global_code, type_group, region)`,
  sql`CREATE INDEX IF NOT EXISTS analytics_contact_facts_group_idx ON analytics_contact_facts (type_group, occurred_at)`,
  sql`CREATE INDEX IF NOT EXISTS analytics_contact_facts_wins_idx ON analytics_contact_facts (occurred_at) WHERE wins_project`,
  sql`CREATE INDEX IF NOT EXISTS analytics_contact_facts_open_idx ON analytics_contact_facts (global_code) WHERE is_open`,
  sql`CREATE INDEX IF NOT EXISTS analytics_contact_facts_next_step_idx ON analytics_contact_facts (type_group, next_step_due) WHERE is_open`,
  monthlyVolumeView,
  // A concurrent refresh needs a unique index on plain columns; service_category is nullable, hence category_key.
  sql`CREATE UNIQUE INDEX IF NOT EXISTS analytics_monthly_volume_key ON analytics_monthly_volume (month, region, category_key, type_code)`,
  customerFactsView,
  sql`CREATE UNIQUE INDEX IF NOT EXISTS analytics_customer_facts_key ON analytics_customer_facts (region, customer_id)`,
  sql`CREATE INDEX IF NOT EXISTS analytics_customer_facts_account_idx ON analytics_customer_facts (global_code)`,
  accountFactsView,
  sql`CREATE UNIQUE INDEX IF NOT EXISTS analytics_account_facts_key ON analytics_account_facts (global_code)`,
];

/** In dependency order: the monthly volume is built from the contact facts, account facts from customer facts. */
export const analyticsViews = ['analytics_contact_facts', 'analytics_monthly_volume', 'analytics_customer_facts', 'analytics_account_facts'] as const;

/**
 * Creates the materialized views the analytics read (idempotent; the first call computes them). Each has
 * a unique index, so they can be refreshed CONCURRENTLY while readers keep reading.
 */
export async function setupAnalytics(db: HqExecutor): Promise<void> {
  for (const statement of statements) await db.execute(statement);
  await db.execute(refreshFunction);
}

/**
 * PostgreSQL 15 lets only a materialized view's owner refresh it, and the app role owns nothing (so it
 * can never switch a rule off). The owner therefore defines this one SECURITY DEFINER door: it refreshes
 * and analyses exactly the analytics views, by name from a fixed list, and nothing else.
 */
const refreshFunction = sql.raw(`
CREATE OR REPLACE FUNCTION meridian_refresh_analytics_view(view_name text, concurrent boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  IF NOT view_name = ANY (ARRAY[${analyticsViews.map((view) => `'${view}'`).join(', ')}]) THEN
    RAISE EXCEPTION 'not an analytics view: %', view_name USING ERRCODE = '42501';
  END IF;
  IF concurrent THEN
    EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %I', view_name);
  ELSE
    EXECUTE format('REFRESH MATERIALIZED VIEW %I', view_name);
  END IF;
  EXECUTE format('ANALYZE %I', view_name);
END $fn$`);

/**
 * Recomputes the views from the replicas (outside any transaction). CONCURRENTLY keeps them readable meanwhile (it diffs old and
 * new, so it costs more than a plain refresh); `concurrently: false` is for a first fill or maintenance.
 * HQ should call this after applied batches and after reconciliation, debounced (a few seconds; one refresh at a
 * time), since every view reads the replicas and the account links.
 */
export async function refreshAnalytics(db: HqDatabase, options: { concurrently?: boolean } = {}): Promise<void> {
  const concurrently = options.concurrently !== false;
  // VACUUM clears the rows a concurrent refresh replaced and marks pages all-visible, so covering indexes
  // answer without the heap; only an owner may run it (and not inside a function), so where the app role
  // refreshes (PostgreSQL, owning nothing) autovacuum does it a little later.
  const owned = new Set(
    (await selectRows<{ name: string }>(db, sql`select relname as name from pg_class
      where relkind = 'm' and relname = any(${sql.param([...analyticsViews])}::text[]) and pg_has_role(current_user, relowner, 'USAGE')`)).map((row) => row.name),
  );
  for (const view of analyticsViews) {
    await db.execute(sql`select meridian_refresh_analytics_view(${view}, ${concurrently})`);
    if (owned.has(view)) await db.execute(sql.raw(`VACUUM ${view}`));
  }
}

/**
 * Runs an analytics read in a transaction tuned for it: no JIT (compiling costs far more than these
 * sub-second queries save, and PostgreSQL's estimates over aggregated CTEs trigger it needlessly) and
 * enough work_mem that grouping and sorting stay in memory. Settings are local to the transaction (when
 * called inside the caller's transaction, until that one ends).
 */
export function analyticsRead<T>(db: HqExecutor, work: (tx: HqExecutor) => Promise<T>): Promise<T> {
  return (db as HqDatabase).transaction(async (tx) => {
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`);
    return work(tx);
  });
}
