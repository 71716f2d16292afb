import { fieldError, notFound } from '@meridian/api-errors';
import { boundedText, countryCode, dataPolicySchema, languageTag, messageKeys, regionConfigSchema, requiredText } from '@meridian/domain';
import { listRegionAuditHeads, listRegions, regionNeedsAttention, type RegionAuditHead, type RegionRow } from '@meridian/hq-db';
import { z } from 'zod';
import { adminProcedure, createRouter, globalViewProcedure } from '../trpc.ts';

/** A node as HQ reports it, with lag: seconds since HQ last heard from it (null: never). */
export function regionStatusView(row: RegionRow, now = new Date()) {
  return {
    ...row,
    /** The region refused HQ (401/403/4xx): retrying will not help until an admin acts. */
    needsAttention: regionNeedsAttention(row),
    lagSeconds: row.lastPulledAt ? Math.max(0, Math.round((now.getTime() - row.lastPulledAt.getTime()) / 1000)) : null,
    dataAgeSeconds: row.newestChangeAt ? Math.max(0, Math.round((now.getTime() - row.newestChangeAt.getTime()) / 1000)) : null,
  };
}

/**
 * What HQ has proved about a region's audit chain: the head it keeps, when it last found that head
 * still in the region's chain, and whether the region's history was rewritten after HQ saw it.
 */
export function auditChainStatusView(head: RegionAuditHead | undefined) {
  if (!head) return { headSeq: null, seenAt: null, verifiedAt: null, broken: false, brokenAt: null, brokenDetail: null };
  return {
    headSeq: head.seq,
    seenAt: head.seenAt,
    verifiedAt: head.verifiedAt,
    broken: head.brokenAt !== null,
    brokenAt: head.brokenAt,
    brokenDetail: head.brokenDetail,
  };
}

const registerInput = z.strictObject({
  code: regionConfigSchema.shape.code,
  name: requiredText(120),
  baseUrl: z.url({ protocol: /^https?$/ }),
  country: countryCode.optional(),
  locales: z.array(languageTag).min(1),
  timezone: regionConfigSchema.shape.timezone,
  currency: regionConfigSchema.shape.currency,
  dataPolicy: dataPolicySchema.optional(),
});

export const regionsRouter = createRouter({
  list: globalViewProcedure.query(async ({ ctx }) => (await listRegions(ctx.db)).map((row) => regionStatusView(row))),
  status: globalViewProcedure.query(async ({ ctx }) => {
    const auditHeads = new Map((await listRegionAuditHeads(ctx.db)).map((head) => [head.region, head]));
    return (await listRegions(ctx.db)).map((row) => ({ ...regionStatusView(row), auditChain: auditChainStatusView(auditHeads.get(row.code)) }));
  }),

  /** Adds (or updates) a country node; HQ issues its federation key pair and starts pulling. */
  register: adminProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    const country = input.country ?? (input.code.length === 2 ? input.code.toUpperCase() : undefined);
    if (!country) throw fieldError('country', messageKeys.required);
    const { region, federationKeys } = await ctx.services.registerRegion(
      { ...input, country, dataPolicy: input.dataPolicy ?? { withheld: {} } },
      ctx.identity.login,
    );
    return { ...regionStatusView(region), federationKeys };
  }),

  setEnabled: adminProcedure
    .input(z.strictObject({ code: boundedText(8), enabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const region = await ctx.services.setRegionEnabled(input.code, input.enabled, ctx.identity.login);
      if (!region) throw notFound(messageKeys.regionNotFound);
      return regionStatusView(region);
    }),
});

export const syncRouter = createRouter({
  /** Pull now, until caught up: one region or all enabled ones. */
  run: adminProcedure
    .input(z.strictObject({ region: boundedText(8).optional() }).optional())
    .mutation(({ ctx, input }) => ctx.services.syncNow(input?.region)),
});
