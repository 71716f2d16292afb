import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { failureOf, startTestRegion, users, type TestRegion } from '../support/regionNode.ts';

let region: TestRegion;
let customerId: string;
beforeAll(async () => {
  region = await startTestRegion('validation');
  customerId = (await region.as(users.staff).customers.create.mutate(customerInput())).customer.id;
});
afterAll(() => region?.close());

const staff = () => region.as(users.staff);

describe('customers.create validation', () => {
  it.each(['name', 'segment', 'subSegment', 'city', 'accountManager'] as const)('requires %s and names it', async (field) => {
    const input: Record<string, unknown> = customerInput();
    delete input[field];
    const { message, data } = await failureOf(staff().customers.create.mutate(input as never));
    expect(data.code).toBe('BAD_REQUEST');
    expect(data.fieldErrors?.[field]).toEqual(['errors.required']);
    expect(message).toContain(field);
  });

  it('treats a blank (whitespace-only) name or city as missing', async () => {
    const { data } = await failureOf(staff().customers.create.mutate(customerInput({ name: '   ', city: '' })));
    expect(data.fieldErrors).toMatchObject({ name: ['errors.required'], city: ['errors.required'] });
  });

  it('requires a phone or an e-mail, naming both fields', async () => {
    const { data } = await failureOf(staff().customers.create.mutate(customerInput({ email: undefined })));
    expect(data.fieldErrors).toEqual({
      phone: ['errors.phone_or_email_required'],
      email: ['errors.phone_or_email_required'],
    });
  });

  it('accepts a phone alone', async () => {
    const { customer } = await staff().customers.create.mutate(customerInput({ email: undefined, phone: '+852 2881 1888' }));
    expect(customer.phone).toBe('+852 2881 1888');
  });

  it('rejects malformed e-mail, phone, website and revenue', async () => {
    const { data } = await failureOf(
      staff().customers.create.mutate(
        customerInput({ email: 'not-an-address', phone: 'call me', website: 'nothing here', annualRevenueGbp: -5 }),
      ),
    );
    expect(data.fieldErrors).toMatchObject({
      email: ['errors.invalid_email'],
      phone: ['errors.invalid_phone'],
      website: ['errors.invalid_url'],
      annualRevenueGbp: ['errors.too_small_number'],
    });
  });

  it('rejects a sub-segment from another segment and unknown codes', async () => {
    const mismatch = await failureOf(staff().customers.create.mutate(customerInput({ segment: 'industrial', subSegment: 'hotels' })));
    expect(mismatch.data.fieldErrors).toEqual({ subSegment: ['errors.sub_segment_mismatch'] });
    const unknown = await failureOf(staff().customers.create.mutate(customerInput({ segment: 'shipping' as never })));
    expect(unknown.data.fieldErrors).toEqual({ segment: ['errors.invalid_option'] });
  });

  it('rejects fields it does not know instead of silently dropping them', async () => {
    const { data } = await failureOf(staff().customers.create.mutate({ ...customerInput(), acountManager: 'typo' } as never));
    expect(data.fieldErrors).toEqual({ acountManager: ['errors.unknown_field'] });
  });

  it('rejects text over the length limits', async () => {
    const { data } = await failureOf(staff().customers.create.mutate(customerInput({ name: 'x'.repeat(201) })));
    expect(data.fieldErrors).toEqual({ name: ['errors.too_long'] });
  });
});

describe('contactRecords.create validation', () => {
  it.each(['occurredAt', 'place', 'content', 'outcome', 'nextStep', 'typeCode', 'channel', 'customerId'] as const)(
    'requires %s',
    async (field) => {
      const input: Record<string, unknown> = contactRecordInput(customerId);
      delete input[field];
      const { data } = await failureOf(staff().contactRecords.create.mutate(input as never));
      expect(data.code).toBe('BAD_REQUEST');
      expect(data.fieldErrors?.[field]).toEqual(['errors.required']);
    },
  );

  it('rejects an unknown contact type, a bad channel and a malformed time', async () => {
    const { data } = await failureOf(
      staff().contactRecords.create.mutate(
        contactRecordInput(customerId, { typeCode: 'complaint.weather', channel: 'pigeon' as never, occurredAt: 'yesterday' }),
      ),
    );
    expect(data.fieldErrors).toEqual({
      typeCode: ['errors.invalid_option'],
      channel: ['errors.invalid_option'],
      occurredAt: ['errors.invalid_date'],
    });
  });

  it('requires a service category on help requests', async () => {
    const { data } = await failureOf(staff().contactRecords.create.mutate(contactRecordInput(customerId, { typeCode: 'help_request.maintenance' })));
    expect(data.fieldErrors).toEqual({ serviceCategory: ['errors.service_category_required'] });
  });

  it('refuses a next step due before the contact happened', async () => {
    const { data } = await failureOf(
      staff().contactRecords.create.mutate(contactRecordInput(customerId, { nextStepDue: '2026-11-19T09:00:00.000Z' })),
    );
    expect(data.fieldErrors).toEqual({ nextStepDue: ['errors.due_before_occurred'] });
  });

  it('refuses a job code that is not a project of this customer', async () => {
    const { data } = await failureOf(staff().contactRecords.create.mutate(contactRecordInput(customerId, { jobCode: 'HK-2026-9999' })));
    expect(data.fieldErrors).toEqual({ jobCode: ['errors.job_code_unknown'] });
  });

  it('refuses a customer that does not exist', async () => {
    const { data } = await failureOf(
      staff().contactRecords.create.mutate(contactRecordInput('00000000-0000-4000-8000-000000000000')),
    );
    expect(data.fieldErrors).toEqual({ customerId: ['errors.customer_not_found'] });
  });
});

describe('projects.create validation', () => {
  it('keeps job codes unique in the region', async () => {
    const project = { jobCode: 'HK-2026-0001', customerId, serviceCategory: 'consulting', country: 'HK', city: 'Hong Kong' } as const;
    await staff().projects.create.mutate(project);
    const { data } = await failureOf(staff().projects.create.mutate({ ...project, jobCode: 'hk-2026-0001' }));
    expect(data.code).toBe('BAD_REQUEST');
    expect(data.fieldErrors).toEqual({ jobCode: ['errors.job_code_taken'] });
  });

  it('requires an ISO country, a city and a known service category', async () => {
    const { data } = await failureOf(
      staff().projects.create.mutate({ jobCode: 'HK-2026-0002', customerId, serviceCategory: 'gardening' as never, country: 'XX', city: '' }),
    );
    expect(data.fieldErrors).toEqual({
      serviceCategory: ['errors.invalid_option'],
      country: ['errors.invalid_country'],
      city: ['errors.required'],
    });
  });
});
