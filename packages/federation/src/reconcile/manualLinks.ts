import {
  accountAliases,
  addAccountAlias,
  resolveGlobalCode,
  lockReconciliation,
  matchCandidates,
  memberKeysOf,
  recordHqAudit,
  regionCustomers,
  removeAccountAlias,
  removeLearnedAliases,
  splitCustomerKey,
  stewardLinkById,
  stewardLinks,
  type HqDatabase,
  type HqExecutor,
} from '@meridian/hq-db';
import { messageKeys } from '@meridian/domain';
import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { keysOfAlias, learnAccountAliases } from './learnAliases.ts';
import { globalCodeOf, StewardError } from './stewardDecisions.ts';

/** What a steward links by hand: one customer (any region), or a whole global account. */
export type LinkSubject = { customerKey: string } | { globalCode: string };

export interface HandDecision {
  /** null when nothing needed doing (already in that account, or alone in its own). */
  linkId: number | null;
  kind: 'link' | 'split';
  /** The subject's account before the decision. */
  fromCode: string | null;
}


async function liveCustomer(db: HqExecutor, key: string): Promise<boolean> {
  const { region, customerId } = splitCustomerKey(key);
  if (!/^[0-9a-f-]{36}$/i.test(customerId)) return false;
  const [row] = await db
    .select({ id: regionCustomers.id })
    .from(regionCustomers)
    .where(and(eq(regionCustomers.region, region), eq(regionCustomers.id, customerId), isNull(regionCustomers.deletedAt)));
  return Boolean(row);
}

type RemovedAlias = { alias: string; script: string; addedBy: string; decisionId: number | null; linkId: number | null };

/** Removes the learned aliases of an account that are this customer's own names; returns them so undo can restore them. */
async function forgetLearnedNamesOf(tx: HqExecutor, key: string, globalCode: string): Promise<RemovedAlias[]> {
  const { region, customerId } = splitCustomerKey(key);
  const [customer] = await tx
    .select({ name: regionCustomers.name, nameLatin: regionCustomers.nameLatin, nameLatinSource: regionCustomers.nameLatinSource })
    .from(regionCustomers)
    .where(and(eq(regionCustomers.region, region), eq(regionCustomers.id, customerId)));
  const names = [customer?.name, customer?.nameLatinSource === 'typed' ? customer.nameLatin : null].filter((name): name is string => Boolean(name));
  if (names.length === 0) return [];
  const learned = await tx
    .select()
    .from(accountAliases)
    .where(and(eq(accountAliases.globalCode, globalCode), eq(accountAliases.source, 'learned'), inArray(accountAliases.alias, names)));
  for (const alias of learned) await removeAccountAlias(tx, alias.id);
  return learned.map((alias) => ({ alias: alias.alias, script: alias.script, addedBy: alias.addedBy, decisionId: alias.decisionId, linkId: alias.linkId }));
}

/** Earlier hand decisions on these subjects give way to the new one (and come back if it is undone). */
async function supersede(tx: HqExecutor, subjects: string[], by: number): Promise<number[]> {
  const rows = await tx
    .update(stewardLinks)
    .set({ supersededBy: by })
    .where(and(inArray(stewardLinks.subject, subjects), isNull(stewardLinks.undoneAt), isNull(stewardLinks.supersededBy), ne(stewardLinks.id, by)))
    .returning({ id: stewardLinks.id });
  return rows.map((row) => row.id);
}

/**
 * Links a customer, or every member of an account, to another account: must-link pairs from each to
 * one anchor member of the target, so reconciliation keeps them together whatever the scores say.
 * Queue keep-aparts between them are set aside (and restored by undo): the later, explicit word wins.
 */
export async function recordHandLink(db: HqDatabase, subject: LinkSubject, targetCode: string, reason: string, actor: string): Promise<HandDecision> {
  return db.transaction(async (tx) => {
    await lockReconciliation(tx);
    const target = await resolveGlobalCode(tx, targetCode);
    const targetMembers = target ? await memberKeysOf(tx, target) : [];
    if (!target || targetMembers.length === 0) throw new StewardError('NOT_FOUND', messageKeys.accountNotFound);
    let subjectKeys: string[];
    let subjectName: string;
    let fromCode: string | null;
    if ('customerKey' in subject) {
      if (!(await liveCustomer(tx, subject.customerKey))) throw new StewardError('NOT_FOUND', messageKeys.customerNotFound);
      subjectKeys = [subject.customerKey];
      subjectName = subject.customerKey;
      fromCode = await globalCodeOf(tx, subject.customerKey);
    } else {
      fromCode = await resolveGlobalCode(tx, subject.globalCode);
      subjectKeys = fromCode ? await memberKeysOf(tx, fromCode) : [];
      if (!fromCode || subjectKeys.length === 0) throw new StewardError('NOT_FOUND', messageKeys.accountNotFound);
      subjectName = `account:${fromCode}`;
    }
    if (fromCode === target) return { linkId: null, kind: 'link', fromCode };

    const anchor = targetMembers[0]!;
    const pairs = [...new Set([...subjectKeys, ...targetMembers])].filter((key) => key !== anchor).map((key) => [key, anchor] as [string, string]);
    const inTarget = new Set(targetMembers);
    const keptApart = await tx
      .select({ id: matchCandidates.id, aKey: matchCandidates.aKey, bKey: matchCandidates.bKey })
      .from(matchCandidates)
      .where(and(eq(matchCandidates.status, 'kept_apart'), or(inArray(matchCandidates.aKey, subjectKeys), inArray(matchCandidates.bKey, subjectKeys))));
    const setAside = keptApart.filter((pair) => inTarget.has(pair.aKey) || inTarget.has(pair.bKey)).map((pair) => pair.id);
    if (setAside.length > 0) await tx.update(matchCandidates).set({ status: 'superseded', updatedAt: new Date() }).where(inArray(matchCandidates.id, setAside));

    const [row] = await tx
      .insert(stewardLinks)
      .values({ kind: 'link', subject: subjectName, globalCode: target, reason, pairs, decidedBy: actor, effect: { fromCode, setAsideCandidates: setAside } })
      .returning();
    const superseded = await supersede(tx, [...new Set([subjectName, ...subjectKeys])], row!.id);
    await tx.update(stewardLinks).set({ effect: { fromCode, setAsideCandidates: setAside, superseded } }).where(eq(stewardLinks.id, row!.id));
    await recordHqAudit(tx, { actor, action: 'reconcile.link', subject: `steward_link:${row!.id}`, detail: { subject: subjectName, from: fromCode, to: target, reason, members: subjectKeys.length } });
    return { linkId: row!.id, kind: 'link', fromCode };
  });
}

