import { sql } from 'drizzle-orm';
import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '../database.ts';

export interface PendingGlobalCodePush {
  region: string;
  customerId: string;
  globalCode: string;
  countries: string[];
  state: string;
}

/**
 * Links whose (global code, countries served) differ from what the region was last told: what HQ
 * must push back so regional staff see the multinational account.
 */
export async function pendingGlobalCodePushes(db: HqExecutor): Promise<PendingGlobalCodePush[]> {
  const rows = await selectRows<{ region: string; customer_id: string; global_code: string; countries: string[] }>(
    db,
    sql`
    with served as (
      select l.global_code, c.country from account_links l join region_customers c on c.region = l.region and c.id = l.customer_id and c.deleted_at is null
      union
      select l.global_code, p.country from account_links l join region_projects p on p.region = l.region and p.customer_id = l.customer_id and p.deleted_at is null
    ),
    countries as (select global_code, array_agg(distinct country order by country) as countries from served group by global_code)
    select l.region, l.customer_id, l.global_code, coalesce(c.countries, '{}') as countries
    from account_links l
    left join countries c on c.global_code = l.global_code
    where l.pushed_state is distinct from (l.global_code || '|' || array_to_string(coalesce(c.countries, '{}'), ','))`,
  );
  return rows.map((row) => ({
    region: row.region,
    customerId: row.customer_id,
    globalCode: row.global_code,
    countries: row.countries,
    state: `${row.global_code}|${row.countries.join(',')}`,
  }));
}

export async function markGlobalCodesPushed(db: HqExecutor, region: string, pushes: PendingGlobalCodePush[]): Promise<void> {
  if (pushes.length === 0) return;
  await db.execute(sql`
    update account_links l set pushed_state = p.state
    from unnest(${sql.param(pushes.map((push) => push.customerId))}::uuid[], ${sql.param(pushes.map((push) => push.state))}::text[]) as p(customer_id, state)
    where l.region = ${region} and l.customer_id = p.customer_id`);
}
