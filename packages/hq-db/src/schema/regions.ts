import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const utc = (name: string) => timestamp(name, { withTimezone: true });

/** Country nodes HQ federates, with each one's sync position and health. */
export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  baseUrl: text('base_url').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  country: text('country').notNull(),
  locales: text('locales').array().notNull(),
  timezone: text('timezone').notNull(),
  currency: text('currency').notNull(),
  /** The policy the region's feed applies (what it keeps at home), as the region reported it. */
  dataPolicy: jsonb('data_policy').notNull().default({ withheld: {} }),
  /** Opaque feed cursor of the last batch applied; saved in the same transaction as the batch. */
  cursor: text('cursor'),
  lastPulledAt: utc('last_pulled_at'),
  lastAppliedAt: utc('last_applied_at'),
  /** When the newest change HQ holds was recorded at the region (freshness). */
  newestChangeAt: utc('newest_change_at'),
  caughtUp: boolean('caught_up').notNull().default(false),
  lastError: text('last_error'),
  lastErrorAt: utc('last_error_at'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  changesApplied: integer('changes_applied').notNull().default(0),
  registeredAt: utc('registered_at').notNull().defaultNow(),
  registeredBy: text('registered_by').notNull(),
});
