import { countryCode, entityId, messageKeys, type DataPolicy, type FederatedEntity } from '@meridian/domain';
import {
  customers,
  decodeFeedCursor,
  encodeFeedCursor,
  inWriteTransaction,
  readChangeFeed,
} from '@meridian/region-db';
import type { ChangeFeedEntry } from '@meridian/region-db';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fieldError } from '../errors.ts';
import { createRouter, federationProcedure } from '../trpc.ts';

/** Matching and search keys are the node's own business; HQ derives its own. */
const internalColumns = new Set(['nameKeys', 'searchText', 'registrationKey', 'websiteDomain']);

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A feed row as it may leave the country: camelCase fields, internal keys dropped, withheld fields removed. */
export function federatedChange(entry: ChangeFeedEntry, policy: DataPolicy) {
  const withheld = [...(policy.withheld[entry.entity as FederatedEntity] ?? [])];
  let data: Record<string, unknown> | null = null;
  if (entry.payload) {
    data = {};
    for (const [column, value] of Object.entries(entry.payload)) {
      const field = camelCase(column);
      if (!internalColumns.has(field) && !withheld.includes(field)) data[field] = value;
    }
  }
  return {
    seq: entry.seq,
    entity: entry.entity,
    entityId: entry.entityId,
    op: entry.op,
    version: entry.version,
    recordedAt: entry.recordedAt,
    data,
    withheld,
  };
}

export type FederatedChange = ReturnType<typeof federatedChange>;

const changesInput = z.strictObject({
  /** Opaque cursor from the previous answer; absent means from the beginning. */
  since: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(5_000).default(500),
  /** Long-poll: when nothing is new, wait up to this long for a commit before answering. */
  waitMs: z.number().int().min(0).max(30_000).default(0),
});

const linkInput = z.strictObject({
  links: z
    .array(
      z.strictObject({
        customerId: entityId,
        globalCode: z.string().regex(/^G-[0-9A-Z]{4,12}$/),
        countries: z.array(countryCode).max(250),
      }),
    )
    .max(2_000),
});

export const federationRouter = createRouter({
  changes: federationProcedure.input(changesInput).query(async ({ ctx, input }) => {
    const position = decodeFeedCursor(input.since);
    if (!position) throw fieldError('since', messageKeys.invalidCursor);
    let entries = await readChangeFeed(ctx.db, position, input.limit);
    const deadline = Date.now() + input.waitMs;
    // Nothing new yet: sleep until a commit is announced (or a short re-check, since a change can be
    // held back while an older transaction is still open), until the caller's wait is used up.
    while (entries.length === 0 && Date.now() < deadline && !ctx.signal?.aborted) {
      const remaining = deadline - Date.now();
      if (ctx.changeNotifier) await ctx.changeNotifier.waitForChange(Math.min(remaining, 1_000), ctx.signal);
      else await new Promise((resolve) => setTimeout(resolve, Math.min(remaining, 200)));
      if (ctx.signal?.aborted) break; // the caller left (or the node is shutting down): read nothing more
      entries = await readChangeFeed(ctx.db, position, input.limit);
    }
    const last = entries.at(-1);
    return {
      region: ctx.region.code,
      changes: entries.map((entry) => federatedChange(entry, ctx.region.config.dataPolicy)),
      nextCursor: encodeFeedCursor(last ? { txid: last.txid, seq: last.seq } : position),
      hasMore: entries.length === input.limit,
      servedAt: new Date().toISOString(),
    };
  }),

  /** The data policy this node applies to its feed, so HQ can say what it does not hold. */
  policy: federationProcedure.query(({ ctx }) => ({ region: ctx.region.code, dataPolicy: ctx.region.config.dataPolicy })),

  /** HQ pushes global codes back, so local staff see a multinational account and where it is served. */
  linkGlobalCodes: federationProcedure.input(linkInput).mutation(async ({ ctx, input }) =>
    inWriteTransaction(ctx.db, { actor: 'hq-federation', procedure: 'federation.linkGlobalCodes' }, async (tx) => {
      let updated = 0;
      for (const link of input.links) {
        const countries = [...new Set(link.countries)].sort();
        const rows = await tx
          .update(customers)
          .set({ globalCode: link.globalCode, globalCountries: countries, version: sql`${customers.version} + 1`, updatedAt: new Date() })
          .where(
            and(
              eq(customers.id, link.customerId),
              sql`(${customers.globalCode} is distinct from ${link.globalCode} or ${customers.globalCountries} is distinct from ${sql.param(countries, customers.globalCountries)})`,
            ),
          )
          .returning({ id: customers.id });
        updated += rows.length;
      }
      return { updated };
    }),
  ),
});
