import { selectRows } from '@meridian/db-driver';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';
import { failureOf, type TestUser } from '../support/regionNode.ts';

let federation: TestFederation;
const hkLead: TestUser = { login: 'mei.lee', groups: 'crm-lead,crm-region-hk' };
const gbLead: TestUser = { login: 'james.whitfield', groups: 'crm-lead,crm-region-gb' };
const aeLead: TestUser = { login: 'fatima.alhashimi', groups: 'crm-lead,crm-region-ae' };
const hkStaff: TestUser = { login: 'kaming.wong', groups: 'crm-staff,crm-region-hk' };

beforeAll(async () => {
  federation = await startTestFederation('reviews', ['gb', 'hk']);
  const hk = federation.regions.get('hk')!.as({ login: 'kaming.wong', groups: 'crm-staff,crm-region-hk' });
  const gb = federation.regions.get('gb')!.as({ login: 'james.whitfield', groups: 'crm-staff,crm-region-gb' });
  const hsbcHk = (await hk.customers.create.mutate(customerInput({ name: '香港上海滙豐銀行有限公司', website: 'www.hsbc.com.hk' }))).customer.id;
  await gb.customers.create.mutate(customerInput({ name: 'HSBC Holdings plc', website: 'www.hsbc.com', city: 'London' }));
  // Two timeliness complaints and one billing complaint in Hong Kong in November, one of them still open.
  for (const [typeCode, occurredAt] of [['complaint.timeliness', '2026-11-03T02:00:00Z'], ['complaint.timeliness', '2026-11-10T02:00:00Z'], ['complaint.billing', '2026-11-12T02:00:00Z']] as const) {
    const { record } = await hk.contactRecords.create.mutate(contactRecordInput(hsbcHk, { typeCode, occurredAt }));
    if (typeCode !== 'complaint.billing') await hk.contactRecords.close.mutate({ id: record.id });
  }
  // Outside the period: not on the agenda.
  await hk.contactRecords.create.mutate(contactRecordInput(hsbcHk, { typeCode: 'complaint.quality', occurredAt: '2026-09-01T02:00:00Z' }));
  await federation.hq.runtime.syncNow();
  await federation.hq.runtime.settled();
});
afterAll(() => federation?.close());

const openReview = () =>
  federation.hqAs(hkLead).reviews.open.mutate({
    title: 'Q4 joint review HK/GB',
    periodFrom: '2026-11-01',
    periodTo: '2026-11-30',
    regions: [
      { region: 'hk', lead: 'mei.lee' },
      { region: 'gb', lead: 'james.whitfield' },
    ],
  });

