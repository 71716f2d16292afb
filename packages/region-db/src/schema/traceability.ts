import { sql } from 'drizzle-orm';
import { bigserial, customType, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { utcTimestamp } from './columns.ts';

/** PostgreSQL's 64-bit transaction id, read and written as its decimal text form. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * Append-only audit of every write to business tables, filled by triggers (so raw SQL is traced too)
 * with the actor and procedure the API sets for its transaction.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: utcTimestamp('occurred_at').notNull().defaultNow(),
    actor: text('actor').notNull(),
    procedure: text('procedure').notNull(),
    requestOrigin: text('request_origin'),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    action: text('action', { enum: ['insert', 'update', 'delete'] }).notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (table) => [index('audit_log_row_idx').on(table.tableName, table.rowId, table.id)],
);

/**
 * Outbox of changes for HQ, written by triggers in the same transaction as the change. Readers order
 * by (txid, seq) and only serve transactions older than every one still in flight, so a transaction
 * that commits late can never be skipped by a cursor that has moved past it.
 */
export const changeFeed = pgTable(
  'change_feed',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    txid: xid8('txid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
    version: integer('version'),
    payload: jsonb('payload'),
    recordedAt: utcTimestamp('recorded_at').notNull().defaultNow(),
  },
  (table) => [index('change_feed_txid_seq_idx').on(table.txid, table.seq)],
);
