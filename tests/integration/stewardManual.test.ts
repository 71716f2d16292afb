import { accountAliases, hqAuditLog, verifyHqAuditChain } from '@meridian/hq-db';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { accountCodeOf, eventually, hqUsers, linkedAccountCode, regionStaff, settleFederation, startTestFederation, type TestFederation } from '../support/federation.ts';
import { failureOf } from '../support/regionNode.ts';

// Links and splits a steward makes by hand, for pairs the matcher would never propose (no shared
// word, identifier or script): audited in HQ's hash chain, undoable, and with stable global codes.
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation('steward-manual', ['gb', 'hk', 'ae']);
});
afterAll(() => federation?.close());

const staffOf = (code: string) => regionStaff(federation, code);
const steward = () => federation.hqAs(hqUsers.steward);
const settle = () => settleFederation(federation);
const codeOf = (region: string, customerId: string) => accountCodeOf(federation, region, customerId);
const linkedCode = (region: string, customerId: string) => linkedAccountCode(federation, region, customerId);

const codeNumber = (code: string) => Number(code.replace(/\D/g, ''));

async function lastAudit(action: string) {
  const [row] = await federation.hqDatabase.db.select().from(hqAuditLog).where(eq(hqAuditLog.action, action)).orderBy(desc(hqAuditLog.id)).limit(1);
  return row;
}

