import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { failureOf, startTestRegion, users, type TestRegion } from '../support/regionNode.ts';

let region: TestRegion;
let customerId: string;
beforeAll(async () => {
  region = await startTestRegion('contact-records');
  customerId = (await region.as(users.staff).customers.create.mutate(customerInput({ name: '港灣酒店集團' }))).customer.id;
  await region.as(users.staff).projects.create.mutate({
    jobCode: 'HK-2026-0142',
    customerId,
    serviceCategory: 'maintenance_construction',
    country: 'MO',
    city: 'Macau',
    site: 'Cotai plant room',
  });
});
afterAll(() => region?.close());

const staff = () => region.as(users.staff);

describe('recording a contact', () => {
  it('stores time (UTC), place, content, outcome and next step, open, in the region language by default', async () => {
    const { record } = await staff().contactRecords.create.mutate(
      contactRecordInput(customerId, { occurredAt: '2026-11-20T17:30:00+08:00', nextStepDue: '2026-11-27T09:00:00+08:00' }),
    );
    expect(record.status).toBe('open');
    expect(record.occurredAt).toBe('2026-11-20T09:30:00.000Z');
    expect(record.nextStepDue).toBe('2026-11-27T01:00:00.000Z');
    expect(record.language).toBe('zh-HK');
    expect(record.place).toBe('中環辦公室');
    expect(record.serviceLevel).toBeNull();
    expect(record.createdBy).toBe('kaming.wong');
  });

  it('tracks help requests against the agreed service level', async () => {
    const { record } = await staff().contactRecords.create.mutate(
      contactRecordInput(customerId, {
        typeCode: 'help_request.maintenance',
        serviceCategory: 'maintenance_construction',
        priority: 'urgent',
        jobCode: 'HK-2026-0142',
        occurredAt: '2026-11-20T09:00:00.000Z',
      }),
    );
    expect(record.slaResponseDueAt).toBe('2026-11-20T11:00:00.000Z');
    expect(record.slaCompletionDueAt).toBe('2026-11-21T09:00:00.000Z');
    expect(record.serviceLevel).toEqual({ responseBreached: true, completionBreached: true });
    expect(record.jobCode).toBe('HK-2026-0142');
  });

  it('stores a re-sent draft once (same client reference), e.g. after a dropped connection', async () => {
    const input = contactRecordInput(customerId, { clientReference: 'draft-7f3a9c2e-0001' });
    const first = await staff().contactRecords.create.mutate(input);
    const again = await staff().contactRecords.create.mutate(input);
    expect(again.record.id).toBe(first.record.id);
    const all = await staff().contactRecords.list.query({ customerId, limit: 200 });
    expect(all.items.filter((item) => item.id === first.record.id)).toHaveLength(1);
  });

  it('lists by customer, job code, type group and status, newest first', async () => {
    const list = await staff().contactRecords.list.query({ customerId });
    const times = list.items.map((item) => item.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    const helpRequests = await staff().contactRecords.list.query({ typeCode: 'help_request' });
    expect(helpRequests.items.length).toBeGreaterThan(0);
    expect(helpRequests.items.every((item) => item.typeCode.startsWith('help_request.'))).toBe(true);
    const byJob = await staff().contactRecords.list.query({ jobCode: 'hk-2026-0142' });
    expect(byJob.items.every((item) => item.jobCode === 'HK-2026-0142')).toBe(true);
  });
});

describe('closing and amending', () => {
  it('edits an open record, then closes it, after which it can never be edited', async () => {
    const { record } = await staff().contactRecords.create.mutate(contactRecordInput(customerId));
    const { record: edited } = await staff().contactRecords.update.mutate({ id: record.id, outcome: '客戶接受報價。' });
    expect(edited.outcome).toBe('客戶接受報價。');
    expect(edited.version).toBe(2);
    const { record: closed } = await region.as(users.otherStaff).contactRecords.close.mutate({ id: record.id });
    expect(closed.status).toBe('closed');
    expect(closed.closedBy).toBe('siuming.chan');

    const edit = await failureOf(staff().contactRecords.update.mutate({ id: record.id, outcome: 'rewritten' }));
    expect(edit.data.code).toBe('PRECONDITION_FAILED');
    expect(edit.data.messageKey).toBe('errors.contact_record_closed');
    const closeAgain = await failureOf(staff().contactRecords.close.mutate({ id: record.id }));
    expect(closeAgain.data.code).toBe('PRECONDITION_FAILED');
    expect((await staff().contactRecords.get.query({ id: record.id })).outcome).toBe('客戶接受報價。');
  });

  it('is immutable in the database too, not only in the API', async () => {
    const { record } = await staff().contactRecords.create.mutate(contactRecordInput(customerId));
    await staff().contactRecords.close.mutate({ id: record.id });
    await expect(region.database.db.execute(sql`update contact_records set content = 'x' where id = ${record.id}`)).rejects.toThrow();
    await expect(region.database.db.execute(sql`delete from contact_records where id = ${record.id}`)).rejects.toThrow();
  });

  it('corrects a closed record with a linked amendment that keeps the original intact', async () => {
    const { record } = await staff().contactRecords.create.mutate(contactRecordInput(customerId, { place: '銅鑼灣' }));
    await staff().contactRecords.close.mutate({ id: record.id });
    const { record: amendment } = await staff().contactRecords.amend.mutate({ id: record.id, reason: '地點記錯', place: '灣仔' });
    expect(amendment.id).not.toBe(record.id);
    expect(amendment.amendsId).toBe(record.id);
    expect(amendment.amendReason).toBe('地點記錯');
    expect(amendment.place).toBe('灣仔');
    expect(amendment.content).toBe(record.content);
    const original = await staff().contactRecords.get.query({ id: record.id });
    expect(original.place).toBe('銅鑼灣');
    expect(original.amendments.map((item) => item.id)).toEqual([amendment.id]);
  });

  it('amends only closed records and needs a reason', async () => {
    const { record } = await staff().contactRecords.create.mutate(contactRecordInput(customerId));
    const open = await failureOf(staff().contactRecords.amend.mutate({ id: record.id, reason: 'typo' }));
    expect(open.data.code).toBe('PRECONDITION_FAILED');
    expect(open.data.messageKey).toBe('errors.contact_record_not_closed');
    await staff().contactRecords.close.mutate({ id: record.id });
    const noReason = await failureOf(staff().contactRecords.amend.mutate({ id: record.id, reason: '' }));
    expect(noReason.data.fieldErrors).toEqual({ reason: ['errors.required'] });
  });

  it('completes a help request when it is closed, so service-level compliance can be measured', async () => {
    const { record } = await staff().contactRecords.create.mutate(
      contactRecordInput(customerId, {
        typeCode: 'help_request.routine',
        serviceCategory: 'business_support',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
      }),
    );
    const { record: closed } = await staff().contactRecords.close.mutate({ id: record.id });
    expect(closed.completedAt).not.toBeNull();
    expect(closed.respondedAt).not.toBeNull();
    expect(closed.serviceLevel).toEqual({ responseBreached: false, completionBreached: false });
  });
});
