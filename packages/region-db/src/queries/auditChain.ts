import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { selectRows } from '@meridian/db-driver';
import { checkAttestation, type AuditKeyRing } from './auditAttestation.ts';

/** What the chain's first broken link is. */
export type AuditChainBreakReason =
  /** A position is missing (a row was deleted) or the rows skip ahead. */
  | 'missingRow'
  /** Two rows claim one position (a row was inserted). */
  | 'duplicateSeq'
  /** The row does not point at the previous row's hash (a row before it was changed or removed). */
  | 'prevHashMismatch'
  /** The row's content no longer matches its hash (it was altered). */
  | 'rowHashMismatch'
  /** Time runs backwards along the chain (a backdated row). */
  | 'timeOrder'
  /** It names an app actor without the server's attestation (raw SQL posing as the app). */
  | 'actorUnattested'
  /** Its attestation does not fit its transaction, actor, procedure and origin. */
  | 'attestationInvalid'
  /** Attested with a key this verifier does not hold. */
  | 'attestationUnknownKey'
  /** Rows outside the chain (written with the chaining trigger switched off). */
  | 'unchainedRow'
  /** The stored chain head is not the last row (the newest rows were removed). */
  | 'headMismatch';

export interface AuditChainBreak {
  seq: number | null;
  id: number | null;
  reason: AuditChainBreakReason;
  detail: string;
}

export interface AuditChainLink {
  seq: number;
  hash: string;
}

export interface AuditChainReport {
  ok: boolean;
  /** Rows checked. */
  count: number;
  head: AuditChainLink | null;
  /** Rows chained by the migration, from before the server attested actors. */
  legacyCount: number;
  /** Rows whose attestation was checked and held. */
  attestedCount: number;
  /** Rows written by raw SQL under their own `sql:<role>` name. */
  sqlCount: number;
  /** False when the verifier held no key: actors were then not checked, only the chain. */
  attestationsChecked: boolean;
  firstBroken: AuditChainBreak | null;
}

/** Anything that runs SQL: a region database, a transaction, or a raw connection wrapped by drizzle. */
export type SqlExecutor = Parameters<typeof selectRows>[0];

export const auditChainGenesis = '0'.repeat(64);

interface ChainRow {
  seq: number;
  id: number;
  prev_hash: string;
  row_hash: string;
  at: string;
  actor: string;
  procedure: string;
  request_origin: string | null;
  txid: string | null;
  attestation: string | null;
  canonical: string;
}

/**
 * The canonical text of a row, spelled out here rather than calling the database's own
 * meridian_audit_canonical(), so a redefined function cannot make altered rows verify. It must stay
 * identical to the function in migration 0006.
 */
const canonicalText = sql.raw(`pg_catalog.jsonb_build_array(
  seq, id, pg_catalog.to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  actor, procedure, request_origin, db_role, txid::text, attestation,
  table_name, row_id, action, before, after)::text`);

export function auditRowHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash + canonical).digest('hex');
}

/**
 * Walks the whole audit chain in order and names the first broken link. Hashes are recomputed here,
 * not in the database; attestations too when a key ring is given.
 */
