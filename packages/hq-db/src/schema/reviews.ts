import { bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const utc = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Joint reviews: regional leads review a period across regions; the agenda is drafted from the data,
 * participants add findings, action items get owners, and each participating lead signs off. Once every
 * lead has signed, the review is immutable (database triggers), except that owners keep their action
 * items' status current.
 */
export const reviews = pgTable('reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  periodFrom: date('period_from', { mode: 'string' }).notNull(),
  periodTo: date('period_to', { mode: 'string' }).notNull(),
  status: text('status', { enum: ['open', 'signed'] }).notNull().default('open'),
  createdBy: text('created_by').notNull(),
  createdAt: utc('created_at').notNull().defaultNow(),
  signedAt: utc('signed_at'),
});

/** The regions in a review and the lead who signs for each. */
export const reviewRegions = pgTable(
  'review_regions',
  {
    reviewId: uuid('review_id').notNull().references(() => reviews.id),
    region: text('region').notNull(),
    lead: text('lead').notNull(),
    signedAt: utc('signed_at'),
  },
  (table) => [primaryKey({ columns: [table.reviewId, table.region] })],
);

export const reviewAgendaItems = pgTable(
  'review_agenda_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reviewId: uuid('review_id').notNull().references(() => reviews.id),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['complaints', 'sla_breaches', 'at_risk', 'cross_country', 'other'] }).notNull(),
    title: text('title').notNull(),
    /** The figures the item was drafted from, frozen at drafting time. */
    detail: jsonb('detail').notNull(),
  },
  (table) => [index('review_agenda_items_review_idx').on(table.reviewId, table.position)],
);

export const reviewFindings = pgTable(
  'review_findings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reviewId: uuid('review_id').notNull().references(() => reviews.id),
    agendaItemId: integer('agenda_item_id'),
    region: text('region').notNull(),
    author: text('author').notNull(),
    text: text('text').notNull(),
    createdAt: utc('created_at').notNull().defaultNow(),
  },
  (table) => [index('review_findings_review_idx').on(table.reviewId)],
);

export const reviewActions = pgTable(
  'review_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reviewId: uuid('review_id').notNull().references(() => reviews.id),
    title: text('title').notNull(),
    owner: text('owner').notNull(),
    region: text('region').notNull(),
    due: date('due', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['open', 'done', 'cancelled'] }).notNull().default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: utc('created_at').notNull().defaultNow(),
    updatedAt: utc('updated_at').notNull().defaultNow(),
  },
  (table) => [index('review_actions_owner_idx').on(table.owner, table.status), index('review_actions_review_idx').on(table.reviewId)],
);
