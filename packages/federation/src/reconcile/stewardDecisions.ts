import {
  accountLinks,
  candidateById,
  decisionById,
  hqAuditLog,
  matchCandidates,
  nameAliases,
  regionCustomers,
  splitCustomerKey,
  stewardDecisions,
  type HqDatabase,
} from '@meridian/hq-db';
import { messageKeys } from '@meridian/domain';
import { aliasKeysOf } from '@meridian/matching';
import { and, eq, isNull } from 'drizzle-orm';
import { matchable, reconcileCustomers, type ReconcileSummary } from './reconcileCustomers.ts';

/** A steward action that cannot be done as asked; `code` maps onto the tRPC error code. */
export class StewardError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT',
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
}

export interface DecisionResult {
  decisionId: number;
  decision: 'merge' | 'keep_apart';
  globalCode: string | null;
  aliasesLearned: number;
  reconcile: ReconcileSummary;
}

async function globalCodeOf(db: HqDatabase, key: string): Promise<string | null> {
  const { region, customerId } = splitCustomerKey(key);
  const [link] = await db
    .select({ globalCode: accountLinks.globalCode })
    .from(accountLinks)
    .where(and(eq(accountLinks.region, region), eq(accountLinks.customerId, customerId)));
  return link?.globalCode ?? null;
}

/**
 * A merge teaches every name of the merged account as an alias of it, so the next "滙豐" or "汇丰"
 * typed in any region joins without a steward; a keep-apart is never proposed again.
 */
export async function decideCandidate(db: HqDatabase, candidateId: number, decision: 'merge' | 'keep_apart', actor: string): Promise<DecisionResult> {
  const decisionId = await db.transaction(async (tx) => {
    const candidate = await candidateById(tx, candidateId);
    if (!candidate) throw new StewardError('NOT_FOUND', messageKeys.candidateNotFound);
    if (candidate.status !== 'pending') throw new StewardError('CONFLICT', messageKeys.candidateAlreadyDecided);
    await tx
      .update(matchCandidates)
      .set({ status: decision === 'merge' ? 'merged' : 'kept_apart', updatedAt: new Date() })
      .where(eq(matchCandidates.id, candidateId));
    const [row] = await tx.insert(stewardDecisions).values({ candidateId, decision, decidedBy: actor, effect: {} }).returning();
    await tx.insert(hqAuditLog).values({ actor, action: `reconcile.${decision}`, subject: `candidate:${candidateId}`, detail: { aKey: candidate.aKey, bKey: candidate.bKey, score: candidate.score } });
    return row!.id;
  });
  const reconcile = await reconcileCustomers(db);
  const candidate = (await candidateById(db, candidateId))!;
  let globalCode: string | null = null;
  let aliasesLearned = 0;
  if (decision === 'merge') {
    globalCode = await globalCodeOf(db, candidate.aKey);
    if (globalCode) {
      const members = await db
        .select()
        .from(regionCustomers)
        .innerJoin(accountLinks, and(eq(accountLinks.region, regionCustomers.region), eq(accountLinks.customerId, regionCustomers.id)))
        .where(and(eq(accountLinks.globalCode, globalCode), isNull(regionCustomers.deletedAt)));
      const keys = new Set(members.flatMap(({ region_customers: member }) => aliasKeysOf(matchable(member))));
      if (keys.size > 0) {
        const inserted = await db
          .insert(nameAliases)
          .values([...keys].map((aliasKey) => ({ aliasKey, globalCode: globalCode!, decisionId })))
          .onConflictDoNothing()
          .returning();
        aliasesLearned = inserted.length;
      }
    }
  }
  await db.update(stewardDecisions).set({ effect: { globalCode, aliasesLearned } }).where(eq(stewardDecisions.id, decisionId));
  return { decisionId, decision, globalCode, aliasesLearned, reconcile };
}

/** Undoes a decision: the pair returns to the queue, aliases it taught are forgotten, accounts re-form. */
export async function undoDecision(db: HqDatabase, decisionId: number, actor: string): Promise<{ decisionId: number; reconcile: ReconcileSummary }> {
  await db.transaction(async (tx) => {
    const decision = await decisionById(tx, decisionId);
    if (!decision) throw new StewardError('NOT_FOUND', messageKeys.decisionNotFound);
    if (decision.undoneAt) throw new StewardError('CONFLICT', messageKeys.decisionAlreadyUndone);
    await tx.update(stewardDecisions).set({ undoneAt: new Date(), undoneBy: actor }).where(eq(stewardDecisions.id, decisionId));
    await tx.update(matchCandidates).set({ status: 'pending', updatedAt: new Date() }).where(eq(matchCandidates.id, decision.candidateId));
    await tx.delete(nameAliases).where(eq(nameAliases.decisionId, decisionId));
    await tx.insert(hqAuditLog).values({ actor, action: 'reconcile.undo', subject: `decision:${decisionId}`, detail: { candidateId: decision.candidateId, decision: decision.decision } });
  });
  return { decisionId, reconcile: await reconcileCustomers(db) };
}


