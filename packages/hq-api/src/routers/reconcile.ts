import { AppError, fieldError } from '@meridian/api-errors';
import { boundedText, messageKeys, pageInput, regionCode, requiredText, rowId, text } from '@meridian/domain';
import {
  completeHandDecision,
  completeQueueDecision,
  recordHandLink,
  recordHandSplit,
  recordHandUndo,
  recordQueueDecisions,
  StewardError,
  type ReconcileSummary,
} from '@meridian/federation';
import {
  accountSummaries,
  customerCards,
  listAccounts,
  memberKeysOf,
  searchCustomersToLink,
  stewardQueueItemsOf,
  stewardQueuePage,
  type CustomerCard,
  type QueueCursor,
  type QueueFilter,
  resolveGlobalCode,
} from '@meridian/hq-db';
import { z } from 'zod';
import { adminProcedure, createRouter, globalViewProcedure, stewardProcedure } from '../trpc.ts';

/** `region:uuid`, as the queue and the account page name a customer. */
export const customerKeyInput = text().regex(/^[a-z]{2,8}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, messageKeys.invalidFormat);
const globalCodeInput = boundedText(40).min(1);
const reasonInput = requiredText(500);
const decisionInput = z.enum(['merge', 'keep_apart']);

const queueFilter = {
  region: regionCode.optional(),
  script: z.enum(['Latn', 'Hani', 'Arab', 'Other']).optional(),
  minScore: z.number().min(0).max(1).optional(),
  maxScore: z.number().min(0).max(1).optional(),
};

// The same page rule as every list: a limit above 200 is refused (400), never silently clamped.
const queueInput = z.strictObject({ ...pageInput, ...queueFilter }).optional();

function decodeQueueCursor(cursor: string | undefined): QueueCursor | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === 3 && typeof values[0] === 'number' && typeof values[1] === 'string' && typeof values[2] === 'string') {
      return values as QueueCursor;
    }
  } catch {
    // fall through
  }
  throw fieldError('cursor', messageKeys.invalidCursor);
}

const encodeQueueCursor = (cursor: QueueCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

/** A decision that cannot be made as asked (gone, already decided) is the steward's news, not a crash. */
async function asStewardOutcome<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StewardError) throw new AppError(error.code, { messageKey: error.messageKey });
    throw error;
  }
}

const side = (card: CustomerCard | undefined, key: string) =>
  card ?? { key, region: key.slice(0, key.indexOf(':')), customerId: key.slice(key.indexOf(':') + 1), missing: true as const };

