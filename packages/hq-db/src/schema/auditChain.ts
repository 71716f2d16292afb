import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { regions } from './regions.ts';

const utc = (name: string) => timestamp(name, { withTimezone: true });

/** The end of HQ's own audit chain, one row; appends lock it so the chain is a total order. */
export const hqAuditChainHead = pgTable(
  'hq_audit_chain_head',
  {
    id: integer('id').primaryKey().default(1),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    chainedAt: utc('chained_at').notNull(),
  },
  (table) => [check('hq_audit_chain_head_id_check', sql`${table.id} = 1`)],
);

/**
 * Each region's audit chain head as HQ last confirmed it. The region's chain must still hold this
 * (seq, hash) later; when it does not, `brokenAt` is set and the stored head is kept as evidence.
 */
export const regionAuditHeads = pgTable('region_audit_heads', {
  region: text('region')
    .primaryKey()
    .references(() => regions.code),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  seenAt: utc('seen_at').notNull(),
  /** When HQ last found its stored head still part of the region's chain. */
  verifiedAt: utc('verified_at'),
  brokenAt: utc('broken_at'),
  brokenDetail: text('broken_detail'),
});
