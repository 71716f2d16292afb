import { customerGetInput, fieldErrorsOf, isStorableText } from '@meridian/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { startTestFederation, type TestFederation } from '../support/federation.ts';
import { failureOf, identityHeaders, startTestRegion, users, type ErrorData, type TestRegion } from '../support/regionNode.ts';

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

/** Keys that name Object.prototype's members: a map built as `{}` finds them already "there". */
const prototypeKeys = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'] as const;

/** POSTs raw JSON, as curl would: `__proto__` must arrive as a key, which a JS object literal cannot carry. */
async function postRaw(procedure: string, json: string) {
  const response = await fetch(`${region.node.url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { ...identityHeaders(users.staff), 'content-type': 'application/json' },
    body: json,
  });
  return { status: response.status, body: (await response.json()) as { error?: { message: string; data: ErrorData } } };
}

describe('keys named like Object.prototype members', () => {
  it.each(prototypeKeys)('an input key "%s" is an unknown field, named, on a write and on a read', async (key) => {
    const customer = JSON.stringify(customerInput()).replace(/^\{/, `{${JSON.stringify(key)}:1,`);
    const write = await postRaw('customers.create', customer);
    expect(write.status).toBe(400);
    expect(Object.keys(write.body.error!.data.fieldErrors!)).toEqual([key]);
    expect(write.body.error!.data.fieldErrors![key]).toEqual(['errors.unknown_field']);
    expect(write.body.error!.message).toContain(key);
    const read = await fetch(`${region.node.url}/trpc/customers.list?input=${encodeURIComponent(`{${JSON.stringify(key)}:"x"}`)}`, { headers: identityHeaders(users.staff) });
    expect(read.status).toBe(400);
  });

  it('reports an unknown key whose value is an object as one unknown field', async () => {
    const { data } = await failureOf(staff().customers.create.mutate({ ...customerInput(), constructor: { toString: 1 } } as never));
    expect(data.fieldErrors).toEqual({ constructor: ['errors.unknown_field'] });
  });

  it.each(prototypeKeys)('a locale "%s" falls back to a real language instead of failing', async (locale) => {
    const tree = await staff().contactTypes.tree.query({ locale });
    expect(tree.length).toBeGreaterThan(0);
  });

  it.each(prototypeKeys)('an SSO group "%s" grants nothing', async (group) => {
    const { data } = await failureOf(region.as({ login: 'prober', groups: `${group},crm-region-hk` }).customers.list.query({}));
    expect(data.code).toBe('FORBIDDEN');
  });
});

/** Every free-text field of the region's writes, with the input that carries it. */
const textFields: Array<[string, (value: string) => Promise<unknown>]> = [
  ['customers.create name', (value) => staff().customers.create.mutate(customerInput({ name: value }))],
  ['customers.create nameLatin', (value) => staff().customers.create.mutate(customerInput({ nameLatin: value }))],
  ['customers.create city', (value) => staff().customers.create.mutate(customerInput({ city: value }))],
  ['customers.create accountManager', (value) => staff().customers.create.mutate(customerInput({ accountManager: value }))],
  ['customers.create legalForm', (value) => staff().customers.create.mutate(customerInput({ legalForm: value }))],
  ['customers.create registrationId', (value) => staff().customers.create.mutate(customerInput({ registrationId: value }))],
  ['customers.list query', (value) => staff().customers.list.query({ query: value })],
  ['customers.list accountManager', (value) => staff().customers.list.query({ accountManager: value })],
  ['customers.list cursor', (value) => staff().customers.list.query({ cursor: value })],
  ['contactRecords.create place', (value) => staff().contactRecords.create.mutate(contactRecordInput(customerId, { place: value }))],
  ['contactRecords.create content', (value) => staff().contactRecords.create.mutate(contactRecordInput(customerId, { content: value }))],
  ['contactRecords.create outcome', (value) => staff().contactRecords.create.mutate(contactRecordInput(customerId, { outcome: value }))],
  ['contactRecords.create nextStep', (value) => staff().contactRecords.create.mutate(contactRecordInput(customerId, { nextStep: value }))],
  ['contactRecords.create clientReference', (value) => staff().contactRecords.create.mutate(contactRecordInput(customerId, { clientReference: `ref-${value}-0000` }))],
  ['contactRecords.list createdBy', (value) => staff().contactRecords.list.query({ createdBy: value })],
  ['contactRecords.list typeCode', (value) => staff().contactRecords.list.query({ typeCode: value })],
  ['contactPersons.create name', (value) => staff().contactPersons.create.mutate({ customerId, name: value })],
  ['contactPersons.create role', (value) => staff().contactPersons.create.mutate({ customerId, name: '陳大文', role: value })],
  ['projects.create city', (value) => staff().projects.create.mutate({ jobCode: `HK-TXT-${++jobs}`, customerId, serviceCategory: 'consulting', country: 'HK', city: value })],
  ['projects.create site', (value) => staff().projects.create.mutate({ jobCode: `HK-TXT-${++jobs}`, customerId, serviceCategory: 'consulting', country: 'HK', city: 'Hong Kong', site: value })],
  ['contactTypes.tree locale', (value) => staff().contactTypes.tree.query({ locale: value })],
];
let jobs = 0;

describe('text PostgreSQL cannot store is refused as invalid text, naming the field', () => {
  // NUL anywhere, a high or a low surrogate with no partner: each with text around it or alone.
  const unstorable = fc.tuple(fc.string({ maxLength: 5 }), fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'), fc.string({ maxLength: 5 })).map(([a, bad, b]) => `${a}${bad}${b}`).filter((value) => value.trim().length > 0);

  it.each(textFields)('%s', async (label, send) => {
    const field = label.split(' ')[1]!;
    await fc.assert(
      fc.asyncProperty(unstorable, async (value) => {
        const { data } = await failureOf(send(value));
        expect(data.code).toBe('BAD_REQUEST');
        expect(data.fieldErrors?.[field]).toEqual(['errors.invalid_text']);
      }),
      { numRuns: 8 },
    );
  });

  it('keeps text that only looks unusual: emoji (surrogate pairs), RTL marks, other control characters', async () => {
    const name = `Harbour 😀 \u200f مرفأ \u0007 ${Date.now()}`;
    const { customer } = await staff().customers.create.mutate(customerInput({ name }));
    expect(customer.name).toBe(name);
  });
});

describe('HQ input', () => {
  let federation: TestFederation;
  const gbLead = { login: 'james.whitfield', groups: 'crm-lead,crm-region-gb' };
  beforeAll(async () => {
    federation = await startTestFederation('validation-hq', ['gb']);
  });
  afterAll(() => federation?.close());
  const open = (regions: Array<{ region: string; lead: string }>, title = 'Review') =>
    federation.hqAs(gbLead).reviews.open.mutate({ title, periodFrom: '2026-11-01', periodTo: '2026-11-30', regions });

  it('names an unknown key nested in a list by its path', async () => {
    const { data } = await failureOf(open([{ region: 'gb', lead: gbLead.login, constructor: 'x' } as never]));
    expect(data.fieldErrors).toEqual({ 'regions.0.constructor': ['errors.unknown_field'] });
  });

  it('refuses a region listed twice in a review, naming the second entry', async () => {
    const { data } = await failureOf(open([{ region: 'gb', lead: gbLead.login }, { region: 'gb', lead: 'someone.else' }]));
    expect(data).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { 'regions.1.region': ['errors.region_listed_twice'] } });
  });

  it('refuses NUL and lone surrogates in review text and in search terms, naming the field', async () => {
    expect((await failureOf(open([{ region: 'gb', lead: gbLead.login }], 'Q4\u0000'))).data.fieldErrors).toEqual({ title: ['errors.invalid_text'] });
    expect((await failureOf(open([{ region: 'gb', lead: 'x\udc00' }]))).data.fieldErrors).toEqual({ 'regions.0.lead': ['errors.invalid_text'] });
    const review = await open([{ region: 'gb', lead: gbLead.login }]);
    const finding = await failureOf(federation.hqAs(gbLead).reviews.addFinding.mutate({ reviewId: review.id, region: 'gb', text: 'late\ud83d' }));
    expect(finding.data.fieldErrors).toEqual({ text: ['errors.invalid_text'] });
    const search = await failureOf(federation.hqAs(gbLead).accounts.list.query({ query: 'HSBC\u0000' }));
    expect(search.data.fieldErrors).toEqual({ query: ['errors.invalid_text'] });
  });

  it('refuses an agenda item id beyond what the database column holds, instead of failing in SQL', async () => {
    const review = await open([{ region: 'gb', lead: gbLead.login }]);
    const { data } = await failureOf(federation.hqAs(gbLead).reviews.addFinding.mutate({ reviewId: review.id, region: 'gb', agendaItemId: 2 ** 31, text: 'x' }));
    expect(data.fieldErrors).toEqual({ agendaItemId: ['errors.too_large_number'] });
  });
});

describe('the rules behind these answers, for any input (fast-check)', () => {
  const fieldName = fc.oneof(fc.constantFrom(...prototypeKeys, 'prototype', 'isPrototypeOf'), fc.string({ minLength: 1, maxLength: 12 }));

  it('reports every unknown key as itself, whatever it is named, on a map with no prototype', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fieldName.filter((key) => key !== 'id'), { minLength: 1, maxLength: 6 }), (keys) => {
        const input = Object.create(null) as Record<string, unknown>;
        input.id = '00000000-0000-4000-8000-000000000000';
        for (const key of keys) Object.defineProperty(input, key, { value: 1, enumerable: true });
        const parsed = customerGetInput.safeParse(input);
        const fieldErrors = fieldErrorsOf(parsed.error!);
        expect(Object.getPrototypeOf(fieldErrors)).toBeNull();
        expect(Object.keys(fieldErrors).sort()).toEqual([...keys].sort());
        for (const key of keys) expect(fieldErrors[key]).toEqual(['errors.unknown_field']);
      }),
    );
  });

  it('stores text exactly when it has no NUL and is well-formed UTF-16', () => {
    // encodeURIComponent throws on a lone surrogate: an oracle independent of the regular expression.
    const wellFormed = (value: string) => {
      try {
        encodeURIComponent(value);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udc00', 'a', '😀'), maxLength: 6 }), (a, b) => {
        const value = a + b;
        expect(isStorableText(value)).toBe(!value.includes('\u0000') && wellFormed(value));
      }),
      { numRuns: 2_000 },
    );
  });
});
