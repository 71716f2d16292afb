import {
  accountLinks,
  candidateById,
  decisionById,
  lockReconciliation,
  matchCandidates,
  recordHqAudit,
  removeLearnedAliases,
  splitCustomerKey,
  stewardDecisions,
  type HqDatabase,
  type HqExecutor,
} from '@meridian/hq-db';
import { messageKeys } from '@meridian/domain';
import { and, eq, inArray, or } from 'drizzle-orm';
import { learnAccountAliases } from './learnAliases.ts';
import { reconcileCustomers, type ReconcileSummary } from './reconcileCustomers.ts';

/** A steward action that cannot be done as asked; `code` maps onto the tRPC error code. */
export class StewardError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT',
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
}

export type QueueDecision = 'merge' | 'keep_apart';

export interface DecisionResult {
  decisionId: number;
  decision: QueueDecision;
  /** How many candidate pairs the decision settled (a queue item or a whole account's candidates). */
  pairs: number;
  globalCode: string | null;
  aliasesLearned: number;
  reconcile: ReconcileSummary;
}

export async function globalCodeOf(db: HqExecutor, key: string): Promise<string | null> {
  const { region, customerId } = splitCustomerKey(key);
  const [link] = await db
    .select({ globalCode: accountLinks.globalCode })
    .from(accountLinks)
    .where(and(eq(accountLinks.region, region), eq(accountLinks.customerId, customerId)));
  return link?.globalCode ?? null;
}

/**
 * Records one decision over several pending pairs (one steward action), audited in HQ's hash-chained
 * trail. Returns the batch id, which is the first decision's id and what undo takes.
 */
export async function recordQueueDecisions(
  db: HqDatabase,
  candidateIds: number[],
  decision: QueueDecision,
  actor: string,
  reason?: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    await lockReconciliation(tx);
    const candidates = [];
    for (const id of candidateIds) {
      const candidate = await candidateById(tx, id);
      if (!candidate) throw new StewardError('NOT_FOUND', messageKeys.candidateNotFound);
      if (candidate.status !== 'pending') throw new StewardError('CONFLICT', messageKeys.candidateAlreadyDecided);
      candidates.push(candidate);
    }
    await tx
      .update(matchCandidates)
      .set({ status: decision === 'merge' ? 'merged' : 'kept_apart', updatedAt: new Date() })
      .where(inArray(matchCandidates.id, candidateIds));
    let batchId: number | null = null;
    for (const candidate of candidates) {
      const inserted: Array<{ id: number }> = await tx
        .insert(stewardDecisions)
        .values({ candidateId: candidate.id, decision, decidedBy: actor, effect: {}, batchId, reason: reason ?? null })
        .returning({ id: stewardDecisions.id });
      batchId ??= inserted[0]!.id;
    }
    await tx.update(stewardDecisions).set({ batchId }).where(eq(stewardDecisions.id, batchId!));
    await recordHqAudit(tx, {
      actor,
      action: `reconcile.${decision}`,
      subject: candidates.length === 1 ? `candidate:${candidates[0]!.id}` : `decision:${batchId}`,
      detail: { pairs: candidates.map((candidate) => ({ candidateId: candidate.id, aKey: candidate.aKey, bKey: candidate.bKey, score: candidate.score })), reason: reason ?? null },
    });
    return batchId!;
  });
}

/** After reconciliation has applied a batch: a merge teaches the merged account's names; the effect is kept for the record. */
export async function completeQueueDecision(db: HqDatabase, batchId: number, reconcile: ReconcileSummary, actor: string): Promise<DecisionResult> {
  const rows = await db.select().from(stewardDecisions).where(or(eq(stewardDecisions.id, batchId), eq(stewardDecisions.batchId, batchId)));
  const first = rows.find((row) => row.id === batchId)!;
  const candidate = (await candidateById(db, first.candidateId))!;
  let globalCode: string | null = null;
  let aliasesLearned = 0;
  if (first.decision === 'merge') {
    globalCode = await globalCodeOf(db, candidate.aKey);
    if (globalCode) aliasesLearned = await learnAccountAliases(db, globalCode, { decisionId: batchId }, actor);
  }
  await db.update(stewardDecisions).set({ effect: { globalCode, aliasesLearned } }).where(eq(stewardDecisions.id, batchId));
  return { decisionId: batchId, decision: first.decision, pairs: rows.length, globalCode, aliasesLearned, reconcile };
}

/**
 * A merge teaches every name of the merged account as an alias of it, so the next "滙豐" or "汇丰"
 * typed in any region joins without a steward; a keep-apart is never proposed again.
 */
export async function decideCandidates(db: HqDatabase, candidateIds: number[], decision: QueueDecision, actor: string, reason?: string): Promise<DecisionResult> {
  const batchId = await recordQueueDecisions(db, candidateIds, decision, actor, reason);
  return completeQueueDecision(db, batchId, await reconcileCustomers(db), actor);
}

export function decideCandidate(db: HqDatabase, candidateId: number, decision: QueueDecision, actor: string): Promise<DecisionResult> {
  return decideCandidates(db, [candidateId], decision, actor);
}

/** Undoes a decision and every pair decided with it: the pairs return to the queue, aliases it taught are forgotten, accounts re-form. */
export async function undoDecision(db: HqDatabase, decisionId: number, actor: string): Promise<{ decisionId: number; pairs: number; reconcile: ReconcileSummary }> {
  const pairs = await db.transaction(async (tx) => {
    await lockReconciliation(tx);
    const decision = await decisionById(tx, decisionId);
    if (!decision) throw new StewardError('NOT_FOUND', messageKeys.decisionNotFound);
    if (decision.undoneAt) throw new StewardError('CONFLICT', messageKeys.decisionAlreadyUndone);
    const batchId = decision.batchId ?? decision.id;
    const batch = await tx
      .select()
      .from(stewardDecisions)
      .where(or(eq(stewardDecisions.id, batchId), eq(stewardDecisions.batchId, batchId)));
    const ids = batch.map((row) => row.id);
    await tx.update(stewardDecisions).set({ undoneAt: new Date(), undoneBy: actor }).where(inArray(stewardDecisions.id, ids));
    await tx.update(matchCandidates).set({ status: 'pending', updatedAt: new Date() }).where(inArray(matchCandidates.id, batch.map((row) => row.candidateId)));
    await removeLearnedAliases(tx, { decisionIds: ids });
    await recordHqAudit(tx, {
      actor,
      action: 'reconcile.undo',
      subject: `decision:${batchId}`,
      detail: { candidateIds: batch.map((row) => row.candidateId), decision: decision.decision },
    });
    return batch.length;
  });
  return { decisionId, pairs, reconcile: await reconcileCustomers(db) };
}