describe('joint reviews', () => {
  it('drafts the agenda from the records of the regions and period under review', async () => {
    const review = await openReview();
    const complaints = review.agenda.find((item) => item.kind === 'complaints')!;
    expect((complaints.detail as { rows: unknown[] }).rows).toEqual([
      { region: 'hk', typeCode: 'complaint.timeliness', complaints: 2, open: 0 },
      { region: 'hk', typeCode: 'complaint.billing', complaints: 1, open: 1 },
    ]);
    const atRisk = review.agenda.find((item) => item.kind === 'at_risk')!;
    expect((atRisk.detail as { rows: Array<{ complaints: number; openComplaints: number }> }).rows[0]).toMatchObject({ complaints: 3, openComplaints: 1 });
    expect(review.status).toBe('open');
  });

  it('takes findings and owned actions from participants, is signed by each lead, then is frozen', async () => {
    const review = await openReview();
    await federation.hqAs(hkLead).reviews.addFinding.mutate({ reviewId: review.id, region: 'hk', text: '工期延誤集中在港島線維修項目' });
    const forOtherRegion = await failureOf(federation.hqAs(hkLead).reviews.addFinding.mutate({ reviewId: review.id, region: 'gb', text: 'not mine' }));
    expect(forOtherRegion.data.code).toBe('FORBIDDEN');
    await federation.hqAs(gbLead).reviews.addFinding.mutate({ reviewId: review.id, region: 'gb', text: '=HYPERLINK("http://evil.example","click")' });
    const action = await federation.hqAs(hkLead).reviews.addAction.mutate({ reviewId: review.id, region: 'hk', title: 'Agree a recovery plan with HSBC facilities', owner: 'kaming.wong', due: '2026-12-15' });

    // The action shows up in its owner's open items.
    const mine = await federation.hqAs(hkStaff).reviews.myActions.query();
    expect(mine.map((entry) => entry.action.id)).toContain(action.id);

    // Staff do not sign; only the lead listed for a region signs for it.
    expect((await failureOf(federation.hqAs(hkStaff).reviews.signOff.mutate({ reviewId: review.id, region: 'hk' }))).data.code).toBe('FORBIDDEN');
    expect((await failureOf(federation.hqAs(hkLead).reviews.signOff.mutate({ reviewId: review.id, region: 'gb' }))).data.code).toBe('FORBIDDEN');
    expect(await federation.hqAs(hkLead).reviews.signOff.mutate({ reviewId: review.id, region: 'hk' })).toEqual({ signed: false, remaining: ['gb'] });
    expect(await federation.hqAs(gbLead).reviews.signOff.mutate({ reviewId: review.id, region: 'gb' })).toEqual({ signed: true, remaining: [] });

    const signed = await federation.hqAs(hqUsers.steward).reviews.get.query({ id: review.id });
    expect(signed.status).toBe('signed');
    const late = await failureOf(federation.hqAs(gbLead).reviews.addFinding.mutate({ reviewId: review.id, region: 'gb', text: 'after the fact' }));
    expect(late.data.code).toBe('PRECONDITION_FAILED');
    expect(late.data.messageKey).toBe('errors.review_signed');
    // Not even raw SQL rewrites a signed review.
    await expect(federation.hqDatabase.db.execute(sql`update review_findings set text = 'rewritten' where review_id = ${review.id}`)).rejects.toThrow();
    await expect(federation.hqDatabase.db.execute(sql`delete from review_actions where review_id = ${review.id}`)).rejects.toThrow();
    const findings = await selectRows<{ text: string }>(federation.hqDatabase.db, sql`select text from review_findings where review_id = ${review.id} order by id`);
    expect(findings.map((row) => row.text)).toEqual(['工期延誤集中在港島線維修項目', '=HYPERLINK("http://evil.example","click")']);

    // The owner still moves the action on after sign-off.
    const done = await federation.hqAs(hkStaff).reviews.setActionStatus.mutate({ actionId: action.id, status: 'done' });
    expect(done.status).toBe('done');

    // The export escapes formulas, so a spreadsheet shows the text instead of running it.
    const { csv } = await federation.hqAs(gbLead).reviews.exportCsv.query({ id: review.id });
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv).toContain('工期延誤集中在港島線維修項目');
  });

  it('shows a review to the leads of its regions and HQ, not to other regions or staff', async () => {
    const review = await openReview();
    await expect(federation.hqAs(gbLead).reviews.get.query({ id: review.id })).resolves.toBeDefined();
    await expect(federation.hqAs(hqUsers.steward).reviews.get.query({ id: review.id })).resolves.toBeDefined();
    expect((await failureOf(federation.hqAs(aeLead).reviews.get.query({ id: review.id }))).data.code).toBe('FORBIDDEN');
    expect((await failureOf(federation.hqAs(hkStaff).reviews.get.query({ id: review.id }))).data.code).toBe('FORBIDDEN');
    expect((await federation.hqAs(aeLead).reviews.list.query()).map((item) => item.id)).not.toContain(review.id);
    expect((await federation.hqAs(gbLead).reviews.list.query()).map((item) => item.id)).toContain(review.id);
  });
});
