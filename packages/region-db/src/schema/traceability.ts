import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, customType, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { utcTimestamp } from './columns.ts';

/** PostgreSQL's 64-bit transaction id, read and written as its decimal text form. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * Append-only audit of every write to business tables, filled by triggers (so raw SQL is traced too)
 * with the actor and procedure the API sets for its transaction. Each row is a link of one hash chain
 * (migration 0006): the trigger fills seq, prev_hash, row_hash, db_role, txid and attestation.
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
    /** Position in the chain (1, 2, 3 … with no gaps), assigned under the chain lock. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    /** sha256 (hex) over prev_hash and the row's canonical text. */
    rowHash: text('row_hash').notNull(),
    /** The database login that wrote the row (session_user), whatever actor it names. */
    dbRole: text('db_role').notNull(),
    txid: xid8('txid'),
    /** The server's HMAC over (txid, actor, procedure, origin); absent for raw SQL. */
    attestation: text('attestation'),
  },
  (table) => [index('audit_log_row_idx').on(table.tableName, table.rowId, table.id), uniqueIndex('audit_log_seq_idx').on(table.seq)],
);

/** The end of the audit chain, one row; appends lock it so the chain is a total order. */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: integer('id').primaryKey().default(1),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    chainedAt: utcTimestamp('chained_at').notNull(),
    /** Rows up to here were chained by the migration, written before actors were attested. */
    legacySeq: bigint('legacy_seq', { mode: 'number' }).notNull(),
  },
  (table) => [check('audit_chain_head_id_check', sql`${table.id} = 1`)],
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
