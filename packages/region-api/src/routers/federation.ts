import { boundedText, countryCode, entityId, federatedEntities, messageKeys, type DataPolicy, type FederatedEntity } from '@meridian/domain';
import { bucketDigests, bucketPrefixLength, federatedRowHash } from '@meridian/domain/federatedHash';
import {
  customers,
  readFederatedSnapshot,
  decodeFeedCursor,
  encodeFeedCursor,
  readChangeFeed,
} from '@meridian/region-db';
import type { ChangeFeedEntry, FederatedBaseRow } from '@meridian/region-db';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fieldError } from '../errors.ts';
import { writeAsService } from '../writeContext.ts';
import { createRouter, federationProcedure } from '../trpc.ts';

/** Matching and search keys are the node's own business; HQ derives its own. */
const internalColumns = new Set(['nameKeys', 'searchText', 'registrationKey', 'websiteDomain']);

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A row's fields as they may leave the country: camelCase, internal keys dropped, withheld fields removed. */
export function federatedData(entity: string, payload: Record<string, unknown>, policy: DataPolicy) {
  const withheld = [...(policy.withheld[entity as FederatedEntity] ?? [])];
  const data: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(payload)) {
    const field = camelCase(column);
    if (!internalColumns.has(field) && !withheld.includes(field)) data[field] = value;
  }
  return { data, withheld };
}

/** A feed row as it may leave the country. */
export function federatedChange(entry: ChangeFeedEntry, policy: DataPolicy) {
  const shaped = entry.payload ? federatedData(entry.entity, entry.payload, policy) : null;
  return {
    seq: entry.seq,
    entity: entry.entity,
    entityId: entry.entityId,
    op: entry.op,
    version: entry.version,
    recordedAt: entry.recordedAt,
    data: shaped?.data ?? null,
    withheld: shaped?.withheld ?? [...(policy.withheld[entry.entity as FederatedEntity] ?? [])],
  };
}

export type FederatedChange = ReturnType<typeof federatedChange>;

const changesInput = z.strictObject({
  /** Opaque cursor from the previous answer; absent means from the beginning. */
  since: boundedText(64).optional(),
  limit: z.number().int().min(1).max(5_000).default(500),
  /** Long-poll: when nothing is new, wait up to this long for a commit before answering. */
  waitMs: z.number().int().min(0).max(30_000).default(0),
});

const federatedEntity = z.enum(federatedEntities);

const digestInput = z
  .strictObject({ entities: z.array(federatedEntity).min(1).max(federatedEntities.length).optional() })
  .optional();

const rowsInBucketsInput = z
  .strictObject({
    entity: federatedEntity,
    /** As the digest stated it for this entity. */
    prefixLength: z.number().int().min(1).max(3),
    buckets: z.array(z.string().regex(/^[0-9a-f]{1,3}$/)).min(1).max(4_096),
  })
  .refine((input) => input.buckets.every((bucket) => bucket.length === input.prefixLength), {
    path: ['buckets'],
    message: 'every bucket is a prefix of prefixLength hex characters',
  });

/** A base row exactly as the feed would federate it. */
function federatedRow(entity: FederatedEntity, row: FederatedBaseRow, policy: DataPolicy) {
  return { id: row.id, version: row.version, ...federatedData(entity, row.payload, policy) };
}

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

  /**
   * Anti-entropy: per entity and id-prefix bucket, the row count and a hash over (id, version, hash of
   * the federated fields after this node's data policy), from the base tables in one snapshot. HQ must
   * have applied the feed up to `position` before its replicas can match.
   */
  digest: federationProcedure.input(digestInput).query(async ({ ctx, input }) => {
    const entities = input?.entities ?? [...federatedEntities];
    const policy = ctx.region.config.dataPolicy;
    const snapshot = await readFederatedSnapshot(ctx.db, entities.map((entity) => ({ entity })));
    return {
      region: ctx.region.code,
      position: encodeFeedCursor(snapshot.position),
      computedAt: new Date().toISOString(),
      entities: entities.map((entity) => {
        const rows = snapshot.rows.get(entity) ?? [];
        const prefixLength = bucketPrefixLength(rows.length);
        const hashed = rows.map((row) => {
          const { data, withheld } = federatedData(entity, row.payload, policy);
          return { id: row.id, version: row.version, hash: federatedRowHash(entity, data, withheld) };
        });
        return { entity, prefixLength, rows: rows.length, buckets: bucketDigests(entity, hashed, prefixLength) };
      }),
    };
  }),

  /** The rows of some buckets as the feed federates them, so HQ refetches exactly what diverges. */
  rowsInBuckets: federationProcedure.input(rowsInBucketsInput).query(async ({ ctx, input }) => {
    const snapshot = await readFederatedSnapshot(ctx.db, [
      { entity: input.entity, buckets: { prefixLength: input.prefixLength, prefixes: input.buckets } },
    ]);
    return {
      region: ctx.region.code,
      entity: input.entity,
      position: encodeFeedCursor(snapshot.position),
      rows: (snapshot.rows.get(input.entity) ?? []).map((row) => federatedRow(input.entity, row, ctx.region.config.dataPolicy)),
    };
  }),

  /** The data policy this node applies to its feed, so HQ can say what it does not hold. */
  policy: federationProcedure.query(({ ctx }) => ({ region: ctx.region.code, dataPolicy: ctx.region.config.dataPolicy })),

  /** HQ pushes global codes back, so local staff see a multinational account and where it is served. */
  linkGlobalCodes: federationProcedure.input(linkInput).mutation(async ({ ctx, input }) =>
    writeAsService(ctx, 'hq-federation', 'federation.linkGlobalCodes', async (tx) => {
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
