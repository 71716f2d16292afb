import { inWriteTransaction, type RegionTransaction, type WriteContext } from '@meridian/region-db';
import type { Identity } from '@meridian/domain';
import type { RegionContext } from './context.ts';

/** Every API write runs in one transaction that names the actor and procedure for the audit triggers. */
export function writeAs<T>(
  ctx: RegionContext & { identity: Identity },
  procedure: string,
  work: (tx: RegionTransaction) => Promise<T>,
  extra: Pick<WriteContext, 'reason'> = {},
): Promise<T> {
  return inWriteTransaction(ctx.db, { actor: ctx.identity.login, procedure, origin: ctx.origin, ...extra }, work);
}
