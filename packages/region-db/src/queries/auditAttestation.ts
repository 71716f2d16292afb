import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { selectRows } from '@meridian/db-driver';
import type { RegionDatabase, RegionTransaction, WriteContext } from '../database.ts';

/**
 * Anyone who can open a SQL session can `set_config('meridian.actor', 'alice', true)`, so the actor an
 * audit row names proves nothing by itself. The server therefore attests each write transaction:
 * an HMAC, under a secret only the node process holds, over the transaction id and the actor,
 * procedure and origin it sets. The trigger stores it with every audit row of that transaction; the
 * verifier recomputes it. Binding the transaction id means an attestation copied from an old row does
 * not fit a new transaction.
 */

const attestationVersion = 'v1';

export interface AuditKey {
  /** Short fingerprint stored with each attestation, so keys can be rotated. */
  id: string;
  secret: Buffer;
}

export interface AuditKeyRing {
  /** Signs new attestations. */
  signing: AuditKey;
  /** Every key attestations may have been made with (the signing key and retired ones). */
  byId: Map<string, AuditKey>;
}

export interface AttestedFields {
  txid: string;
  actor: string;
  procedure: string;
  origin: string | null;
}

export type AttestationVerdict = 'valid' | 'invalid' | 'unknownKey';

function keyOf(secret: string): AuditKey {
  return { id: createHash('sha256').update(`meridian-audit-key:${secret}`).digest('hex').slice(0, 12), secret: Buffer.from(secret) };
}

/** The first secret signs; later ones (retired keys) still verify. */
export function auditKeyRing(secrets: string[]): AuditKeyRing {
  const keys = secrets.map((secret) => secret.trim()).filter(Boolean).map(keyOf);
  if (keys.length === 0) throw new Error('an audit key ring needs at least one secret');
  return { signing: keys[0]!, byId: new Map(keys.map((key) => [key.id, key])) };
}

/** `MERIDIAN_AUDIT_SECRET`: comma-separated, newest first; null when unset. */
export function auditKeyRingFromEnv(value: string | undefined): AuditKeyRing | null {
  return value?.trim() ? auditKeyRing(value.split(',')) : null;
}

/** A fresh random secret (demo and tests), as text suitable for MERIDIAN_AUDIT_SECRET. */
export function generateAuditSecret(): string {
  return randomBytes(32).toString('base64url');
}

function mac(key: AuditKey, fields: AttestedFields): string {
  // JSON of a fixed-order array: unambiguous however the fields are spelled.
  const message = JSON.stringify([fields.txid, fields.actor, fields.procedure, fields.origin ?? '']);
  return createHmac('sha256', key.secret).update(message).digest('hex');
}

export function attest(ring: AuditKeyRing, fields: AttestedFields): string {
  return `${attestationVersion}:${ring.signing.id}:${mac(ring.signing, fields)}`;
}

export function checkAttestation(ring: AuditKeyRing, fields: AttestedFields, attestation: string): AttestationVerdict {
  const [version, keyId, given] = attestation.split(':');
  if (version !== attestationVersion || !keyId || !given) return 'invalid';
  const key = ring.byId.get(keyId);
  if (!key) return 'unknownKey';
  const expected = Buffer.from(mac(key, fields));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? 'valid' : 'invalid';
}

/**
 * An attested write: takes the audit chain lock first (before any row lock, so concurrent writers
 * cannot deadlock on the chain head), then names and attests the actor for the audit triggers.
 */
export function inAttestedWriteTransaction<T>(
  db: RegionDatabase,
  ring: AuditKeyRing,
  context: WriteContext,
  work: (tx: RegionTransaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const [row] = await selectRows<{ txid: string }>(tx, sql`select meridian_audit_chain_lock(), pg_current_xact_id()::text as txid`);
    const origin = context.origin ?? null;
    const attestation = attest(ring, { txid: row!.txid, actor: context.actor, procedure: context.procedure, origin });
    await tx.execute(sql`select
      set_config('meridian.actor', ${context.actor}, true),
      set_config('meridian.procedure', ${context.procedure}, true),
      set_config('meridian.origin', ${origin ?? ''}, true),
      set_config('meridian.reason', ${context.reason ?? ''}, true),
      set_config('meridian.attestation', ${attestation}, true)`);
    return work(tx);
  });
}
