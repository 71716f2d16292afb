import { sql, type SQL } from 'drizzle-orm';
import type { HqExecutor } from '@meridian/hq-db';

/**
 * Project statuses that mean work is (or will be) under way; the others have ended. Shared by the views
 * and the queries so "live" means one thing everywhere.
 */
export const liveProjectStatuses = ['planned', 'active', 'on_hold'] as const;
export const endedProjectStatuses = ['completed', 'cancelled'] as const;

const statusList = (statuses: readonly string[]) => sql.raw(statuses.map((status) => `'${status}'`).join(', '));

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
 * - No free text is carried: withheld fields (content, outcome, next-step text) are NULL at HQ, so no
 *   metric may depend on them; due dates and timestamps are never withheld.
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
)
SELECT r.region, r.id, r.customer_id, acc.global_code,
  split_part(r.type_code, '.', 1) AS type_group,
  r.type_code, r.channel, r.occurred_at,
  coalesce(r.service_category, p.service_category) AS service_category,
  r.job_code, p.status AS project_status,
  (n.root_id IS NULL AND r.status = 'open') AS is_open,
  CASE WHEN n.root_id IS NULL THEN r.closed_at ELSE coalesce(root.closed_at, r.closed_at) END AS closed_at,
  r.next_step_due, r.sla_response_due_at, r.sla_completion_due_at, r.responded_at, r.completed_at,
  n.root_id AS amends_root_id
FROM region_contact_records r
LEFT JOIN newest n ON n.region = r.region AND n.id = r.id
LEFT JOIN region_contact_records root ON root.region = n.region AND root.id = n.root_id
LEFT JOIN projects p ON p.region = r.region AND p.job_code = r.job_code
LEFT JOIN accounts acc ON acc.region = r.region AND acc.customer_id = r.customer_id
WHERE r.deleted_at IS NULL
  AND (n.id IS NOT NULL
       OR (r.amends_id IS NULL AND NOT EXISTS (SELECT 1 FROM newest x WHERE x.region = r.region AND x.root_id = r.id)))
`);

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
  sql`CREATE INDEX IF NOT EXISTS analytics_contact_facts_time_idx ON analytics_contact_facts (occurred_at)`,
  sql`CREATE INDEX IF NOT EXISTS analytics_contact_facts_group_idx ON analytics_contact_facts (type_group, occurred_at)`,
  sql`CREATE INDEX IF NOT EXISTS analytics_contact_facts_account_idx ON analytics_contact_facts (global_code, occurred_at)`,
  sql`CREATE INDEX IF NOT EXISTS analytics_contact_facts_open_idx ON analytics_contact_facts (global_code) WHERE is_open`,
  sql`CREATE INDEX IF NOT EXISTS analytics_contact_facts_next_step_idx ON analytics_contact_facts (type_group, next_step_due) WHERE is_open`,
  customerFactsView,
  sql`CREATE UNIQUE INDEX IF NOT EXISTS analytics_customer_facts_key ON analytics_customer_facts (region, customer_id)`,
  sql`CREATE INDEX IF NOT EXISTS analytics_customer_facts_account_idx ON analytics_customer_facts (global_code)`,
  accountFactsView,
  sql`CREATE UNIQUE INDEX IF NOT EXISTS analytics_account_facts_key ON analytics_account_facts (global_code)`,
];

/** In dependency order: account facts are built from customer facts. */
export const analyticsViews = ['analytics_contact_facts', 'analytics_customer_facts', 'analytics_account_facts'] as const;

/**
 * Creates the materialized views the analytics read (idempotent; the first call computes them). Each has
 * a unique index, so they can be refreshed CONCURRENTLY while readers keep reading.
 */
export async function setupAnalytics(db: HqExecutor): Promise<void> {
  for (const statement of statements) await db.execute(statement);
}

/**
 * Recomputes the views from the replicas. CONCURRENTLY keeps them readable meanwhile (it diffs old and
 * new, so it costs more than a plain refresh); `concurrently: false` is for a first fill or maintenance.
 * HQ should call this after applied batches and reconciliation, debounced (see the package README note).
 */
export async function refreshAnalytics(db: HqExecutor, options: { concurrently?: boolean } = {}): Promise<void> {
  const mode = options.concurrently === false ? '' : ' CONCURRENTLY';
  for (const view of analyticsViews) {
    await db.execute(sql.raw(`REFRESH MATERIALIZED VIEW${mode} ${view}`));
    await db.execute(sql.raw(`ANALYZE ${view}`));
  }
}
