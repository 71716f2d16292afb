import { createHash } from 'node:crypto';
import { selectRows } from '@meridian/db-driver';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { HqExecutor } from '../database.ts';
import { hqAuditLog, regionAuditHeads } from '../schema/index.ts';

/** Anything that runs SQL: HQ's database, a transaction, or a raw connection wrapped by drizzle. */
type SqlExecutor = Parameters<typeof selectRows>[0];

export type HqAuditChainBreakReason = 'missingRow' | 'duplicateSeq' | 'prevHashMismatch' | 'rowHashMismatch' | 'timeOrder' | 'unchainedRow' | 'headMismatch';

export interface HqAuditChainReport {
  ok: boolean;
  count: number;
  head: { seq: number; hash: string } | null;
  firstBroken: { seq: number | null; id: number | null; reason: HqAuditChainBreakReason; detail: string } | null;
}

const genesis = '0'.repeat(64);

// The same expression as hq_audit_canonical() in migration 0005, spelled out so a redefined function
// cannot make altered rows verify.
const canonicalText = sql.raw(`pg_catalog.jsonb_build_array(
  seq, id, pg_catalog.to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  actor, action, subject, detail, db_role)::text`);

interface ChainRow {
  seq: string;
  id: string;
  prev_hash: string;
  row_hash: string;
  at: string;
  canonical: string;
}

/** Walks HQ's own audit chain in order, recomputing every hash here, and names the first broken link. */
export async function verifyHqAuditChain(db: SqlExecutor, options: { pageSize?: number } = {}): Promise<HqAuditChainReport> {
  const pageSize = options.pageSize ?? 5_000;
  const report: HqAuditChainReport = { ok: true, count: 0, head: null, firstBroken: null };
  const fail = (seq: number | null, id: number | null, reason: HqAuditChainBreakReason, detail: string) => {
    report.ok = false;
    report.firstBroken = { seq, id, reason, detail };
    return report;
  };
  type Link = { seq: number; id: number; hash: string; at: string };
  let previous = null as Link | null;
  for (;;) {
    const after: SQL = previous ? sql`where (seq, id) > (${previous.seq}, ${previous.id})` : sql`where seq is not null`;
    const rows: ChainRow[] = await selectRows<ChainRow>(
      db,
      sql`select hq_audit_log.seq::text as seq, hq_audit_log.id::text as id, prev_hash, row_hash,
            pg_catalog.to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, ${canonicalText} as canonical
          from hq_audit_log ${after} order by hq_audit_log.seq, hq_audit_log.id limit ${pageSize}`,
    );
    for (const raw of rows) {
      const seq = Number(raw.seq);
      const id = Number(raw.id);
      const expectedSeq = (previous?.seq ?? 0) + 1;
      if (previous && seq === previous.seq) return fail(seq, id, 'duplicateSeq', `seq ${seq} appears twice (rows ${previous.id} and ${id})`);
      if (seq !== expectedSeq) return fail(seq, id, 'missingRow', `seq ${expectedSeq} is missing: the chain goes from ${expectedSeq - 1} to ${seq}`);
      if (raw.prev_hash !== (previous?.hash ?? genesis)) return fail(seq, id, 'prevHashMismatch', `seq ${seq} does not follow seq ${seq - 1}'s hash`);
      if (createHash('sha256').update(raw.prev_hash + raw.canonical).digest('hex') !== raw.row_hash) {
        return fail(seq, id, 'rowHashMismatch', `seq ${seq} (row ${id}) was altered after it was written`);
      }
      if (previous && raw.at < previous.at) return fail(seq, id, 'timeOrder', `seq ${seq} is dated ${raw.at}, before seq ${previous.seq} (${previous.at})`);
      report.count += 1;
      previous = { seq, id, hash: raw.row_hash, at: raw.at };
    }
    if (rows.length < pageSize) break;
  }
  const [unchained] = await selectRows<{ n: string; id: string | null }>(db, sql`select count(*)::text as n, min(id)::text as id from hq_audit_log where seq is null`);
  if (Number(unchained?.n ?? 0) > 0) return fail(null, Number(unchained!.id), 'unchainedRow', `${unchained!.n} audit rows are outside the chain`);
  report.head = previous ? { seq: previous.seq, hash: previous.hash } : null;
  const [head] = await selectRows<{ seq: string; hash: string }>(db, sql`select seq::text as seq, hash from hq_audit_chain_head where id = 1`);
  const storedSeq = Number(head?.seq ?? 0);
  if (storedSeq !== (previous?.seq ?? 0) || (previous && head?.hash !== previous.hash)) {
    return fail(storedSeq, null, 'headMismatch', `the chain ends at seq ${previous?.seq ?? 0} but its head records seq ${storedSeq}: the newest rows were removed or replaced`);
  }
  return report;
}

/** One entry in HQ's own trail (the chain trigger fills in its position, hashes and time). */
export async function recordHqAudit(db: HqExecutor, entry: { actor: string; action: string; subject: string; detail?: unknown }): Promise<void> {
  await db.insert(hqAuditLog).values({ actor: entry.actor, action: entry.action, subject: entry.subject, detail: entry.detail ?? null });
}

export type RegionAuditHead = typeof regionAuditHeads.$inferSelect;

export async function regionAuditHeadOf(db: HqExecutor, region: string): Promise<RegionAuditHead | null> {
  const [row] = await db.select().from(regionAuditHeads).where(eq(regionAuditHeads.region, region));
  return row ?? null;
}

export async function listRegionAuditHeads(db: HqExecutor): Promise<RegionAuditHead[]> {
  return db.select().from(regionAuditHeads).orderBy(asc(regionAuditHeads.region));
}

/**
 * Keeps the head the region now reports: after HQ found its stored head still in the region's chain
 * (`verified`), or on first contact, when nothing has been proved yet. Refused (no row changed) once
 * the region is flagged: the evidence stays until an admin resolves it.
 */
export async function advanceRegionAuditHead(
  db: HqExecutor,
  region: string,
  head: { seq: number; hash: string },
  options: { verified: boolean; now?: Date },
): Promise<void> {
  const now = options.now ?? new Date();
  const verifiedAt = options.verified ? now : null;
  await db
    .insert(regionAuditHeads)
    .values({ region, seq: head.seq, hash: head.hash, seenAt: now, verifiedAt })
    .onConflictDoUpdate({
      target: regionAuditHeads.region,
      set: { seq: head.seq, hash: head.hash, seenAt: now, ...(options.verified ? { verifiedAt } : {}) },
      setWhere: sql`${regionAuditHeads.brokenAt} is null`,
    });
}

/** The region's current chain no longer holds what HQ saw: flag it (first detection kept) and record why. */
export async function flagRegionAuditChainBroken(db: HqExecutor, region: string, detail: string, now = new Date()): Promise<void> {
  await db
    .update(regionAuditHeads)
    .set({ brokenAt: sql`coalesce(${regionAuditHeads.brokenAt}, ${now.toISOString()}::timestamptz)`, brokenDetail: sql`coalesce(${regionAuditHeads.brokenDetail}, ${detail.slice(0, 1_000)})` })
    .where(eq(regionAuditHeads.region, region));
}
