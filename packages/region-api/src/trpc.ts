/**
 * tRPC for a region node: context → init → procedures. No transformer, on purpose: the contract is
 * plain JSON (dates as ISO strings) so curl and other intranet tools can call it.
 */
import { belongsToRegion, messageKeys, type Identity, type Role } from '@meridian/domain';
import { verifyFederationToken } from '@meridian/federation-auth';
import { initTRPC, TRPCError } from '@trpc/server';
import type { RegionContext } from './context.ts';
import { AppError, formatApiError } from '@meridian/api-errors';
import { fromDatabaseError } from './errors.ts';

const t = initTRPC.context<RegionContext>().create({ errorFormatter: formatApiError });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Database rule violations (closed record, taken job code …) become typed errors, wherever they surface. */
const mapDatabaseErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = fromDatabaseError(result.error.cause ?? result.error);
    if (mapped) throw mapped;
    if (result.error.code === 'INTERNAL_SERVER_ERROR') console.error('[region-api]', result.error.cause ?? result.error);
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapDatabaseErrors);

/** Signed in through the SSO proxy and holding at least one crm group. */
export const authenticatedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.identity) throw new AppError('UNAUTHORIZED', { messageKey: messageKeys.unauthenticated });
  if (ctx.identity.roles.length === 0) throw new AppError('FORBIDDEN', { messageKey: messageKeys.forbidden });
  return next({ ctx: { ...ctx, identity: ctx.identity } });
});

function hasAnyRole(identity: Identity, roles: Role[]): boolean {
  return identity.roles.some((role) => roles.includes(role));
}

function requireRegionRole(identity: Identity, region: string, roles: Role[]) {
  if (!hasAnyRole(identity, roles)) throw new AppError('FORBIDDEN', { messageKey: messageKeys.forbidden });
  if (!belongsToRegion(identity, region)) {
    // Two keys, because the fixes differ: no region group at all is the SSO administrator's to add.
    const messageKey = identity.homeRegions.length === 0 ? messageKeys.noRegion : messageKeys.wrongRegion;
    throw new AppError('FORBIDDEN', { messageKey });
  }
}

/** Reading region data: staff and leads of this region; HQ and admins everywhere. */
export const regionReadProcedure = authenticatedProcedure.use(({ ctx, next }) => {
  if (!hasAnyRole(ctx.identity, ['hq', 'admin'])) requireRegionRole(ctx.identity, ctx.region.code, ['staff', 'lead']);
  return next();
});

/** Writing region data: only staff and leads who work in this region. */
export const regionWriteProcedure = authenticatedProcedure.use(({ ctx, next }) => {
  requireRegionRole(ctx.identity, ctx.region.code, ['staff', 'lead']);
  return next();
});

/** Lead-only decisions in this region, e.g. reassigning an account manager. */
export const regionLeadProcedure = authenticatedProcedure.use(({ ctx, next }) => {
  requireRegionRole(ctx.identity, ctx.region.code, ['lead']);
  return next();
});

/** Audit trail: leads of this region, HQ and admins (ISO 9001 reviews). */
export const auditProcedure = authenticatedProcedure.use(({ ctx, next }) => {
  if (!hasAnyRole(ctx.identity, ['hq', 'admin'])) requireRegionRole(ctx.identity, ctx.region.code, ['lead']);
  return next();
});

/** Service-to-service: HQ's signed, short-lived token for this node; SSO identities never pass. */
export const federationProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.bearerToken || !ctx.federationKeys) {
    throw new AppError('UNAUTHORIZED', { messageKey: messageKeys.federationTokenInvalid });
  }
  const verdict = await verifyFederationToken(ctx.bearerToken, ctx.region.code, ctx.federationKeys);
  if (!verdict.ok) {
    // The reason (expired, wrong audience, replayed …) tells a prober which guess was close: the node's
    // log keeps it, the caller gets the one generic key.
    console.warn(`[region-api] ${ctx.region.code}: federation token refused from ${ctx.origin ?? 'unknown origin'}: ${verdict.reason}`);
    throw new AppError('UNAUTHORIZED', { messageKey: messageKeys.federationTokenInvalid });
  }
  return next();
});

export { TRPCError };
