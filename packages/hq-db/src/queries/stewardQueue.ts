import { selectRows } from '@meridian/db-driver';
import { foldForSearch } from '@meridian/names';
import { and, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { HqExecutor } from '../database.ts';
import { accountLinks, globalAccounts, regionCustomers } from '../schema/index.ts';
import { customerKey, splitCustomerKey } from './reconciliation.ts';

/**
 * Scores are stored as `real`. Compared as float8 against the nearest `real` value: a cast of the caller's
 * number to real would fail for doubles outside real's range (5e-324 is a valid input score), and a float8
 * comparison with the unrounded number would never find the equal score a cursor carries.
 */
const asReal = (value: number): number => Math.fround(value);

export type QueueScript = 'Hani' | 'Arab' | 'Latn' | 'Other';

export interface QueueFilter {
  region?: string;
  script?: QueueScript;
  minScore?: number;
  maxScore?: number;
  /** Only items whose customer is in, or whose target is, this account (bulk decisions). */
  globalCode?: string;
}

/** The sort key of the last item served: [score, customer key, account code]. */
export type QueueCursor = [number, string, string];

export interface QueuePair {
  candidateId: number;
  memberKey: string;
  score: number;
  reasons: string[];
  explanation: Array<Record<string, unknown>>;
}

export interface QueueItemRow {
  customerKey: string;
  /** The account the customer already belongs to. */
  customerCode: string;
  /** The account it might belong to instead. */
  accountCode: string;
  score: number;
  pairs: QueuePair[];
}

// The same classes as scriptOf(), in SQL so the filter applies before paging.
const scriptSql = (column: SQL) => sql`case
  when ${column} ~ '[一-鿿㐀-䶿豈-﫿]' then 'Hani'
  when ${column} ~ '[؀-ۿݐ-ݿﭐ-﷿ﹰ-﻿]' then 'Arab'
  when ${column} ~ '[A-Za-zÀ-ɏ]' then 'Latn'
  else 'Other' end`;

/**
 * Pending pairs folded into items of one customer against one other account: a new customer proposed
 * against three members of the same account is one decision, not three. The customer is the side in
 * the smaller account (the newcomer); between equals, the newer account's.
 */
function itemsSql(filter: QueueFilter): SQL {
  const conditions: SQL[] = [sql`true`];
  if (filter.region) conditions.push(sql`(split_part(customer_key, ':', 1) = ${filter.region} or ${filter.region} = any(member_regions))`);
  if (filter.script) conditions.push(sql`(customer_script = ${filter.script} or ${filter.script} = any(member_scripts))`);
  if (filter.minScore !== undefined) conditions.push(sql`score::float8 >= ${asReal(filter.minScore)}::float8`);
  if (filter.maxScore !== undefined) conditions.push(sql`score::float8 <= ${asReal(filter.maxScore)}::float8`);
  if (filter.globalCode) conditions.push(sql`(account_code = ${filter.globalCode} or customer_code = ${filter.globalCode})`);
  return sql`
    with pairs as (
      select c.id, c.score, c.reasons, c.explanation, c.a_key, c.b_key, la.global_code as ga, lb.global_code as gb
      from match_candidates c
      join account_links la on la.region = split_part(c.a_key, ':', 1) and la.customer_id = split_part(c.a_key, ':', 2)::uuid
      join account_links lb on lb.region = split_part(c.b_key, ':', 1) and lb.customer_id = split_part(c.b_key, ':', 2)::uuid
      where c.status = 'pending' and la.global_code <> lb.global_code
    ),
    sizes as (
      select global_code, count(*) as n from account_links
      where global_code in (select ga from pairs union select gb from pairs) group by global_code
    ),
    oriented as (
      select p.id, p.score, p.reasons, p.explanation,
        case when a_first then p.a_key else p.b_key end as customer_key,
        case when a_first then p.ga else p.gb end as customer_code,
        case when a_first then p.gb else p.ga end as account_code,
        case when a_first then p.b_key else p.a_key end as member_key
      from (
        select p.*, (sa.n < sb.n or (sa.n = sb.n and (length(p.ga), p.ga) > (length(p.gb), p.gb))) as a_first
        from pairs p join sizes sa on sa.global_code = p.ga join sizes sb on sb.global_code = p.gb
      ) p
    ),
    named as (
      select o.*, ${scriptSql(sql`cc.name`)} as cs, ${scriptSql(sql`mc.name`)} as ms
      from oriented o
      left join region_customers cc on cc.region = split_part(o.customer_key, ':', 1) and cc.id = split_part(o.customer_key, ':', 2)::uuid
      left join region_customers mc on mc.region = split_part(o.member_key, ':', 1) and mc.id = split_part(o.member_key, ':', 2)::uuid
    ),
    items as (
      select customer_key, max(customer_code) as customer_code, account_code, max(score) as score, max(cs) as customer_script,
        array_agg(distinct ms) as member_scripts,
        array_agg(distinct split_part(member_key, ':', 1)) as member_regions,
        jsonb_agg(jsonb_build_object('candidateId', id, 'memberKey', member_key, 'score', score, 'reasons', reasons, 'explanation', explanation) order by score desc, id) as pairs
      from named group by customer_key, account_code
    )
    select * from items where ${and(...conditions)}`;
}

/** One page of the queue, most likely first, with the number of items still pending under the same filters. */
export async function stewardQueuePage(db: HqExecutor, filter: QueueFilter, page: { limit: number; after: QueueCursor | null }) {
  const after = page.after
    ? sql`where score::float8 < ${asReal(page.after[0])}::float8 or (score::float8 = ${asReal(page.after[0])}::float8 and (customer_key, account_code) > (${page.after[1]}, ${page.after[2]}))`
    : sql``;
  // The items are aggregated once: the count of everything pending rides along with the page.
  const rows = await selectRows<{ customer_key: string; customer_code: string; account_code: string; score: number | string; pairs: QueuePair[]; pending: number | string }>(
    db,
    sql`select * from (select q.*, count(*) over () as pending from (${itemsSql(filter)}) q) q ${after} order by score desc, customer_key, account_code limit ${page.limit + 1}`,
  );
  // Past the last item the page is empty and says nothing about the count: ask for it alone.
  const [counted] = rows.length > 0 ? [{ n: rows[0]!.pending }] : await selectRows<{ n: number | string }>(db, sql`select count(*) as n from (${itemsSql(filter)}) q`);
  const items: QueueItemRow[] = rows.map((row) => ({
    customerKey: row.customer_key,
    customerCode: row.customer_code,
    accountCode: row.account_code,
    score: Number(row.score),
    pairs: row.pairs,
  }));
  return { items, pending: Number(counted?.n ?? 0) };
}

/** Every pending item touching an account (as the customer's account or as the target), for a bulk decision. */
export async function stewardQueueItemsOf(db: HqExecutor, filter: QueueFilter): Promise<QueueItemRow[]> {
  const rows = await selectRows<{ customer_key: string; customer_code: string; account_code: string; score: number | string; pairs: QueuePair[] }>(
    db,
    sql`select * from (${itemsSql(filter)}) q order by score desc, customer_key, account_code limit 10000`,
  );
  return rows.map((row) => ({ customerKey: row.customer_key, customerCode: row.customer_code, accountCode: row.account_code, score: Number(row.score), pairs: row.pairs }));
}

/** What a steward sees of each customer: identifiers and the account it already belongs to. */
export async function customerCards(db: HqExecutor, keys: string[]) {
  if (keys.length === 0) return new Map<string, CustomerCard>();
  const split = [...new Set(keys)].map(splitCustomerKey);
  const rows = await db
    .select({
      region: regionCustomers.region,
      customerId: regionCustomers.id,
      code: regionCustomers.code,
      name: regionCustomers.name,
      nameLatin: regionCustomers.nameLatin,
      registrationId: regionCustomers.registrationId,
      website: regionCustomers.website,
      city: regionCustomers.city,
      country: regionCustomers.country,
      segment: regionCustomers.segment,
      accountManager: regionCustomers.accountManager,
      globalCode: accountLinks.globalCode,
      linkMethod: accountLinks.method,
      linkScore: accountLinks.score,
      linkReasons: accountLinks.reasons,
      linkExplanation: accountLinks.explanation,
    })
    .from(regionCustomers)
    .leftJoin(accountLinks, and(eq(accountLinks.region, regionCustomers.region), eq(accountLinks.customerId, regionCustomers.id)))
    .where(or(...split.map((key) => and(eq(regionCustomers.region, key.region), eq(regionCustomers.id, key.customerId)))));
  return new Map(rows.map((row) => [customerKey(row.region, row.customerId), { key: customerKey(row.region, row.customerId), ...row }]));
}

export type CustomerCard = {
  key: string;
  region: string;
  customerId: string;
  code: string;
  name: string;
  nameLatin: string | null;
  registrationId: string | null;
  website: string | null;
  city: string;
  country: string;
  segment: string;
  accountManager: string;
  globalCode: string | null;
  linkMethod: string | null;
  linkScore: number | null;
  linkReasons: string[] | null;
  linkExplanation: Array<Record<string, unknown>> | null;
};

/** Name and member count of each account, for "already belongs to …" on both sides. */
export async function accountSummaries(db: HqExecutor, codes: string[]) {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map<string, { globalCode: string; name: string; members: number }>();
  const names = await db.select({ globalCode: globalAccounts.globalCode, name: globalAccounts.displayName }).from(globalAccounts).where(inArray(globalAccounts.globalCode, unique));
  const counts = await db
    .select({ globalCode: accountLinks.globalCode, members: sql<number>`count(*)`.mapWith(Number) })
    .from(accountLinks)
    .where(inArray(accountLinks.globalCode, unique))
    .groupBy(accountLinks.globalCode);
  const countOf = new Map(counts.map((row) => [row.globalCode, row.members]));
  return new Map(names.map((row) => [row.globalCode, { ...row, members: countOf.get(row.globalCode) ?? 0 }]));
}

/** Live customers of every region whose name (any script, folded like HQ's search text) contains the query. */
export async function searchCustomersToLink(db: HqExecutor, query: string, limit: number): Promise<CustomerCard[]> {
  const folded = foldForSearch(query);
  if (!folded) return [];
  const rows = await db
    .select({ region: regionCustomers.region, id: regionCustomers.id })
    .from(regionCustomers)
    .where(and(isNull(regionCustomers.deletedAt), like(regionCustomers.searchText, `%${folded.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)))
    .orderBy(regionCustomers.name, regionCustomers.region, regionCustomers.id)
    .limit(limit);
  const cards = await customerCards(db, rows.map((row) => customerKey(row.region, row.id)));
  return rows.map((row) => cards.get(customerKey(row.region, row.id))!).filter(Boolean);
}
