import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
  /** Set only when a stored comparison of the region's digest with HQ's replicas matched. */
  verifiedAt: utc('verified_at'),
  /** The region feed position that matching digest was computed at. */
  verifiedPosition: text('verified_position'),
  lastVerificationAt: utc('last_verification_at'),
  lastVerificationOutcome: text('last_verification_outcome').$type<VerificationOutcome>(),
  /** Rows the last verification found different from the region (missing, stale, altered, extra). */
  lastDiverged: integer('last_diverged'),
  /** Of those, rows that matched the region after its repair. */
  lastRepaired: integer('last_repaired'),
  verificationError: text('verification_error'),
});

export type VerificationOutcome = 'verified' | 'diverged' | 'failed';

/** Every anti-entropy run: what it compared, what diverged, what it repaired (ids, never row content). */
export const regionVerifications = pgTable(
  'region_verifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    region: text('region').notNull().references(() => regions.code, { onDelete: 'cascade' }),
    startedAt: utc('started_at').notNull(),
    finishedAt: utc('finished_at').notNull(),
    outcome: text('outcome').$type<VerificationOutcome>().notNull(),
    position: text('position'),
    rowsCompared: integer('rows_compared').notNull().default(0),
    diverged: integer('diverged').notNull().default(0),
    repaired: integer('repaired').notNull().default(0),
    detail: jsonb('detail').notNull().default({}),
    error: text('error'),
  },
  (table) => [index('region_verifications_region_idx').on(table.region, table.startedAt)],
);
