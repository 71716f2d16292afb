import { sql } from 'drizzle-orm';
import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '../database.ts';

export interface AgendaDraftItem {
  kind: 'complaints' | 'sla_breaches' | 'at_risk' | 'cross_country';
  title: string;
  detail: Record<string, unknown>;
}

interface Period {
  regions: string[];
  from: string;
  to: string;
}

/** [from, to] as UTC instants: the whole of both days. */
const window = (period: Period) => sql`occurred_at >= ${period.from}::date and occurred_at < (${period.to}::date + 1)`;

/**
 * The agenda a joint review starts from, drafted from the records of the regions under review: what
 * customers complained about, service levels missed, accounts at risk, and multinationals served in some
 * of the review's countries but not the others. Figures are frozen into the review when it opens.
 */
export async function draftReviewAgenda(db: HqExecutor, period: Period): Promise<AgendaDraftItem[]> {
  const regions = sql`${sql.param(period.regions)}::text[]`;
  const complaints = await selectRows<{ region: string; type_code: string; complaints: string | number; open: string | number }>(
    db,
    sql`select region, type_code, count(*) as complaints, count(*) filter (where status = 'open') as open
        from region_contact_records
        where region = any(${regions}) and type_code like 'complaint.%' and deleted_at is null and ${window(period)}
        group by region, type_code order by count(*) desc, region, type_code`,
  );
  const breaches = await selectRows<{ region: string; service_category: string; breached: string | number; total: string | number }>(
    db,
    sql`select region, service_category,
          count(*) filter (where coalesce(completed_at, now()) > sla_completion_due_at) as breached,
          count(*) as total
        from region_contact_records
        where region = any(${regions}) and sla_completion_due_at is not null and deleted_at is null and ${window(period)}
        group by region, service_category order by region, service_category`,
  );
  const atRisk = await selectRows<{ global_code: string; name: string; complaints: string | number; open_complaints: string | number; overdue: string | number }>(
    db,
    sql`select g.global_code, g.display_name as name,
          count(*) filter (where r.type_code like 'complaint.%') as complaints,
          count(*) filter (where r.type_code like 'complaint.%' and r.status = 'open') as open_complaints,
          count(*) filter (where r.status = 'open' and r.next_step_due < now()) as overdue
        from region_contact_records r
        join account_links l on l.region = r.region and l.customer_id = r.customer_id
        join global_accounts g on g.global_code = l.global_code and g.merged_into is null
        where r.region = any(${regions}) and r.deleted_at is null and ${window(period)}
        group by g.global_code, g.display_name
        having count(*) filter (where r.type_code like 'complaint.%') >= 2
            or count(*) filter (where r.status = 'open' and r.next_step_due < now()) >= 1
        order by complaints desc, overdue desc, g.global_code
        limit 10`,
  );
  const crossCountry = await selectRows<{ global_code: string; name: string; served_in: string[]; not_served_in: string[] }>(
    db,
    sql`with offices as (select code as region, country from regions where code = any(${regions})),
        served as (
          select l.global_code, c.country from account_links l join region_customers c on c.region = l.region and c.id = l.customer_id and c.deleted_at is null
          union
          select l.global_code, p.country from account_links l join region_projects p on p.region = l.region and p.customer_id = l.customer_id and p.deleted_at is null
        ),
        multinationals as (select global_code from account_links group by global_code having count(distinct region) >= 2)
        select g.global_code, g.display_name as name,
          array(select distinct s.country from served s where s.global_code = g.global_code and s.country in (select country from offices) order by 1) as served_in,
          array(select o.country from offices o where o.country not in (select s.country from served s where s.global_code = g.global_code) order by 1) as not_served_in
        from global_accounts g join multinationals m on m.global_code = g.global_code
        where g.merged_into is null
          and exists (select 1 from served s where s.global_code = g.global_code and s.country in (select country from offices))
          and exists (select 1 from offices o where o.country not in (select s.country from served s where s.global_code = g.global_code))
        order by g.global_code limit 10`,
  );
  const items: AgendaDraftItem[] = [];
  if (complaints.length) {
    items.push({
      kind: 'complaints',
      title: 'Complaints by root cause',
      detail: { rows: complaints.map((row) => ({ region: row.region, typeCode: row.type_code, complaints: Number(row.complaints), open: Number(row.open) })) },
    });
  }
  if (breaches.some((row) => Number(row.breached) > 0)) {
    items.push({
      kind: 'sla_breaches',
      title: 'Service levels missed',
      detail: { rows: breaches.map((row) => ({ region: row.region, serviceCategory: row.service_category, breached: Number(row.breached), total: Number(row.total) })) },
    });
  }
  if (atRisk.length) {
    items.push({
      kind: 'at_risk',
      title: 'Accounts at risk',
      detail: { rows: atRisk.map((row) => ({ globalCode: row.global_code, name: row.name, complaints: Number(row.complaints), openComplaints: Number(row.open_complaints), overdueNextSteps: Number(row.overdue) })) },
    });
  }
  if (crossCountry.length) {
    items.push({
      kind: 'cross_country',
      title: 'Multinationals served in some of these countries but not others',
      detail: { rows: crossCountry.map((row) => ({ globalCode: row.global_code, name: row.name, servedIn: row.served_in, notServedIn: row.not_served_in })) },
    });
  }
  return items;
}
