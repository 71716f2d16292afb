import { foldForSearch, latinise, nameKey, registrationKey, searchText, websiteDomain } from '@meridian/names';
import { and, asc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import { selectRows, type RegionExecutor } from '../database.ts';
import { accountManagerHistory, contactPersons, customers } from '../schema/index.ts';
import { decodeCursor, likeContains, pageOf } from './pagination.ts';

export type CustomerRow = typeof customers.$inferSelect;

export interface CustomerFields {
  name: string;
  nameLatin?: string | null;
  legalForm?: string | null;
  registrationId?: string | null;
  lei?: string | null;
  website?: string | null;
  segment: string;
  subSegment: string;
  city: string;
  phone?: string | null;
  email?: string | null;
  annualRevenueGbp?: number | null;
  lifecycleStage?: string;
}

/** Keys derived from what staff typed; recomputed on every write so they can never drift. */
function derivedKeys(fields: Pick<CustomerFields, 'name' | 'nameLatin' | 'registrationId' | 'website'> & { code: string }, nameLatinSource: 'typed' | 'generated' | null) {
  const nameKeys = [nameKey(fields.name)];
  if (fields.nameLatin && nameLatinSource === 'typed') nameKeys.push(nameKey(fields.nameLatin));
  return {
    nameKeys: [...new Set(nameKeys.filter(Boolean))],
    registrationKey: registrationKey(fields.registrationId),
    websiteDomain: websiteDomain(fields.website),
    searchText: searchText([fields.name, fields.nameLatin, fields.code]),
  };
}

/** A Latin form is always stored: the one staff typed, else a generated one (pinyin, transliteration). */
function latinNameOf(name: string, typed: string | null | undefined): { nameLatin: string | null; nameLatinSource: 'typed' | 'generated' | null } {
  if (typed) return { nameLatin: typed, nameLatinSource: 'typed' };
  const generated = latinise(name);
  return generated && generated !== name ? { nameLatin: generated, nameLatinSource: 'generated' } : { nameLatin: null, nameLatinSource: null };
}

export async function nextCustomerCode(db: RegionExecutor, prefix: string): Promise<string> {
  const [row] = await selectRows<{ n: string | number }>(db, sql`select nextval('customer_code_seq') as n`);
  const n = Number(row!.n);
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

export async function insertCustomer(
  db: RegionExecutor,
  input: CustomerFields & { code: string; country: string; accountManager: string; actor: string },
): Promise<CustomerRow> {
  const latin = latinNameOf(input.name, input.nameLatin);
  const [row] = await db
    .insert(customers)
    .values({
      code: input.code,
      name: input.name,
      ...latin,
      legalForm: input.legalForm ?? null,
      registrationId: input.registrationId ?? null,
      lei: input.lei ?? null,
      website: input.website ?? null,
      segment: input.segment,
      subSegment: input.subSegment,
      city: input.city,
      country: input.country,
      phone: input.phone ?? null,
      email: input.email ?? null,
      annualRevenueGbp: input.annualRevenueGbp ?? null,
      lifecycleStage: input.lifecycleStage ?? 'prospect',
      accountManager: input.accountManager,
      createdBy: input.actor,
      updatedBy: input.actor,
      ...derivedKeys({ ...input, nameLatin: latin.nameLatin }, latin.nameLatinSource),
    })
    .returning();
  return row!;
}

export async function findCustomer(db: RegionExecutor, id: string, options: { forUpdate?: boolean } = {}): Promise<CustomerRow | null> {
  const query = db.select().from(customers).where(eq(customers.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function updateCustomer(
  db: RegionExecutor,
  current: CustomerRow,
  changes: Partial<CustomerFields> & { globalCode?: string | null },
  actor: string,
): Promise<CustomerRow> {
  const merged = { ...current, ...changes };
  const typedLatin = changes.nameLatin !== undefined ? changes.nameLatin : current.nameLatinSource === 'typed' ? current.nameLatin : null;
  const latin = latinNameOf(merged.name, typedLatin);
  const [row] = await db
    .update(customers)
    .set({
      ...changes,
      ...latin,
      ...derivedKeys({ ...merged, nameLatin: latin.nameLatin }, latin.nameLatinSource),
      updatedAt: new Date(),
      updatedBy: actor,
      version: sql`${customers.version} + 1`,
    })
    .where(eq(customers.id, current.id))
    .returning();
  return row!;
}

/** The history row is written by the database (trigger), with the reason set for the transaction. */
export async function setAccountManager(db: RegionExecutor, current: CustomerRow, accountManager: string, actor: string): Promise<CustomerRow> {
  const [row] = await db
    .update(customers)
    .set({ accountManager, updatedAt: new Date(), updatedBy: actor, version: sql`${customers.version} + 1` })
    .where(eq(customers.id, current.id))
    .returning();
  return row!;
}

export async function accountManagerHistoryOf(db: RegionExecutor, customerId: string) {
  return db
    .select()
    .from(accountManagerHistory)
    .where(eq(accountManagerHistory.customerId, customerId))
    .orderBy(asc(accountManagerHistory.startedAt), asc(accountManagerHistory.id));
}

export async function contactPersonsOf(db: RegionExecutor, customerId: string) {
  return db.select().from(contactPersons).where(eq(contactPersons.customerId, customerId)).orderBy(asc(contactPersons.name));
}

/**
 * What the duplicate guard looks for among the node's customers: cheap, index-friendly clues a new
 * customer leaves. The guard scores whatever they find with the same matcher HQ uses; this only bounds
 * how many customers it scores.
 */
export interface DuplicateProbe {
  /** Whole-name keys (nameKey of the native and typed Latin names). */
  nameKeys: string[];
  registrationKey: string | null;
  lei: string | null;
  websiteDomain: string | null;
  /** Labels of the website that name the brand ("hsbc" of hsbc.co.uk), looked for in others' domains. */
  brandLabels: string[];
  /** Name fragments (punctuation and spaces removed, search-folded) looked for inside others' names, with weights. */
  fragments: Array<{ text: string; weight: number }>;
  /** Short Latin words that may be initials of another customer's Latin name ("hsbc"). */
  acronyms: string[];
}

/** Words an acronym skips, as in the matcher ("HSBC" skips "The" and "and"). */
const acronymStopWords = 'the|of|and|for|a|an|de|du|des|la|le|les|et|der|die|das|und';

/**
 * Customers sharing an identifier first, then by how many name clues they share; at most `limit`.
 * Identifier and name-key lookups use indexes; fragments and initials scan the names of the node's
 * customers once (see README: measured at 50,000 customers).
 */
export async function findDuplicatePrefilter(db: RegionExecutor, probe: DuplicateProbe, limit = 100): Promise<CustomerRow[]> {
  const texts = probe.fragments.map((fragment) => fragment.text);
  const weights = probe.fragments.map((fragment) => fragment.weight);
  const brandPatterns = probe.brandLabels.map((label) => `%${label.replace(/[\\%_]/g, '\\$&')}.%`);
  const acronymPatterns = probe.acronyms.map((acronym) => `${acronym.replace(/[\\%_]/g, '\\$&')}%`);
  const identifier = sql`(
      (${probe.registrationKey}::text is not null and ${customers.registrationKey} = ${probe.registrationKey})
      or (${probe.lei}::text is not null and ${customers.lei} = ${probe.lei})
      or (${probe.websiteDomain}::text is not null and ${customers.websiteDomain} = ${probe.websiteDomain})
    )`;
  const rows = await selectRows<{ id: string }>(
    db,
    sql`select c.id from (
          select ${customers.id} as id, ${identifier} as by_identifier,
                 ${customers.nameKeys} && ${sql.param(probe.nameKeys)}::text[] as by_name_key,
                 coalesce(${customers.websiteDomain} like any(${sql.param(brandPatterns)}::text[]), false) as by_brand,
                 (select coalesce(sum(f.weight), 0) from unnest(${sql.param(texts)}::text[], ${sql.param(weights)}::int[]) as f(text, weight)
                   where position(f.text in regexp_replace(${customers.searchText}, '[[:space:][:punct:]]+', '', 'g')) > 0) as fragment_weight,
                 coalesce(regexp_replace(
                   regexp_replace(lower(case when ${customers.nameLatinSource} = 'generated' then ${customers.name} else coalesce(${customers.nameLatin}, ${customers.name}) end),
                                  ${`\\m(${acronymStopWords})\\M|'s\\M`}, ' ', 'g'),
                   '[^[:alnum:]]*([[:alnum:]])[[:alnum:]]*', '\\1', 'g') like any(${sql.param(acronymPatterns)}::text[]), false) as by_acronym
          from ${customers}
        ) c
        where c.by_identifier or c.by_name_key or c.by_brand or c.fragment_weight > 0 or c.by_acronym
        order by c.by_identifier desc, c.by_name_key desc, c.fragment_weight + (case when c.by_acronym then 2 else 0 end) + (case when c.by_brand then 2 else 0 end) desc, c.id
        limit ${limit}`,
  );
  if (rows.length === 0) return [];
  return db.select().from(customers).where(sql`${customers.id} = any(${sql.param(rows.map((row) => row.id))}::uuid[])`);
}

export interface CustomerListFilter {
  query?: string;
  segment?: string;
  accountManager?: string;
  cursor?: string;
  limit: number;
}

/** Sorted by name (then id, for a stable keyset); `query` matches any part of any name or the code. */
export async function listCustomers(db: RegionExecutor, filter: CustomerListFilter) {
  const conditions: SQL[] = [];
  const folded = filter.query ? foldForSearch(filter.query) : '';
  if (folded) conditions.push(sql`${customers.searchText} like ${likeContains(folded)}`);
  if (filter.segment) conditions.push(eq(customers.segment, filter.segment));
  if (filter.accountManager) conditions.push(eq(customers.accountManager, filter.accountManager));
  const after = decodeCursor(filter.cursor, 2);
  if (after) {
    const [name, id] = after as [string, string];
    conditions.push(or(gt(customers.name, name), and(eq(customers.name, name), gt(customers.id, id)))!);
  }
  const rows = await db
    .select()
    .from(customers)
    .where(and(...conditions))
    .orderBy(asc(customers.name), asc(customers.id))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (row) => [row.name, row.id]);
}