export const reconcileRouter = createRouter({
  /**
   * The steward queue, most likely first: one item per customer against one other account, the
   * customer's own account and the target's members side by side, with each pair's score and reasons.
   */
  queue: stewardProcedure.input(queueInput).query(async ({ ctx, input }) => {
    const limit = input?.limit ?? 25;
    const filter: QueueFilter = { region: input?.region, script: input?.script, minScore: input?.minScore, maxScore: input?.maxScore };
    const { items, pending } = await stewardQueuePage(ctx.db, filter, { limit, after: decodeQueueCursor(input?.cursor) });
    const page = items.slice(0, limit);
    const cards = await customerCards(ctx.db, page.flatMap((item) => [item.customerKey, ...item.pairs.map((pair) => pair.memberKey)]));
    const accounts = await accountSummaries(ctx.db, page.flatMap((item) => [item.customerCode, item.accountCode]));
    const last = page.at(-1);
    return {
      pending,
      items: page.map((item) => ({
        itemId: `${item.customerKey}|${item.accountCode}`,
        score: item.score,
        reasons: item.pairs[0]?.reasons ?? [],
        explanation: item.pairs[0]?.explanation ?? [],
        candidateIds: item.pairs.map((pair) => pair.candidateId),
        customer: side(cards.get(item.customerKey), item.customerKey),
        customerAccount: accounts.get(item.customerCode) ?? { globalCode: item.customerCode, name: item.customerCode, members: 0 },
        account: accounts.get(item.accountCode) ?? { globalCode: item.accountCode, name: item.accountCode, members: 0 },
        members: item.pairs.map((pair) => ({ candidateId: pair.candidateId, score: pair.score, reasons: pair.reasons, explanation: pair.explanation, customer: side(cards.get(pair.memberKey), pair.memberKey) })),
      })),
      nextCursor: items.length > limit && last ? encodeQueueCursor([last.score, last.customerKey, last.accountCode]) : null,
    };
  }),

  /** One candidate pair (kept for callers of the first release; the screen decides whole items). */
  decide: stewardProcedure
    .input(z.strictObject({ candidateId: rowId, decision: decisionInput }))
    .mutation(({ ctx, input }) => asStewardOutcome(() => ctx.services.decide(input.candidateId, input.decision, ctx.identity.login))),

  /** One queue item: the customer against every member of the account it was proposed for, in one decision. */
  decideItem: stewardProcedure
    .input(z.strictObject({ customerKey: customerKeyInput, globalCode: globalCodeInput, decision: decisionInput, reason: reasonInput.optional() }))
    .mutation(({ ctx, input }) =>
      asStewardOutcome(async () => {
        const items = (await stewardQueueItemsOf(ctx.db, { globalCode: input.globalCode })).filter(
          (item) => item.customerKey === input.customerKey && item.accountCode === input.globalCode,
        );
        if (items.length === 0) throw new StewardError('NOT_FOUND', messageKeys.candidateNotFound);
        const batch = await recordQueueDecisions(ctx.db, items.flatMap((item) => item.pairs.map((pair) => pair.candidateId)), input.decision, ctx.identity.login, input.reason);
        return completeQueueDecision(ctx.db, batch, (await ctx.services.reconcileNow()) as ReconcileSummary, ctx.identity.login);
      }),
    ),

  /** Bulk: every pending item for or of one account, decided the same way, undone together. */
  decideAccount: stewardProcedure
    .input(z.strictObject({ globalCode: globalCodeInput, decision: decisionInput, reason: reasonInput.optional() }))
    .mutation(({ ctx, input }) =>
      asStewardOutcome(async () => {
        const items = await stewardQueueItemsOf(ctx.db, { globalCode: input.globalCode });
        if (items.length === 0) throw new StewardError('NOT_FOUND', messageKeys.candidateNotFound);
        const batch = await recordQueueDecisions(ctx.db, items.flatMap((item) => item.pairs.map((pair) => pair.candidateId)), input.decision, ctx.identity.login, input.reason);
        const result = await completeQueueDecision(ctx.db, batch, (await ctx.services.reconcileNow()) as ReconcileSummary, ctx.identity.login);
        return { ...result, items: items.length };
      }),
    ),

  /** Undoes a queue decision with every pair decided in it. */
  undo: stewardProcedure
    .input(z.strictObject({ decisionId: rowId }))
    .mutation(({ ctx, input }) => asStewardOutcome(() => ctx.services.undo(input.decisionId, ctx.identity.login))),

  /** Customers (any region, any script) and global accounts to link by hand. */
  search: stewardProcedure.input(z.strictObject({ query: requiredText(200) })).query(async ({ ctx, input }) => {
    const customers = await searchCustomersToLink(ctx.db, input.query, 20);
    const accounts = await accountSummaries(ctx.db, customers.map((customer) => customer.globalCode ?? '').filter(Boolean));
    const { items } = await listAccounts(ctx.db, { query: input.query, offset: 0, limit: 20 });
    return {
      customers: customers.map((customer) => ({ ...customer, account: customer.globalCode ? (accounts.get(customer.globalCode) ?? null) : null })),
      accounts: items.map((item) => ({ globalCode: item.globalCode, name: item.name, members: item.members, regions: item.regions })),
    };
  }),

  /** Links a customer, or a whole account, to an account by hand, with a reason; undo with `undoLink`. */
  link: stewardProcedure
    .input(
      z.strictObject({
        customerKey: customerKeyInput.optional(),
        fromGlobalCode: globalCodeInput.optional(),
        globalCode: globalCodeInput,
        reason: reasonInput,
      }),
    )
    .mutation(({ ctx, input }) =>
      asStewardOutcome(async () => {
        if (Boolean(input.customerKey) === Boolean(input.fromGlobalCode)) throw fieldError('customerKey', messageKeys.required);
        const subject = input.customerKey ? { customerKey: input.customerKey } : { globalCode: input.fromGlobalCode! };
        const decision = await recordHandLink(ctx.db, subject, input.globalCode, input.reason, ctx.identity.login);
        if (decision.linkId) await ctx.services.reconcileNow();
        return completeHandDecision(ctx.db, decision, ctx.identity.login);
      }),
    ),

  /** Splits one member out of its account by hand, with a reason. */
  split: stewardProcedure.input(z.strictObject({ customerKey: customerKeyInput, reason: reasonInput })).mutation(({ ctx, input }) =>
    asStewardOutcome(async () => {
      const decision = await recordHandSplit(ctx.db, input.customerKey, input.reason, ctx.identity.login);
      if (decision.linkId) await ctx.services.reconcileNow();
      return completeHandDecision(ctx.db, decision, ctx.identity.login);
    }),
  ),

  undoLink: stewardProcedure.input(z.strictObject({ linkId: rowId })).mutation(({ ctx, input }) =>
    asStewardOutcome(async () => {
      const undone = await recordHandUndo(ctx.db, input.linkId, ctx.identity.login);
      await ctx.services.reconcileNow();
      return undone;
    }),
  ),

  /** Why each member is in the account: how it was linked, its score and the matcher's evidence (the account page's "why"). */
  evidence: globalViewProcedure.input(z.strictObject({ globalCode: globalCodeInput })).query(async ({ ctx, input }) => {
    const code = await resolveGlobalCode(ctx.db, input.globalCode);
    const cards = code ? await customerCards(ctx.db, await memberKeysOf(ctx.db, code)) : new Map<string, CustomerCard>();
    return [...cards.values()].map((card) => ({
      key: card.key,
      region: card.region,
      customerId: card.customerId,
      method: card.linkMethod,
      score: card.linkScore,
      reasons: card.linkReasons ?? [],
      explanation: card.linkExplanation ?? [],
    }));
  }),

  /** Re-runs reconciliation now (it also runs by itself as region data arrives). */
  run: adminProcedure.mutation(({ ctx }) => ctx.services.reconcileNow()),
});

