import { isValidLei, leiCheckDigits } from '@meridian/domain';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { failureOf, startTestRegion, users, type TestRegion } from '../support/regionNode.ts';

let region: TestRegion;
let hsbc: { id: string; code: string };
beforeAll(async () => {
  region = await startTestRegion('duplicate-guard');
  hsbc = (
    await staff().customers.create.mutate(
      customerInput({
        name: '香港上海滙豐銀行有限公司',
        nameLatin: 'The Hongkong and Shanghai Banking Corporation Limited',
        website: 'www.hsbc.com.hk',
      }),
    )
  ).customer;
});
afterAll(() => region?.close());

const staff = () => region.as(users.staff);

async function warningFor(overrides: Parameters<typeof customerInput>[0]) {
  const { data } = await failureOf(staff().customers.create.mutate(customerInput(overrides)));
  expect(data.code).toBe('CONFLICT');
  expect(data.messageKey).toBe('errors.duplicate_customer');
  return data.candidates ?? [];
}

describe('the region duplicate guard uses the matcher HQ reconciles with', () => {
  it.each([
    ['Traditional, short form', '滙豐銀行'],
    ['Simplified, short form', '汇丰银行'],
    ['Latin acronym with a place', 'HSBC Hong Kong'],
  ])('warns about 香港上海滙豐銀行有限公司 when %s (%s) is created, naming it and the reasons', async (_label, name) => {
    const candidates = await warningFor({ name });
    expect(candidates[0]).toEqual(expect.objectContaining({ id: hsbc.id, code: hsbc.code, name: '香港上海滙豐銀行有限公司' }));
    expect(candidates[0]!.reasons.length).toBeGreaterThan(0);
    for (const reason of candidates[0]!.reasons) expect(reason).toMatch(/^[a-z_]+$/);
  });

  it('lists a customer sharing an identifier before customers sharing only a name', async () => {
    const similarName = (await staff().customers.create.mutate(customerInput({ name: 'Jardine Matheson Holdings Limited' }))).customer;
    const sameWebsite = (
      await staff().customers.create.mutate(customerInput({ name: 'Wheelock Harbour Services', website: 'https://www.jardines.com/en' }))
    ).customer;
    const candidates = await warningFor({ name: 'Jardine Matheson Holdings', website: 'jardines.com' });
    expect(candidates.map((candidate) => candidate.id)).toEqual([sameWebsite.id, similarName.id]);
    expect(candidates[0]!.reasons).toContain('same_website_domain');
    expect(candidates[1]!.reasons).not.toContain('same_website_domain');
  });

  it('links on a registration number typed differently, whatever the name', async () => {
    const existing = (await staff().customers.create.mutate(customerInput({ name: '新世界發展有限公司', registrationId: 'CR-0000 1234' }))).customer;
    const candidates = await warningFor({ name: 'NWD Holdings', registrationId: 'cr00001234' });
    expect(candidates[0]).toEqual(expect.objectContaining({ id: existing.id, reasons: expect.arrayContaining(['same_registration_id']) }));
  });

  it('links on the same LEI, written with spaces and in lower case, whatever the name', async () => {
    const existing = (await staff().customers.create.mutate(customerInput({ name: 'Deutsche Bank AG', lei: '7LTWFZYICNSX8D621K86' }))).customer;
    expect(existing.lei).toBe('7LTWFZYICNSX8D621K86');
    const candidates = await warningFor({ name: '德意志銀行', lei: '7ltw fzyi cnsx 8d62 1k86' });
    expect(candidates[0]).toEqual(expect.objectContaining({ id: existing.id, reasons: expect.arrayContaining(['same_lei']) }));
  });

  it('does not warn for a different bank sharing only common words (中国银行 / 中国建设银行)', async () => {
    await staff().customers.create.mutate(customerInput({ name: '中国银行' }));
    const { customer } = await staff().customers.create.mutate(customerInput({ name: '中国建设银行' }));
    expect(customer.name).toBe('中国建设银行');
    const other = await staff().customers.create.mutate(customerInput({ name: '中国农业银行' }));
    expect(other.customer.name).toBe('中国农业银行');
  });

  it('creates the customer anyway when told to, keeping what was typed', async () => {
    const { customer } = await staff().customers.create.mutate(
      customerInput({ name: '滙豐銀行', nameLatin: 'HSBC', website: 'hsbc.com.hk', allowDuplicate: true }),
    );
    expect(customer).toEqual(expect.objectContaining({ name: '滙豐銀行', nameLatin: 'HSBC', nameLatinSource: 'typed' }));
  });
});

describe('LEI (ISO 17442) is validated by the shared schema', () => {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
  const body = fc.array(fc.constantFrom(...alphabet), { minLength: 18, maxLength: 18 }).map((chars) => chars.join(''));

  // MOD 97-10 catches every change of one digit for another and one letter for another (ISO 7064); a
  // letter is two digits, so a digit swapped for a letter is caught only with probability 96/97.
  const sameKind = (a: string, b: string) => /\d/.test(a) === /\d/.test(b);

  it('accepts every body with its computed check digits, and refuses any single changed character', () => {
    fc.assert(
      fc.property(body, fc.nat(19), fc.constantFrom(...alphabet), (leiBody, at, replacement) => {
        const lei = `${leiBody}${leiCheckDigits(leiBody)}`;
        expect(isValidLei(lei)).toBe(true);
        fc.pre(lei[at] !== replacement && sameKind(lei[at]!, replacement));
        const changed = `${lei.slice(0, at)}${replacement}${lei.slice(at + 1)}`;
        expect(isValidLei(changed)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('answers a wrong check digit with errors.invalid_lei on the lei field, and stores nothing', async () => {
    const { data } = await failureOf(staff().customers.create.mutate(customerInput({ name: 'Checksum Probe Ltd', lei: '7LTWFZYICNSX8D621K87' })));
    expect(data.code).toBe('BAD_REQUEST');
    expect(data.fieldErrors).toEqual({ lei: ['errors.invalid_lei'] });
    const { items } = await staff().customers.list.query({ query: 'Checksum Probe' });
    expect(items).toEqual([]);
  });

  it('is added later through customers.update the same way: normalised when valid, refused when not', async () => {
    const { customer } = await staff().customers.create.mutate(customerInput({ name: 'Later Identified Ltd' }));
    const refused = await failureOf(staff().customers.update.mutate({ id: customer.id, lei: 'MP6I5ZYZBEU3UXPYFY45' }));
    expect(refused.data.fieldErrors).toEqual({ lei: ['errors.invalid_lei'] });
    const { customer: updated } = await staff().customers.update.mutate({ id: customer.id, lei: 'mp6i 5zyz beu3 uxpy fy54' });
    expect(updated.lei).toBe('MP6I5ZYZBEU3UXPYFY54');
  });

  it('is refused by the database too when a script writes a malformed one', async () => {
    const { customer } = await staff().customers.create.mutate(customerInput({ name: 'Raw Script Target Ltd' }));
    const refusal = await region.database.db.execute(sql`update customers set lei = 'not-an-lei' where id = ${customer.id}`).then(
      () => null,
      (error: Error) => error,
    );
    expect(String(refusal?.cause ?? refusal)).toMatch(/customers_lei_format/);
    const stored = await staff().customers.get.query({ id: customer.id });
    expect(stored.lei).toBeNull();
  });
});