describe('linking and splitting by hand', () => {
  let gbId: string;
  let hkId: string;
  let gbCode: string;
  let hkCode: string;

  beforeAll(async () => {
    gbId = (await staffOf('gb').customers.create.mutate(customerInput({ name: 'Northwind Traders Ltd', city: 'London' }))).customer.id;
    await settle();
    hkId = (await staffOf('hk').customers.create.mutate(customerInput({ name: '藍海物流有限公司', city: '香港' }))).customer.id;
    await settle();
    gbCode = await linkedCode('gb', gbId);
    hkCode = await linkedCode('hk', hkId);
    expect(gbCode).not.toBe(hkCode);
  });

  it('finds a customer typed in Traditional Chinese by a Simplified search, with the account it belongs to', async () => {
    const found = await steward().reconcile.search.query({ query: '蓝海物流' });
    expect(found.customers.map((customer) => customer.key)).toContain(`hk:${hkId}`);
    expect(found.customers.find((customer) => customer.key === `hk:${hkId}`)?.account?.globalCode).toBe(hkCode);
  });

  it('links a customer to an account with a reason: the older code survives, the other redirects, the chain records who and why', async () => {
    const result = await steward().reconcile.link.mutate({ customerKey: `hk:${hkId}`, globalCode: gbCode, reason: 'Same group: Northwind HK trades as 藍海物流' });
    expect(result.linkId).toBeGreaterThan(0);
    expect(result.globalCode).toBe(gbCode);
    expect(await codeOf('hk', hkId)).toBe(gbCode);
    expect(await codeOf('gb', gbId)).toBe(gbCode);
    expect(codeNumber(gbCode)).toBeLessThan(codeNumber(hkCode));
    const viaOldCode = await steward().accounts.get.query({ globalCode: hkCode });
    expect(viaOldCode).toMatchObject({ globalCode: gbCode, redirectedFrom: hkCode });
    expect(viaOldCode.members.find((member) => member.customerId === hkId)?.linkMethod).toBe('steward');

    const audit = await lastAudit('reconcile.link');
    expect(audit).toMatchObject({ actor: hqUsers.steward.login, subject: `steward_link:${result.linkId}` });
    expect(audit!.detail).toMatchObject({ subject: `hk:${hkId}`, from: hkCode, to: gbCode, reason: 'Same group: Northwind HK trades as 藍海物流' });
    expect((await verifyHqAuditChain(federation.hqDatabase.db)).ok).toBe(true);

    // The link teaches the account's names, as a merge from the queue does.
    expect(result.aliasesLearned).toBeGreaterThan(0);
    const learned = await federation.hqDatabase.db.select().from(accountAliases).where(eq(accountAliases.linkId, result.linkId!));
    expect(learned.map((alias) => alias.alias)).toContain('藍海物流有限公司');

    // Undo: each side gets back the code its founder brought, the learned names are forgotten.
    await steward().reconcile.undoLink.mutate({ linkId: result.linkId! });
    expect(await codeOf('hk', hkId)).toBe(hkCode);
    expect(await codeOf('gb', gbId)).toBe(gbCode);
    expect(await federation.hqDatabase.db.select().from(accountAliases).where(eq(accountAliases.linkId, result.linkId!))).toEqual([]);
    expect(await lastAudit('reconcile.undo_link')).toMatchObject({ actor: hqUsers.steward.login, subject: `steward_link:${result.linkId}` });
    expect((await failureOf(steward().reconcile.undoLink.mutate({ linkId: result.linkId! }))).data).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.decision_already_undone' });
  });

  it('splits a member out of its account: it gets back its founder code, the account keeps its own; undo rejoins them', async () => {
    const link = await steward().reconcile.link.mutate({ customerKey: `hk:${hkId}`, globalCode: gbCode, reason: 'Same group' });
    expect(await codeOf('hk', hkId)).toBe(gbCode);
    const split = await steward().reconcile.split.mutate({ customerKey: `hk:${hkId}`, reason: 'Management buy-out in 2025: no longer part of the group' });
    expect(split.linkId).toBeGreaterThan(link.linkId!);
    expect(split.globalCode).toBe(hkCode);
    expect(await codeOf('hk', hkId)).toBe(hkCode);
    expect(await codeOf('gb', gbId)).toBe(gbCode);
    expect((await lastAudit('reconcile.split'))!.detail).toMatchObject({ subject: `hk:${hkId}`, from: gbCode, reason: 'Management buy-out in 2025: no longer part of the group' });
    // The account forgets the name it had learned from the member split out, so the next 藍海物流 is not pulled back in.
    const aliasesOf = async () => (await federation.hqDatabase.db.select().from(accountAliases).where(eq(accountAliases.globalCode, gbCode))).map((alias) => alias.alias);
    expect(await aliasesOf()).not.toContain('藍海物流有限公司');
    expect(await aliasesOf()).toContain('Northwind Traders Ltd');

    // However often reconciliation runs, the split holds.
    await federation.hqAs(hqUsers.admin).reconcile.run.mutate();
    expect(await codeOf('hk', hkId)).toBe(hkCode);

    // Undoing the split brings back the link it superseded, and the name it had made the account forget.
    await steward().reconcile.undoLink.mutate({ linkId: split.linkId! });
    expect(await codeOf('hk', hkId)).toBe(gbCode);
    expect(await aliasesOf()).toContain('藍海物流有限公司');
    await steward().reconcile.undoLink.mutate({ linkId: link.linkId! });
    expect(await codeOf('hk', hkId)).toBe(hkCode);
    expect((await verifyHqAuditChain(federation.hqDatabase.db)).ok).toBe(true);
  });

  it('links a whole account (found in Arabic) into another, keeping the older code', async () => {
    const aeId = (await staffOf('ae').customers.create.mutate(customerInput({ name: 'شركة النسيم الذهبي', city: 'دبي' }))).customer.id;
    await settle();
    await eventually(async () => {
      const found = await steward().reconcile.search.query({ query: 'النسيم' });
      expect(found.customers.map((customer) => customer.key)).toContain(`ae:${aeId}`);
    });
    const aeCode = await linkedCode('ae', aeId);
    const result = await steward().reconcile.link.mutate({ fromGlobalCode: aeCode, globalCode: gbCode, reason: 'Gulf franchise of Northwind' });
    expect(result.globalCode).toBe(gbCode);
    expect(await codeOf('ae', aeId)).toBe(gbCode);
    // Linking what is already there changes nothing and records nothing.
    const again = await steward().reconcile.link.mutate({ customerKey: `ae:${aeId}`, globalCode: gbCode, reason: 'again' });
    expect(again.linkId).toBeNull();
    await steward().reconcile.undoLink.mutate({ linkId: result.linkId! });
    expect(await codeOf('ae', aeId)).toBe(aeCode);
  });

  it('says what is wrong: unknown customer or account, both or neither subject, an empty reason', async () => {
    const unknownCustomer = await failureOf(steward().reconcile.link.mutate({ customerKey: 'gb:00000000-0000-4000-8000-000000000000', globalCode: gbCode, reason: 'x' }));
    expect(unknownCustomer.data).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.customer_not_found' });
    const unknownAccount = await failureOf(steward().reconcile.link.mutate({ customerKey: `gb:${gbId}`, globalCode: 'G-999999', reason: 'x' }));
    expect(unknownAccount.data).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.account_not_found' });
    expect((await failureOf(steward().reconcile.link.mutate({ globalCode: gbCode, reason: 'x' }))).data.code).toBe('BAD_REQUEST');
    expect((await failureOf(steward().reconcile.link.mutate({ customerKey: `hk:${hkId}`, globalCode: gbCode, reason: '   ' }))).data.code).toBe('BAD_REQUEST');
    expect((await failureOf(steward().reconcile.split.mutate({ customerKey: 'not a key', reason: 'x' }))).data.code).toBe('BAD_REQUEST');
    expect((await failureOf(steward().reconcile.undoLink.mutate({ linkId: 987_654 }))).data).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.decision_not_found' });
  });

  it('refuses a queue page over 200 items and a forged cursor, like every list', async () => {
    expect((await failureOf(steward().reconcile.queue.query({ limit: 201 }))).data.code).toBe('BAD_REQUEST');
    expect(await steward().reconcile.queue.query({ limit: 200 })).toMatchObject({ pending: expect.any(Number) });
    expect((await failureOf(steward().reconcile.queue.query({ cursor: 'bm90IGEgY3Vyc29y' }))).data).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'errors.invalid_cursor' });
  });

});
