import { integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every business table shares: identity, who/when for ISO 9001 traceability, optimistic version. */
export const entityColumns = {
  id: uuid('id').primaryKey().defaultRandom(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
  version: integer('version').notNull().default(1),
};

export const utcTimestamp = (name: string) => timestamp(name, { withTimezone: true });
