import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const utc = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One row per global customer code ever issued. Codes are never reused or renumbered: a merge points
 * the losing code at the survivor (`mergedInto`), so links and bookmarks keep resolving.
 */
export const globalAccounts = pgTable('global_accounts', {
  globalCode: text('global_code').primaryKey(),
  displayName: text('display_name').notNull(),
  createdAt: utc('created_at').notNull().defaultNow(),
  mergedInto: text('merged_into'),
  mergedAt: utc('merged_at'),
});

/** Which global account each region customer belongs to, and why. */
export const accountLinks = pgTable(
  'account_links',
  {
    region: text('region').notNull(),
    customerId: uuid('customer_id').notNull(),
    globalCode: text('global_code').notNull(),
    /**
     * The code that was created for this customer's account, if its account began with it. When an undo
     * splits an account, each part keeps (or gets back) the code its founders brought.
     */
    foundedCode: text('founded_code'),
    /** 'new' (alone so far), 'auto' (high-confidence match), 'steward' (a person decided). */
    method: text('method', { enum: ['new', 'auto', 'steward'] }).notNull(),
    score: real('score'),
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    /** The matcher's details behind the reasons (kind + parameters), for the steward's screen. */
    explanation: jsonb('explanation').$type<Array<Record<string, unknown>>>().notNull().default([]),
    linkedAt: utc('linked_at').notNull().defaultNow(),
    /** The (globalCode, countries) last pushed to the region, so unchanged links are not pushed again. */
    pushedState: text('pushed_state'),
  },
  (table) => [primaryKey({ columns: [table.region, table.customerId] }), index('account_links_global_idx').on(table.globalCode)],
);

/** Pairs in the middle confidence band, waiting for (or decided by) an HQ data steward. */
export const matchCandidates = pgTable(
  'match_candidates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** `${region}:${customerId}`, with aKey < bKey so each pair is stored once. */
    aKey: text('a_key').notNull(),
    bKey: text('b_key').notNull(),
    score: real('score').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    explanation: jsonb('explanation').$type<Array<Record<string, unknown>>>().notNull().default([]),
    status: text('status', { enum: ['pending', 'merged', 'kept_apart', 'superseded'] }).notNull().default('pending'),
    createdAt: utc('created_at').notNull().defaultNow(),
    updatedAt: utc('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('match_candidates_pair_unique').on(table.aKey, table.bKey),
    index('match_candidates_queue_idx').on(table.status, table.score).where(sql`${table.status} = 'pending'`),
  ],
);

/** Every steward decision, kept for ever; undo marks it undone and restores what it changed. */
export const stewardDecisions = pgTable('steward_decisions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  candidateId: integer('candidate_id').notNull(),
  decision: text('decision', { enum: ['merge', 'keep_apart'] }).notNull(),
  decidedBy: text('decided_by').notNull(),
  decidedAt: utc('decided_at').notNull().defaultNow(),
  /** What the decision changed (links moved, codes redirected, aliases learned), for undo. */
  effect: jsonb('effect').notNull(),
  undoneAt: utc('undone_at'),
  undoneBy: text('undone_by'),
  /** Decisions taken together (a queue item or a whole account's candidates) share the first one's id; undo undoes the batch. */
  batchId: bigint('batch_id', { mode: 'number' }),
  reason: text('reason'),
});

/**
 * Links and splits a steward made by hand, with the pairwise constraints they assert at the time
 * (must-link for a link, keep-apart for a split). A later hand decision on the same subject supersedes
 * an earlier one; undoing the later restores the earlier.
 */
export const stewardLinks = pgTable('steward_links', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind', { enum: ['link', 'split'] }).notNull(),
  /** A customer key (`region:id`) or `account:<global code>` when a whole account was linked. */
  subject: text('subject').notNull(),
  /** Link: the account joined. Split: the account left. */
  globalCode: text('global_code').notNull(),
  reason: text('reason').notNull(),
  pairs: jsonb('pairs').$type<Array<[string, string]>>().notNull(),
  decidedBy: text('decided_by').notNull(),
  decidedAt: utc('decided_at').notNull().defaultNow(),
  supersededBy: bigint('superseded_by', { mode: 'number' }),
  effect: jsonb('effect').$type<Record<string, unknown>>().notNull().default({}),
  undoneAt: utc('undone_at'),
  undoneBy: text('undone_by'),
});

/** The alias list a steward sees and edits: names of an account, learned from merges, typed or imported. */
export const accountAliases = pgTable(
  'account_aliases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    globalCode: text('global_code').notNull(),
    alias: text('alias').notNull(),
    /** latin | han | arabic | other, of the alias text. */
    script: text('script').notNull(),
    source: text('source', { enum: ['learned', 'steward', 'imported'] }).notNull(),
    /** The queue decision (steward_decisions) or hand link (steward_links) that taught it, so undo forgets it. */
    decisionId: bigint('decision_id', { mode: 'number' }),
    linkId: bigint('link_id', { mode: 'number' }),
    addedBy: text('added_by').notNull(),
    addedAt: utc('added_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('account_aliases_unique').on(table.globalCode, table.alias)],
);

/** Name keys learned from merges: a later customer with one of these names joins the account directly. */
export const nameAliases = pgTable(
  'name_aliases',
  {
    aliasKey: text('alias_key').notNull(),
    globalCode: text('global_code').notNull(),
    decisionId: integer('decision_id'),
    learnedAt: utc('learned_at').notNull().defaultNow(),
    /** The alias-list entry these keys were folded from (null for keys learned before alias lists existed). */
    aliasId: bigint('alias_id', { mode: 'number' }),
  },
  (table) => [primaryKey({ columns: [table.aliasKey, table.globalCode] }), index('name_aliases_alias_idx').on(table.aliasId).where(sql`${table.aliasId} is not null`)],
);

/** HQ's own append-only trail: registrations, decisions, undos, review openings and sign-offs (ISO 9001), hash-chained. */
export const hqAuditLog = pgTable(
  'hq_audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: utc('occurred_at').notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    detail: jsonb('detail'),
    // Set by the chain trigger (migration 0005) whatever an insert supplies; hence the placeholder default.
    /** Position in HQ's audit chain (1, 2, 3 … with no gaps). */
    seq: bigint('seq', { mode: 'number' }).notNull().default(sql`null`),
    prevHash: text('prev_hash').notNull().default(sql`null`),
    /** sha256 (hex) over prev_hash and the row's canonical text. */
    rowHash: text('row_hash').notNull().default(sql`null`),
    /** The database login that wrote the row (session_user). */
    dbRole: text('db_role').notNull().default(sql`null`),
  },
  (table) => [index('hq_audit_log_subject_idx').on(table.subject, table.id), uniqueIndex('hq_audit_log_seq_idx').on(table.seq)],
);
