import type { inferRouterOutputs } from '@trpc/server';
import { analyticsRouter } from './routers/analytics.ts';
import { auditRouter } from './routers/audit.ts';
import { contactPersonsRouter } from './routers/contactPersons.ts';
import { contactRecordsRouter } from './routers/contactRecords.ts';
import { contactTypesRouter } from './routers/contactTypes.ts';
import { customersRouter } from './routers/customers.ts';
import { federationRouter } from './routers/federation.ts';
import { meProcedure } from './routers/me.ts';
import { projectsRouter } from './routers/projects.ts';
import { createCallerFactory, createRouter } from './trpc.ts';

export const regionRouter = createRouter({
  me: meProcedure,
  contactTypes: contactTypesRouter,
  customers: customersRouter,
  projects: projectsRouter,
  contactRecords: contactRecordsRouter,
  contactPersons: contactPersonsRouter,
  audit: auditRouter,
  federation: federationRouter,
  analytics: analyticsRouter,
});

export type RegionRouter = typeof regionRouter;
/** What each procedure answers, as JSON on the wire (dates as ISO strings), for clients' own types. */
export type RegionOutputs = inferRouterOutputs<RegionRouter>;

export const createRegionCaller = createCallerFactory(regionRouter);
