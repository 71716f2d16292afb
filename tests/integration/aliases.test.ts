import { aliasCsvColumns, escapeCell, unescapeCell } from '@meridian/hq-api';
import { hqAuditLog } from '@meridian/hq-db';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { accountCodeOf, eventually, hqUsers, linkedAccountCode, regionStaff, settleFederation, startTestFederation, type TestFederation } from '../support/federation.ts';
import { failureOf } from '../support/regionNode.ts';

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation('aliases', ['gb', 'hk']);
});
afterAll(() => federation?.close());

const staffOf = (code: string) => regionStaff(federation, code);
const steward = () => federation.hqAs(hqUsers.steward);
const settle = () => settleFederation(federation);
const codeOf = (region: string, customerId: string) => accountCodeOf(federation, region, customerId);
const linkedCode = (region: string, customerId: string) => linkedAccountCode(federation, region, customerId);

const formula = '=HYPERLINK("http://evil.example","怡和")';

describe('alias lists as data', () => {
  let gbId: string;
  let code: string;

  beforeAll(async () => {
    gbId = (await staffOf('gb').customers.create.mutate(customerInput({ name: 'Jardine Matheson Holdings Limited', city: 'London' }))).customer.id;
    await settle();
    code = await linkedCode('gb', gbId);
  });

  it('imports a curated list by global code or canonical name, in any script, and says which rows it skipped and why', async () => {
    const csv = stringify([
      [...aliasCsvColumns],
      [code, '怡和', 'Hani', 'curated'],
      ['Jardine Matheson Holdings Limited', 'جاردين ماثيسون', 'Arab', 'curated'],
      [code, formula, 'Latn', 'curated'],
      ['G-999999', 'Nobody', 'Latn', 'curated'],
      [code, '', 'Latn', 'curated'],
    ]);
    const outcome = await steward().aliases.importCsv.mutate({ csv });
    expect(outcome).toMatchObject({ rows: 5, added: 3, unchanged: 0 });
    expect(outcome.skipped).toEqual([
      { row: 5, messageKey: 'errors.account_not_found' },
      { row: 6, messageKey: 'errors.required' },
    ]);
    const listed = await steward().aliases.list.query({ globalCode: code });
    expect(listed.items.map((item) => [item.alias, item.script, item.source]).sort()).toEqual(
      [
        ['怡和', 'Hani', 'imported'],
        ['جاردين ماثيسون', 'Arab', 'imported'],
        // The script is read from the alias itself, not taken from the file: this one contains Chinese.
        [formula, 'Hani', 'imported'],
      ].sort(),
    );
    // The same file again adds nothing.
    expect(await steward().aliases.importCsv.mutate({ csv })).toMatchObject({ added: 0, unchanged: 3 });
    const [audit] = await federation.hqDatabase.db.select().from(hqAuditLog).where(eq(hqAuditLog.action, 'aliases.import'));
    expect(audit).toMatchObject({ actor: hqUsers.steward.login });
  });

  it('links the next customer typed with an imported alias without a steward, like a learned one', async () => {
    const hkId = (await staffOf('hk').customers.create.mutate(customerInput({ name: '怡和有限公司', city: '香港' }))).customer.id;
    await settle();
    await eventually(async () => expect(await codeOf('hk', hkId)).toBe(code));
    const link = await federation.hqDatabase.db.query.accountLinks.findFirst({ where: (row, { and, eq }) => and(eq(row.region, 'hk'), eq(row.customerId, hkId)) });
    expect(link?.reasons).toContain('learned_alias');
  });

  it('exports what it holds with formulas escaped and Arabic and Chinese intact, and the export imports back to the same list', async () => {
    const { csv, rows } = await steward().aliases.exportCsv.query({ globalCode: code });
    expect(rows).toBe(3);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const records = parse(csv, { bom: true }) as string[][];
    expect(records[0]).toEqual([...aliasCsvColumns]);
    const aliasCells = records.slice(1).map((record) => record[1]);
    expect(aliasCells).toContain(`'${formula}`);
    expect(aliasCells.every((cell) => !/^[=+\-@]/.test(cell!))).toBe(true);
    expect(aliasCells).toEqual(expect.arrayContaining(['怡和', 'جاردين ماثيسون']));

    const before = (await steward().aliases.list.query({ globalCode: code })).items;
    for (const item of before) expect(await steward().aliases.remove.mutate({ id: item.id })).toEqual({ removed: true });
    expect((await steward().aliases.list.query({ globalCode: code })).items).toEqual([]);
    expect(await steward().aliases.remove.mutate({ id: before[0]!.id })).toEqual({ removed: false });

    expect(await steward().aliases.importCsv.mutate({ csv })).toMatchObject({ rows: 3, added: 3, skipped: [] });
    const after = (await steward().aliases.list.query({ globalCode: code })).items;
    expect(after.map((item) => [item.globalCode, item.alias, item.script]).sort()).toEqual(before.map((item) => [item.globalCode, item.alias, item.script]).sort());
  });

  it('adds and removes one alias by hand, audited', async () => {
    const added = await steward().aliases.add.mutate({ globalCode: code, alias: 'Jardines' });
    expect(added).toMatchObject({ added: true, alias: { alias: 'Jardines', source: 'steward', script: 'Latn' } });
    expect((await steward().aliases.add.mutate({ globalCode: code, alias: 'Jardines' })).added).toBe(false);
    expect(await steward().aliases.remove.mutate({ id: added.alias!.id })).toEqual({ removed: true });
    const actions = (await federation.hqDatabase.db.select().from(hqAuditLog)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['aliases.add', 'aliases.remove']));
    expect((await failureOf(steward().aliases.add.mutate({ globalCode: 'G-999999', alias: 'x' }))).data).toMatchObject({ code: 'NOT_FOUND', messageKey: 'errors.account_not_found' });
  });

  it('refuses a file that is not an alias list', async () => {
    expect((await failureOf(steward().aliases.importCsv.mutate({ csv: 'name,email\nx,y\n' }))).data).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'errors.invalid_format' });
    expect((await failureOf(steward().aliases.importCsv.mutate({ csv: 'account,alias\n"unclosed,x\n' }))).data.code).toBe('BAD_REQUEST');
  });
});

describe('the CSV cell codec', () => {
  it('round-trips any alias through export and import, and never exports a cell a spreadsheet would run (fast-check)', () => {
    const tricky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", '"', ',', '\n', '怡和', 'ستاربكس', '滙豐', ' ');
    const alias = fc.array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(alias, { minLength: 1, maxLength: 5 }), (aliases) => {
        const csv = stringify([[...aliasCsvColumns], ...aliases.map((value) => ['G-000001', escapeCell(value), 'Latn', 'steward'])], { bom: true });
        const records = (parse(csv, { bom: true, relax_column_count: true }) as string[][]).slice(1);
        expect(records.map((record) => unescapeCell(record[1]!))).toEqual(aliases);
        for (const record of records) expect(record[1]).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 300 },
    );
  });
});