/** Splits one member out of its account: kept apart from every other member, whatever linked them. */
export async function recordHandSplit(db: HqDatabase, key: string, reason: string, actor: string): Promise<HandDecision> {
  return db.transaction(async (tx) => {
    await lockReconciliation(tx);
    if (!(await liveCustomer(tx, key))) throw new StewardError('NOT_FOUND', messageKeys.customerNotFound);
    const fromCode = await globalCodeOf(tx, key);
    const others = fromCode ? (await memberKeysOf(tx, fromCode)).filter((member) => member !== key) : [];
    if (!fromCode || others.length === 0) return { linkId: null, kind: 'split', fromCode };
    const pairs = others.map((other) => [key, other] as [string, string]);
    const [row] = await tx.insert(stewardLinks).values({ kind: 'split', subject: key, globalCode: fromCode, reason, pairs, decidedBy: actor, effect: { fromCode } }).returning();
    const superseded = await supersede(tx, [key], row!.id);
    // The names a merge learned from this member would pull the next customer of that name back in.
    const removedAliases = await forgetLearnedNamesOf(tx, key, fromCode);
    await tx.update(stewardLinks).set({ effect: { fromCode, superseded, removedAliases } }).where(eq(stewardLinks.id, row!.id));
    await recordHqAudit(tx, { actor, action: 'reconcile.split', subject: `steward_link:${row!.id}`, detail: { subject: key, from: fromCode, reason, others: others.length } });
    return { linkId: row!.id, kind: 'split', fromCode };
  });
}

export interface HandOutcome {
  linkId: number | null;
  kind: 'link' | 'split';
  fromCode: string | null;
  /** The subject's account after reconciliation (for an account subject, its first member's). */
  globalCode: string | null;
  aliasesLearned: number;
}

/** After reconciliation: where the subject ended up; a link teaches the account's names like a merge. */
export async function completeHandDecision(db: HqDatabase, decision: HandDecision, actor: string): Promise<HandOutcome> {
  if (!decision.linkId) return { ...decision, globalCode: decision.fromCode, aliasesLearned: 0 };
  const row = (await stewardLinkById(db, decision.linkId))!;
  const probe = row.kind === 'link' ? row.pairs[0]![0] : row.subject;
  const globalCode = await globalCodeOf(db, probe);
  const aliasesLearned = row.kind === 'link' && globalCode ? await learnAccountAliases(db, globalCode, { linkId: row.id }, actor) : 0;
  await db.update(stewardLinks).set({ effect: { ...row.effect, globalCode, aliasesLearned } }).where(eq(stewardLinks.id, row.id));
  return { ...decision, globalCode, aliasesLearned };
}

/** Undoes a hand link or split: what it superseded or set aside is back in force, what it taught is forgotten. */
export async function recordHandUndo(db: HqDatabase, linkId: number, actor: string): Promise<{ linkId: number; kind: 'link' | 'split' }> {
  return db.transaction(async (tx) => {
    await lockReconciliation(tx);
    const row = await stewardLinkById(tx, linkId);
    if (!row) throw new StewardError('NOT_FOUND', messageKeys.decisionNotFound);
    if (row.undoneAt) throw new StewardError('CONFLICT', messageKeys.decisionAlreadyUndone);
    await tx.update(stewardLinks).set({ undoneAt: new Date(), undoneBy: actor }).where(eq(stewardLinks.id, linkId));
    await tx.update(stewardLinks).set({ supersededBy: null }).where(and(eq(stewardLinks.supersededBy, linkId), isNull(stewardLinks.undoneAt)));
    const setAside = (row.effect.setAsideCandidates as number[] | undefined) ?? [];
    if (setAside.length > 0) {
      await tx
        .update(matchCandidates)
        .set({ status: 'kept_apart', updatedAt: new Date() })
        .where(and(inArray(matchCandidates.id, setAside), inArray(matchCandidates.status, ['superseded', 'pending'])));
    }
    await removeLearnedAliases(tx, { linkId });
    for (const alias of (row.effect.removedAliases as RemovedAlias[] | undefined) ?? []) {
      await addAccountAlias(tx, { ...alias, globalCode: row.globalCode, source: 'learned' }, keysOfAlias(alias.alias));
    }
    await recordHqAudit(tx, { actor, action: 'reconcile.undo_link', subject: `steward_link:${linkId}`, detail: { kind: row.kind, subject: row.subject, account: row.globalCode } });
    return { linkId, kind: row.kind };
  });
}

