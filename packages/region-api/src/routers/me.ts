import { authenticatedProcedure } from '../trpc.ts';

export const meProcedure = authenticatedProcedure.query(({ ctx }) => ({
  login: ctx.identity.login,
  email: ctx.identity.email,
  region: ctx.region.code,
  roles: ctx.identity.roles,
  homeRegions: ctx.identity.homeRegions,
  locales: ctx.region.config.locales,
  timezone: ctx.region.config.timezone,
  currency: ctx.region.config.currency,
}));
