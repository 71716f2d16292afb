import { sql } from 'drizzle-orm';
import { selectRows, type RegionExecutor } from '../database.ts';

export interface ChangeFeedEntry {
  seq: number;
  txid: string;
  entity: string;
  entityId: string;
  op: 'upsert' | 'delete';
  version: number | null;
  payload: Record<string, unknown> | null;
  recordedAt: string;
}

/** Feed position: the last (txid, seq) served. "0:0" is the beginning. */
export interface FeedPosition {
  txid: string;
  seq: number;
}

/** The channel the change_feed trigger NOTIFYs on commit. */
export const changeFeedChannel = 'meridian_change_feed';

export const feedStart: FeedPosition = { txid: '0', seq: 0 };

export function encodeFeedCursor(position: FeedPosition): string {
  return `${position.txid}:${position.seq}`;
}

export function decodeFeedCursor(cursor: string | undefined | null): FeedPosition | null {
  if (!cursor) return feedStart;
  const match = /^(\d{1,20}):(\d{1,19})$/.exec(cursor);
  return match ? { txid: match[1]!, seq: Number(match[2]) } : null;
}

/**
 * Reads changes after a position, in (txid, seq) order, but only from transactions older than the
 * oldest one still running: anything younger could still be overtaken by a slower transaction that
 * commits later, and a cursor past it would skip that transaction's changes for ever.
 */
export async function readChangeFeed(db: RegionExecutor, after: FeedPosition, limit: number): Promise<ChangeFeedEntry[]> {
  const rows = await selectRows<{
    seq: string | number;
    txid_text: string;
    entity: string;
    entity_id: string;
    op: 'upsert' | 'delete';
    version: number | null;
    payload: Record<string, unknown> | null;
    recorded_at: string | Date;
  }>(
    db,
    sql`
    select f.seq, f.txid::text as txid_text, f.entity, f.entity_id, f.op, f.version, f.payload, f.recorded_at
    from change_feed f
    where (f.txid, f.seq) > (${after.txid}::xid8, ${after.seq}::bigint)
      and f.txid < pg_snapshot_xmin(pg_current_snapshot())
    -- The typed xid8 column, never its text form: '10000' sorts before '9001' as text, and a cursor
    -- that compares xid8 would then skip every shorter id for good.
    order by f.txid, f.seq
    limit ${limit}`);
  return rows.map((row) => ({
    seq: Number(row.seq),
    txid: row.txid_text,
    entity: row.entity,
    entityId: row.entity_id,
    op: row.op,
    version: row.version,
    payload: row.payload,
    recordedAt: new Date(row.recorded_at).toISOString(),
  }));
}
