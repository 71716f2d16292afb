import { sql } from 'drizzle-orm';
import { bigserial, check, index, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns, utcTimestamp } from './columns.ts';

export const customers = pgTable(
  'customers',
  {
    ...entityColumns,
    /** Local customer code, e.g. HK-000123; never reused. */
    code: text('code').notNull(),
    /** HQ's global customer code, null until HQ links the customer. */
    globalCode: text('global_code'),
    /** Countries (ISO 3166) where the global account is served, as HQ last reported. */
    globalCountries: text('global_countries').array(),
    name: text('name').notNull(),
    nameLatin: text('name_latin'),
    /** Whether staff typed the Latin name or Meridian generated it (pinyin / transliteration). */
    nameLatinSource: text('name_latin_source', { enum: ['typed', 'generated'] }),
    legalForm: text('legal_form'),
    registrationId: text('registration_id'),
    /** ISO 17442 Legal Entity Identifier, upper case, check digits verified by the API. */
    lei: text('lei'),
    website: text('website'),
    segment: text('segment').notNull(),
    subSegment: text('sub_segment').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull(),
    phone: text('phone'),
    email: text('email'),
    annualRevenueGbp: numeric('annual_revenue_gbp', { precision: 14, scale: 2, mode: 'number' }),
    lifecycleStage: text('lifecycle_stage').notNull().default('prospect'),
    /** The one current account manager; history lives in account_manager_history. */
    accountManager: text('account_manager').notNull(),
    // Derived keys, written with the row so duplicate checks and search stay index-friendly.
    /** nameKey of the native name and of a typed Latin name: what the duplicate guard compares. */
    nameKeys: text('name_keys').array().notNull(),
    registrationKey: text('registration_key'),
    websiteDomain: text('website_domain'),
    searchText: text('search_text').notNull(),
  },
  (table) => [
    uniqueIndex('customers_code_unique').on(table.code),
    index('customers_name_keys_idx').using('gin', table.nameKeys),
    index('customers_registration_key_idx').on(table.registrationKey),
    index('customers_lei_idx').on(table.lei),
    index('customers_website_domain_idx').on(table.websiteDomain),
    index('customers_account_manager_idx').on(table.accountManager),
    index('customers_created_idx').on(table.createdAt, table.id),
    check('customers_phone_or_email', sql`${table.phone} is not null or ${table.email} is not null`),
    check('customers_lei_format', sql`${table.lei} is null or ${table.lei} ~ '^[A-Z0-9]{18}[0-9]{2}$'`),
    check('customers_lifecycle_stage', sql`${table.lifecycleStage} in ('prospect', 'active', 'dormant', 'lost')`),
  ],
);

export const contactPersons = pgTable(
  'contact_persons',
  {
    ...entityColumns,
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name').notNull(),
    role: text('role'),
    phone: text('phone'),
    email: text('email'),
    preferredLanguage: text('preferred_language'),
  },
  (table) => [index('contact_persons_customer_idx').on(table.customerId)],
);

export const accountManagerHistory = pgTable(
  'account_manager_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    accountManager: text('account_manager').notNull(),
    startedAt: utcTimestamp('started_at').notNull().defaultNow(),
    endedAt: utcTimestamp('ended_at'),
    assignedBy: text('assigned_by').notNull(),
    reason: text('reason'),
  },
  (table) => [
    // Exactly one current account manager per customer, whatever writes the table.
    uniqueIndex('account_manager_history_one_current').on(table.customerId).where(sql`${table.endedAt} is null`),
    index('account_manager_history_customer_idx').on(table.customerId, table.startedAt),
  ],
);
