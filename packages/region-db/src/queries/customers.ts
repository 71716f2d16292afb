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

export type DuplicateReason = 'same_name' | 'same_registration_id' | 'same_website_domain';

export interface DuplicateCandidate {
  customer: CustomerRow;
  reasons: DuplicateReason[];
}

/** Likely duplicates of a new customer within the region: same normalised name, registration id or web domain. */
export async function findDuplicateCandidates(
  db: RegionExecutor,
  fields: Pick<CustomerFields, 'name' | 'nameLatin' | 'registrationId' | 'website'>,
): Promise<DuplicateCandidate[]> {
  const keys = [nameKey(fields.name), ...(fields.nameLatin ? [nameKey(fields.nameLatin)] : [])].filter(Boolean);
  const registration = registrationKey(fields.registrationId);
  const domain = websiteDomain(fields.website);
  const conditions: SQL[] = [sql`${customers.nameKeys} && ${sql.param(keys, customers.nameKeys)}`];
  if (registration) conditions.push(eq(customers.registrationKey, registration));
  if (domain) conditions.push(eq(customers.websiteDomain, domain));
  const rows = await db.select().from(customers).where(or(...conditions)).orderBy(asc(customers.code)).limit(10);
  return rows.map((customer) => ({
    customer,
    reasons: [
      ...(customer.nameKeys.some((key) => keys.includes(key)) ? (['same_name'] as const) : []),
      ...(registration && customer.registrationKey === registration ? (['same_registration_id'] as const) : []),
      ...(domain && customer.websiteDomain === domain ? (['same_website_domain'] as const) : []),
    ],
  }));
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