export async function verifyAuditChain(
  db: SqlExecutor,
  options: { keys: AuditKeyRing | null; pageSize?: number },
): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 5_000;
  const [headRow] = await selectRows<{ seq: string; hash: string; legacy_seq: string }>(
    db,
    sql`select seq::text, hash, legacy_seq::text from audit_chain_head where id = 1`,
  );
  const legacySeq = Number(headRow?.legacy_seq ?? 0);
  const report: AuditChainReport = {
    ok: true,
    count: 0,
    head: null,
    legacyCount: 0,
    attestedCount: 0,
    sqlCount: 0,
    attestationsChecked: options.keys !== null,
    firstBroken: null,
  };
  const fail = (row: { seq: number | null; id: number | null }, reason: AuditChainBreakReason, detail: string) => {
    report.ok = false;
    report.firstBroken = { seq: row.seq, id: row.id, reason, detail };
    return report;
  };

  type Link = { seq: number; id: number; hash: string; at: string };
  let previous: Link | null = null as Link | null;
  for (;;) {
    const after: SQL = previous ? sql`where (seq, id) > (${previous.seq}, ${previous.id})` : sql`where seq is not null`;
    const rows: ChainRow[] = await selectRows<ChainRow>(
      db,
      sql`select audit_log.seq::text as seq, audit_log.id::text as id, prev_hash, row_hash,
            pg_catalog.to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
            actor, procedure, request_origin, txid::text as txid, attestation, ${canonicalText} as canonical
          from audit_log ${after} order by audit_log.seq, audit_log.id limit ${pageSize}`,
    );
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq), id: Number(raw.id) };
      const expectedSeq = (previous?.seq ?? 0) + 1;
      if (previous && row.seq === previous.seq) return fail(row, 'duplicateSeq', `seq ${row.seq} appears twice (rows ${previous.id} and ${row.id})`);
      if (row.seq !== expectedSeq) return fail(row, 'missingRow', `seq ${expectedSeq} is missing: the chain goes from ${expectedSeq - 1} to ${row.seq}`);
      const expectedPrev = previous?.hash ?? auditChainGenesis;
      if (row.prev_hash !== expectedPrev) return fail(row, 'prevHashMismatch', `seq ${row.seq} does not follow seq ${row.seq - 1}'s hash`);
      if (auditRowHash(row.prev_hash, row.canonical) !== row.row_hash) return fail(row, 'rowHashMismatch', `seq ${row.seq} (row ${row.id}) was altered after it was written`);
      if (previous && row.at < previous.at) return fail(row, 'timeOrder', `seq ${row.seq} is dated ${row.at}, before seq ${previous.seq} (${previous.at})`);
      if (row.seq <= legacySeq) report.legacyCount += 1;
      else if (row.attestation === null) {
        if (!row.actor.startsWith('sql:')) return fail(row, 'actorUnattested', `seq ${row.seq} names actor "${row.actor}" without the server's attestation`);
        report.sqlCount += 1;
      } else if (options.keys) {
        const fields = { txid: row.txid ?? '', actor: row.actor, procedure: row.procedure, origin: row.request_origin };
        const verdict = checkAttestation(options.keys, fields, row.attestation);
        if (verdict === 'invalid') return fail(row, 'attestationInvalid', `seq ${row.seq}: the attestation does not fit actor "${row.actor}" in its transaction`);
        if (verdict === 'unknownKey') return fail(row, 'attestationUnknownKey', `seq ${row.seq} is attested with a key this verifier does not hold`);
        report.attestedCount += 1;
      }
      report.count += 1;
      previous = { seq: row.seq, id: row.id, hash: row.row_hash, at: row.at };
    }
    if (rows.length < pageSize) break;
  }

  const [unchained] = await selectRows<{ n: string; id: string | null }>(db, sql`select count(*)::text as n, min(id)::text as id from audit_log where seq is null`);
  if (Number(unchained?.n ?? 0) > 0) {
    return fail({ seq: null, id: Number(unchained!.id) }, 'unchainedRow', `${unchained!.n} audit rows are outside the chain (first: row ${unchained!.id})`);
  }
  report.head = previous ? { seq: previous.seq, hash: previous.hash } : null;
  const storedSeq = Number(headRow?.seq ?? 0);
  if (storedSeq !== (previous?.seq ?? 0) || (previous && headRow?.hash !== previous.hash)) {
    return fail(
      { seq: storedSeq, id: null },
      'headMismatch',
      `the chain ends at seq ${previous?.seq ?? 0} but its head records seq ${storedSeq}: the newest rows were removed or replaced`,
    );
  }
  return report;
}

/** The last link of the chain, as federated to HQ (null: nothing audited yet). */
export async function auditChainHeadOf(db: SqlExecutor): Promise<AuditChainLink | null> {
  const [row] = await selectRows<{ seq: string; hash: string }>(db, sql`select seq::text, row_hash as hash from audit_log where audit_log.seq is not null order by audit_log.seq desc limit 1`);
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/** The link at one position (null: the chain has no such position). */
export async function auditChainLinkAt(db: SqlExecutor, seq: number): Promise<AuditChainLink | null> {
  const [row] = await selectRows<{ seq: string; hash: string }>(db, sql`select seq::text, row_hash as hash from audit_log where audit_log.seq = ${seq} order by audit_log.id limit 1`);
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}
