/** tRPC for HQ: the same conventions as a region node (no transformer, typed errors, SSO identity). */
import { AppError, databaseUnavailableError, formatApiError } from '@meridian/api-errors';
import { messageKeys, type Identity, type Role } from '@meridian/domain';
import { initTRPC } from '@trpc/server';
import type { HqContext } from './context.ts';

const t = initTRPC.context<HqContext>().create({ errorFormatter: formatApiError });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Database rules (a signed review is frozen) become typed errors; anything else unexpected is logged. */
const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    let cause: unknown = result.error.cause;
    for (let depth = 0; cause && depth < 4; depth++) {
      if ((cause as { code?: string }).code === 'MR003') throw new AppError('PRECONDITION_FAILED', { messageKey: messageKeys.reviewSigned });
      cause = (cause as { cause?: unknown }).cause;
    }
    const unavailable = databaseUnavailableError(result.error.cause);
    if (unavailable) throw unavailable;
    if (result.error.code === 'INTERNAL_SERVER_ERROR') console.error(`[hq-api] ${path}`, result.error.cause ?? result.error);
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

function requireRoles(identity: Identity | null, roles: Role[]): Identity {
  if (!identity) throw new AppError('UNAUTHORIZED', { messageKey: messageKeys.unauthenticated });
  if (!identity.roles.some((role) => roles.includes(role))) throw new AppError('FORBIDDEN', { messageKey: messageKeys.forbidden });
  return identity;
}

const withRoles = (roles: Role[]) =>
  publicProcedure.use(({ ctx, next }) => next({ ctx: { ...ctx, identity: requireRoles(ctx.identity, roles) } }));

/** Anyone with a crm role: who am I. */
export const signedInProcedure = withRoles(['staff', 'lead', 'hq', 'admin']);
/** The global view: HQ, admins, and regional leads preparing cross-region reviews. */
export const globalViewProcedure = withRoles(['hq', 'admin', 'lead']);
/** Data stewardship (merge / keep apart / undo): HQ and admins. */
export const stewardProcedure = withRoles(['hq', 'admin']);
/** Node administration: admins only. */
export const adminProcedure = withRoles(['admin']);
