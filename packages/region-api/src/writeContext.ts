import {
  auditKeyRingFromEnv,
  auditKeyRing,
  generateAuditSecret,
  inAttestedWriteTransaction,
  type AuditKeyRing,
  type RegionTransaction,
  type WriteContext,
} from '@meridian/region-db';
import type { Identity } from '@meridian/domain';
import type { RegionContext } from './context.ts';

let nodeKeys: AuditKeyRing | null = null;

/**
 * The key this node attests its writes with: MERIDIAN_AUDIT_SECRET (comma-separated, newest first,
 * so a key is rotated by prepending the new one). Without it the process makes up a key of its own,
 * which nothing outside this process can check: fine for a demo or a test, never for production.
 */
export function nodeAuditKeys(): AuditKeyRing {
  if (!nodeKeys) {
    nodeKeys = auditKeyRingFromEnv(process.env.MERIDIAN_AUDIT_SECRET);
    if (!nodeKeys) {
      if (process.env.NODE_ENV === 'production') throw new Error('MERIDIAN_AUDIT_SECRET must be set in production');
      nodeKeys = auditKeyRing([generateAuditSecret()]);
    }
  }
  return nodeKeys;
}

/**
 * Every API write runs in one transaction that names, and attests, the actor and procedure for the
 * audit triggers. The actor is the authenticated login and the origin the address the trusted proxy
 * reported (context.ts): nothing a client types reaches them.
 */
export function writeAs<T>(
  ctx: RegionContext & { identity: Identity },
  procedure: string,
  work: (tx: RegionTransaction) => Promise<T>,
  extra: Pick<WriteContext, 'reason'> = {},
): Promise<T> {
  return inAttestedWriteTransaction(ctx.db, nodeAuditKeys(), { actor: ctx.identity.login, procedure, origin: ctx.origin, ...extra }, work);
}

/** A write on behalf of a service the node has authenticated (HQ's federation token), attested alike. */
export function writeAsService<T>(
  ctx: RegionContext,
  service: string,
  procedure: string,
  work: (tx: RegionTransaction) => Promise<T>,
): Promise<T> {
  return inAttestedWriteTransaction(ctx.db, nodeAuditKeys(), { actor: service, procedure, origin: ctx.origin }, work);
}
