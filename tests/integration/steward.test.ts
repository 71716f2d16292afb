import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { eventually, hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';
import { failureOf } from '../support/regionNode.ts';

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation('steward', ['gb', 'hk', 'cn']);
});
afterAll(() => federation?.close());

const staffOf = (code: string) => federation.regions.get(code)!.as({ login: `${code}.staff`, groups: `crm-staff,crm-region-${code}` });
const steward = () => federation.hqAs(hqUsers.steward);

async function settle() {
  await federation.hq.runtime.syncNow();
  await federation.hq.runtime.settled();
}

async function linkOf(region: string, customerId: string) {
  const queue = await federation.hqDatabase.db.query.accountLinks.findFirst({
    where: (link, { and, eq }) => and(eq(link.region, region), eq(link.customerId, customerId)),
  });
  return queue?.globalCode;
}

describe('the steward queue', () => {
  let gbId: string;
  let hkId: string;
  let candidateId: number;

  beforeAll(async () => {
    gbId = (await staffOf('gb').customers.create.mutate(customerInput({ name: 'HSBC', city: 'London' }))).customer.id;
    hkId = (
      await staffOf('hk').customers.create.mutate(
        customerInput({ name: '香港上海滙豐銀行有限公司', nameLatin: 'The Hongkong and Shanghai Banking Corporation Limited' }),
      )
    ).customer.id;
    await settle();
  });

  it('proposes an uncertain pair side by side, with identifiers, score and reasons, and does not link it', async () => {
    type Item = Awaited<ReturnType<ReturnType<typeof steward>['reconcile']['queue']['query']>>['items'][number];
    const keysOf = (item: Item) => [item.customer.key, ...item.members.map((member) => member.customer.key)].sort().join();
    // Replication is asynchronous: wait until HQ holds both customers and has proposed them.
    const pair = await eventually(async () => {
      const found = (await steward().reconcile.queue.query()).items.find((item) => keysOf(item) === [`gb:${gbId}`, `hk:${hkId}`].sort().join());
      expect(found).toBeDefined();
      return found!;
    });
    expect(pair!.score).toBeGreaterThanOrEqual(0.6);
    expect(pair!.score).toBeLessThan(0.9);
    expect(pair!.reasons.length).toBeGreaterThan(0);
    expect([pair!.customer, ...pair!.members.map((member) => member.customer)].map((side) => ('name' in side ? side.name : null)).sort()).toEqual(['HSBC', '香港上海滙豐銀行有限公司']);
    // Each side says which account it already belongs to.
    expect([pair!.customerAccount.globalCode, pair!.account.globalCode].sort()).toEqual([await linkOf('gb', gbId), await linkOf('hk', hkId)].sort());
    expect(await linkOf('gb', gbId)).not.toBe(await linkOf('hk', hkId));
    candidateId = pair!.candidateIds[0]!;
  });

  it('never proposes a kept-apart pair again, however often reconciliation runs, until undone', async () => {
    const decision = (await steward().reconcile.decide.mutate({ candidateId, decision: 'keep_apart' })) as { decisionId: number };
    await federation.hqAs(hqUsers.admin).reconcile.run.mutate();
    await settle();
    const queued = (await steward().reconcile.queue.query({ limit: 100 })).items.flatMap((item) => item.candidateIds);
    expect(queued).not.toContain(candidateId);
    expect((await failureOf(steward().reconcile.decide.mutate({ candidateId, decision: 'merge' }))).data.code).toBe('CONFLICT');

    await steward().reconcile.undo.mutate({ decisionId: decision.decisionId });
    const afterUndo = (await steward().reconcile.queue.query({ limit: 100 })).items.flatMap((item) => item.candidateIds);
    expect(afterUndo).toContain(candidateId);
    expect((await failureOf(steward().reconcile.undo.mutate({ decisionId: decision.decisionId }))).data.code).toBe('CONFLICT');
  });

  it('merges into one stable global code, learns the names, and links the next "汇丰银行" without a steward', async () => {
    const gbCodeBefore = await linkOf('gb', gbId);
    const hkCodeBefore = await linkOf('hk', hkId);
    const result = (await steward().reconcile.decide.mutate({ candidateId, decision: 'merge' })) as { decisionId: number; globalCode: string; aliasesLearned: number };
    expect(result.aliasesLearned).toBeGreaterThan(0);
    const merged = await linkOf('gb', gbId);
    expect(await linkOf('hk', hkId)).toBe(merged);
    expect([gbCodeBefore, hkCodeBefore]).toContain(merged);

    // The losing code still opens the account (redirect), so old links keep working.
    const loser = [gbCodeBefore, hkCodeBefore].find((code) => code !== merged)!;
    const viaOldCode = await steward().accounts.get.query({ globalCode: loser });
    expect(viaOldCode.globalCode).toBe(merged);
    expect(viaOldCode.redirectedFrom).toBe(loser);

    const cnId = (await staffOf('cn').customers.create.mutate(customerInput({ name: '汇丰银行', city: '上海' }))).customer.id;
    await settle();
    await eventually(async () => expect(await linkOf('cn', cnId)).toBe(merged));

    // Undo splits them again: the pair returns to the queue and the original codes come back.
    await steward().reconcile.undo.mutate({ decisionId: result.decisionId });
    await settle();
    expect(await linkOf('gb', gbId)).toBe(gbCodeBefore);
    expect(await linkOf('hk', hkId)).toBe(hkCodeBefore);
    expect((await steward().reconcile.queue.query({ limit: 100 })).items.flatMap((item) => item.candidateIds)).toContain(candidateId);
  });

  it('decides a whole queue item, or every candidate of an account, in one step, undone together', async () => {
    const find = async () => (await steward().reconcile.queue.query({ limit: 200 })).items.find((item) => item.candidateIds.includes(candidateId));
    const item = (await find())!;
    expect(item).toBeDefined();
    const kept = await steward().reconcile.decideItem.mutate({ customerKey: item.customer.key, globalCode: item.account.globalCode, decision: 'keep_apart', reason: 'different legal entities' });
    expect(kept.pairs).toBe(item.candidateIds.length);
    expect(await find()).toBeUndefined();
    await steward().reconcile.undo.mutate({ decisionId: kept.decisionId });
    const again = (await find())!;
    expect(again.itemId).toBe(item.itemId);

    const merged = await steward().reconcile.decideAccount.mutate({ globalCode: again.account.globalCode, decision: 'merge' });
    expect(merged.items).toBeGreaterThanOrEqual(1);
    expect(await linkOf('gb', gbId)).toBe(await linkOf('hk', hkId));
    await steward().reconcile.undo.mutate({ decisionId: merged.decisionId });
    expect(await linkOf('gb', gbId)).not.toBe(await linkOf('hk', hkId));
    expect((await failureOf(steward().reconcile.decideItem.mutate({ customerKey: item.customer.key, globalCode: 'G-999999', decision: 'merge' }))).data.code).toBe('NOT_FOUND');
  });

  it('keeps decisions to HQ stewards', async () => {
    expect((await failureOf(federation.hqAs(hqUsers.lead).reconcile.decide.mutate({ candidateId, decision: 'merge' }))).data.code).toBe('FORBIDDEN');
    expect((await failureOf(steward().reconcile.decide.mutate({ candidateId: 999_999, decision: 'merge' }))).data.code).toBe('NOT_FOUND');
  });
});
