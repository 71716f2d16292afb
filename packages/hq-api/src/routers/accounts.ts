import { notFound } from '@meridian/api-errors';
import { boundedText, countryCode, messageKeys, pyramidTiers, segments, text } from '@meridian/domain';
import { account360, findGlobalAccount, listAccounts, resolveGlobalCode } from '@meridian/hq-db';
import { z } from 'zod';
import { createRouter, globalViewProcedure } from '../trpc.ts';

const listInput = z.strictObject({
  query: boundedText(200).optional(),
  tier: z.enum(pyramidTiers).optional(),
  segment: z.enum(segments).optional(),
  servedIn: countryCode.optional(),
  notServedIn: countryCode.optional(),
  /** Opaque: the offset of the next page. */
  cursor: text().regex(/^\d{1,7}$/).optional(),
  limit: z.number().int().min(1).max(200).default(25),
});

export const accountsRouter = createRouter({
  list: globalViewProcedure.input(listInput).query(async ({ ctx, input }) => {
    const offset = Number(input.cursor ?? 0);
    const { items, total } = await listAccounts(ctx.db, { ...input, offset });
    return { items, total, nextCursor: offset + items.length < total ? String(offset + items.length) : null };
  }),

  /** Account 360; a merged-away code answers with the surviving account and says so. */
  get: globalViewProcedure.input(z.strictObject({ globalCode: boundedText(40) })).query(async ({ ctx, input }) => {
    const globalCode = await resolveGlobalCode(ctx.db, input.globalCode);
    const account = globalCode ? await findGlobalAccount(ctx.db, globalCode) : null;
    const details = account ? await account360(ctx.db, account.globalCode) : null;
    if (!account || !details) throw notFound(messageKeys.accountNotFound);
    const countries = [...new Set([...details.members.map((member) => member.country), ...details.projects.map((project) => project.country)])].sort();
    return {
      globalCode: account.globalCode,
      requestedCode: input.globalCode,
      redirectedFrom: account.globalCode === input.globalCode ? null : input.globalCode,
      name: account.displayName,
      countries,
      revenueGbp: details.members.reduce((sum, member) => sum + (member.annualRevenueGbp ?? 0), 0),
      ...details,
    };
  }),
});
