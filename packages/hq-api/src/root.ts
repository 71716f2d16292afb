import { accountsRouter } from './routers/accounts.ts';
import { aliasesRouter } from './routers/aliases.ts';
import { analyticsRouter } from './routers/analytics.ts';
import { reconcileRouter } from './routers/reconcile.ts';
import { reviewsRouter } from './routers/reviews.ts';
import { regionsRouter, syncRouter } from './routers/regions.ts';
import { createCallerFactory, createRouter, signedInProcedure } from './trpc.ts';

export const hqRouter = createRouter({
  me: signedInProcedure.query(({ ctx }) => ({
    login: ctx.identity.login,
    email: ctx.identity.email,
    region: 'hq',
    roles: ctx.identity.roles,
    homeRegions: ctx.identity.homeRegions,
  })),
  regions: regionsRouter,
  sync: syncRouter,
  accounts: accountsRouter,
  reconcile: reconcileRouter,
  aliases: aliasesRouter,
  analytics: analyticsRouter,
  reviews: reviewsRouter,
});

export type HqRouter = typeof hqRouter;
export const createHqCaller = createCallerFactory(hqRouter);
