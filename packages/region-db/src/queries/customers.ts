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

/**
 * Initials of a customer's typed Latin name (else its name), small words skipped as the matcher skips
 * them: "hsbcl" for "The Hongkong and Shanghai Banking Corporation Limited". Written exactly as the
 * expression index of migration 0007 (customers_latin_initials_idx), so a prefix lookup uses it.
 */
const latinInitials = sql.raw(
  `regexp_replace(regexp_replace(lower(CASE WHEN "customers"."name_latin_source" = 'typed' THEN "customers"."name_latin" ELSE "customers"."name" END), ` +
    `'\\m(the|of|and|for|a|an|de|du|des|la|le|les|et|der|die|das|und)\\M|''s\\M', ' ', 'g'), '[^[:alnum:]]*([[:alnum:]])[[:alnum:]]*', '\\1', 'g')`,
);

/** Names without their spaces, so "Swire Properties Hong Kong" contains the matcher's key "swireproperties". */
const compactSearchText = sql.raw(`replace("customers"."search_text", ' ', '')`);

const likeEscape = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * Customers sharing an identifier first, then a whole-name key, then by the weight of the name clues
 * they share; at most `limit`. Identifiers, name keys and initials are index lookups; fragments and
 * brand labels are one pass over the node's names (measured in README at 50,000 customers).
 */
export async function findDuplicatePrefilter(db: RegionExecutor, probe: DuplicateProbe, limit = 100): Promise<CustomerRow[]> {
  const branches: SQL[] = [];
  if (probe.registrationKey) branches.push(sql`select ${customers.id} as id, 3 as tier, 0 as weight from ${customers} where ${customers.registrationKey} = ${probe.registrationKey}`);
  if (probe.lei) branches.push(sql`select ${customers.id} as id, 3 as tier, 0 as weight from ${customers} where ${customers.lei} = ${probe.lei}`);
  if (probe.websiteDomain) branches.push(sql`select ${customers.id} as id, 3 as tier, 0 as weight from ${customers} where ${customers.websiteDomain} = ${probe.websiteDomain}`);
  if (probe.nameKeys.length > 0) {
    branches.push(sql`select ${customers.id} as id, 2 as tier, 0 as weight from ${customers} where ${customers.nameKeys} && ${sql.param(probe.nameKeys)}::text[]`);
  }
  if (probe.acronyms.length > 0) {
    const prefixes = probe.acronyms.map((acronym) => sql`${latinInitials} like ${`${likeEscape(acronym)}%`}`);
    branches.push(sql`(select ${customers.id} as id, 1 as tier, 2 as weight from ${customers} where ${sql.join(prefixes, sql` or `)} limit ${limit})`);
  }
  const fragmentPatterns = probe.fragments.map(({ text }) => `%${likeEscape(text)}%`);
  const brandPatterns = probe.brandLabels.map((label) => `%${likeEscape(label)}.%`);
  if (fragmentPatterns.length + brandPatterns.length > 0) {
    // One pass over the names finds the rows sharing any clue; only those few are weighed.
    const weights = [
      ...probe.fragments.map(({ weight }, i) => sql`(compact like ${fragmentPatterns[i]})::int * ${weight}::int`),
      ...brandPatterns.map((pattern) => sql`coalesce(website_domain like ${pattern}, false)::int * 2`),
    ];
    branches.push(sql`(select id, 1 as tier, ${sql.join(weights, sql` + `)} as weight
        from (select ${customers.id} as id, ${compactSearchText} as compact, ${customers.websiteDomain} as website_domain from ${customers}) names
        where compact like any(${sql.param(fragmentPatterns)}::text[]) or coalesce(website_domain like any(${sql.param(brandPatterns)}::text[]), false)
        order by weight desc limit ${limit})`);
  }
  if (branches.length === 0) return [];
  const rows = await selectRows<{ id: string }>(
    db,
    sql`select id from (${sql.join(branches, sql` union all `)}) hits
        group by id order by max(tier) desc, sum(weight) desc, id limit ${limit}`,
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
