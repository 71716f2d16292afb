import { sql } from 'drizzle-orm';
import { selectRows } from '@meridian/db-driver';
import { auditKeyRingFromEnv, generateAuditSecret, verifyAuditChain } from '@meridian/region-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { eventually, hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';
import { failureOf } from '../support/regionNode.ts';

// The nodes run in this process and attest their writes under this secret; the test verifies with it.
process.env.MERIDIAN_AUDIT_SECRET = generateAuditSecret();
const auditKeys = auditKeyRingFromEnv(process.env.MERIDIAN_AUDIT_SECRET)!;

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation('federation', ['gb', 'hk', 'cn']);
});
afterAll(() => federation?.close());

const staffOf = (code: string) => federation.regions.get(code)!.as({ login: `${code}.staff`, groups: `crm-staff,crm-region-${code}` });
const hq = () => federation.hqAs(hqUsers.steward);

async function accountOf(region: string, customerId: string) {
  const rows = await federation.hqDatabase.db.execute(sql`select global_code from account_links where region = ${region} and customer_id = ${customerId}`);
  return (rows as unknown as { rows: Array<{ global_code: string }> }).rows[0]?.global_code;
}

describe('the end-to-end story', () => {
  it('links a multinational entered in three scripts, shows it at HQ and tells the regions', async () => {
    const gb = await staffOf('gb').customers.create.mutate(
      customerInput({ name: 'HSBC Holdings plc', website: 'https://www.hsbc.com', city: 'London', annualRevenueGbp: 400_000 }),
    );
    const hk = await staffOf('hk').customers.create.mutate(
      customerInput({ name: '香港上海滙豐銀行有限公司', nameLatin: 'The Hongkong and Shanghai Banking Corporation Limited', website: 'www.hsbc.com.hk', annualRevenueGbp: 300_000 }),
    );
    const cn = await staffOf('cn').customers.create.mutate(
      customerInput({ name: '汇丰银行（中国）有限公司', website: 'www.hsbc.com.cn', city: '上海', annualRevenueGbp: 50_000 }),
    );
    await staffOf('hk').projects.create.mutate({ jobCode: 'HK-2026-0001', customerId: hk.customer.id, serviceCategory: 'maintenance_construction', country: 'MO', city: 'Macau' });
    const { record } = await staffOf('hk').contactRecords.create.mutate(
      contactRecordInput(hk.customer.id, { typeCode: 'complaint.timeliness', content: '維修工程延誤兩星期' }),
    );

    const globalCode = await eventually(async () => {
      const codes = await Promise.all([accountOf('gb', gb.customer.id), accountOf('hk', hk.customer.id), accountOf('cn', cn.customer.id)]);
      expect(codes[0]).toBeDefined();
      expect(new Set(codes).size).toBe(1);
      return codes[0]!;
    });

    const account = await eventually(async () => {
      const found = await hq().accounts.get.query({ globalCode });
      expect(found.recentRecords.map((item) => item.id)).toContain(record.id);
      return found;
    });
    expect(account.members.map((member) => member.region).sort()).toEqual(['cn', 'gb', 'hk']);
    expect(account.countries).toEqual(['CN', 'GB', 'HK', 'MO']);
    expect(account.projects).toEqual([expect.objectContaining({ jobCode: 'HK-2026-0001', country: 'MO', city: 'Macau', region: 'hk' })]);
    expect(account.openComplaints.map((item) => item.id)).toEqual([record.id]);
    expect(account.names.map((name) => name.script)).toEqual(expect.arrayContaining(['Latn', 'Hani']));
    expect(account.freshness.map((region) => region.region).sort()).toEqual(['cn', 'gb', 'hk']);
    expect(account.revenueGbp).toBe(750_000);

    const listed = await hq().accounts.list.query({ servedIn: 'MO' });
    expect(listed.items.map((item) => item.globalCode)).toContain(globalCode);
    expect(listed.items.find((item) => item.globalCode === globalCode)?.tier).toBe('key');
    const notServed = await hq().accounts.list.query({ notServedIn: 'MO' });
    expect(notServed.items.map((item) => item.globalCode)).not.toContain(globalCode);
    const byChineseQuery = await hq().accounts.list.query({ query: '滙豐' });
    expect(byChineseQuery.items.map((item) => item.globalCode)).toContain(globalCode);

    // Regional staff now see the multinational account and every country it is served in.
    await eventually(async () => {
      const seen = await staffOf('hk').customers.get.query({ id: hk.customer.id });
      expect(seen.globalCode).toBe(globalCode);
      expect(seen.globalCountries).toEqual(['CN', 'GB', 'HK', 'MO']);
    });

    // HQ's push of the global code is a write at each region too: attested like every API write, so
    // each region's audit chain (actors included) still verifies after federation has written to it.
    for (const code of ['gb', 'hk', 'cn']) {
      const report = await verifyAuditChain(federation.regions.get(code)!.database.db, { keys: auditKeys });
      expect(report.firstBroken, code).toBeNull();
      expect(report.attestationsChecked).toBe(true);
      expect(report.attestedCount).toBeGreaterThan(0);
    }
    const pushed = await selectRows<{ n: number }>(
      federation.regions.get('hk')!.database.db,
      sql`select count(*)::int as n from audit_log where procedure = 'federation.linkGlobalCodes'`,
    );
    expect(pushed[0]!.n).toBeGreaterThan(0);
  });

  it('keeps different companies that share words apart', async () => {
    const boc = await staffOf('hk').customers.create.mutate(customerInput({ name: '中國銀行（香港）有限公司', website: 'www.bochk.com' }));
    const bea = await staffOf('hk').customers.create.mutate(customerInput({ name: '東亞銀行有限公司', website: 'www.hkbea.com' }));
    const ccb = await staffOf('cn').customers.create.mutate(customerInput({ name: '中国建设银行股份有限公司', website: 'www.ccb.com' }));
    const codes = await eventually(async () => {
      const found = await Promise.all([accountOf('hk', boc.customer.id), accountOf('hk', bea.customer.id), accountOf('cn', ccb.customer.id)]);
      expect(found.every(Boolean)).toBe(true);
      return found;
    });
    expect(new Set(codes).size).toBe(3);
  });
});

describe('resilience', () => {
  it('keeps syncing the other regions while one is down, reports the error, and catches up after', async () => {
    const cn = federation.regions.get('cn')!;
    await cn.stop();
    const written = await staffOf('gb').customers.create.mutate(customerInput({ name: 'Sellafield Ltd', website: 'www.sellafield.example' }));
    await eventually(async () => expect(await accountOf('gb', written.customer.id)).toBeDefined());
    await federation.hq.runtime.syncNow('cn');
    const status = await federation.hqAs(hqUsers.admin).regions.status.query();
    const cnStatus = status.find((region) => region.code === 'cn')!;
    expect(cnStatus.lastError).toBeTruthy();
    expect(cnStatus.consecutiveFailures).toBeGreaterThan(0);

    await cn.restart();
    const afterOutage = await cn.as({ login: 'cn.staff', groups: 'crm-staff,crm-region-cn' }).customers.create.mutate(customerInput({ name: '深圳市水务（集团）有限公司' }));
    await federation.hq.runtime.syncNow('cn');
    await eventually(async () => expect(await accountOf('cn', afterOutage.customer.id)).toBeDefined());
    const recovered = (await federation.hqAs(hqUsers.admin).regions.status.query()).find((region) => region.code === 'cn')!;
    expect(recovered.lastError).toBeNull();
  });
});

describe('administration', () => {
  it('stops pulling from a disabled node and resumes where it stopped when re-enabled', async () => {
    const admin = federation.hqAs(hqUsers.admin);
    const disabled = await admin.regions.setEnabled.mutate({ code: 'hk', enabled: false });
    expect(disabled.enabled).toBe(false);
    const { customer } = await staffOf('hk').customers.create.mutate(customerInput({ name: '新世界發展有限公司' }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await accountOf('hk', customer.id)).toBeUndefined();

    await admin.regions.setEnabled.mutate({ code: 'hk', enabled: true });
    await eventually(async () => expect(await accountOf('hk', customer.id)).toBeDefined());
    expect((await failureOf(federation.hqAs(hqUsers.steward).regions.setEnabled.mutate({ code: 'hk', enabled: false }))).data.code).toBe('FORBIDDEN');
    expect((await failureOf(admin.regions.setEnabled.mutate({ code: 'zz', enabled: false }))).data.code).toBe('NOT_FOUND');
  });
});

describe('data residency', () => {
  it('never lets a field the region withholds reach HQ’s database', async () => {
    // regions/cn/region.json keeps contact-record text and contact persons' names and phones in China.
    const secretText = '客户透露了尚未公开的并购计划';
    const secretName = '李秘书';
    const { customer } = await staffOf('cn').customers.create.mutate(customerInput({ name: '上海隧道工程股份有限公司' }));
    await staffOf('cn').contactPersons.create.mutate({ customerId: customer.id, name: secretName, phone: '+86 21 5555 0000', role: '董事会秘书' });
    const { record } = await staffOf('cn').contactRecords.create.mutate(contactRecordInput(customer.id, { content: secretText }));
    await federation.hq.runtime.syncNow('cn');
    await eventually(async () => {
      const rows = await selectRows<{ id: string; withheld: string[]; content: string | null }>(
        federation.hqDatabase.db,
        sql`select id, withheld, content from region_contact_records where region = 'cn' and id = ${record.id}`,
      );
      expect(rows[0]?.withheld).toEqual(['place', 'content', 'outcome', 'nextStep']);
      expect(rows[0]?.content).toBeNull();
    });
    // Search every table HQ has, as text: neither the record text nor the person's name is anywhere.
    const tables = await selectRows<{ table_name: string }>(
      federation.hqDatabase.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    for (const { table_name: table } of tables) {
      const hits = await selectRows<{ n: number | string }>(
        federation.hqDatabase.db,
        sql`select count(*) as n from ${sql.identifier(table)} t where to_jsonb(t)::text like ${`%${secretText}%`} or to_jsonb(t)::text like ${`%${secretName}%`}`,
      );
      expect(Number(hits[0]!.n), table).toBe(0);
    }
    // HQ says which policy applies to what it holds.
    const cnStatus = (await hq().regions.list.query()).find((region) => region.code === 'cn')!;
    expect(cnStatus.dataPolicy).toMatchObject({ withheld: { contactRecord: ['place', 'content', 'outcome', 'nextStep'] } });
  });
});

describe('access to HQ', () => {
  it('lets staff see nothing global, leads read, and only admins run sync', async () => {
    expect((await failureOf(federation.hqAs(hqUsers.staff).accounts.list.query({}))).data.code).toBe('FORBIDDEN');
    expect((await failureOf(federation.hqAs(null).accounts.list.query({}))).data.code).toBe('UNAUTHORIZED');
    await expect(federation.hqAs(hqUsers.lead).accounts.list.query({})).resolves.toBeDefined();
    expect((await failureOf(federation.hqAs(hqUsers.lead).reconcile.queue.query())).data.code).toBe('FORBIDDEN');
    expect((await failureOf(federation.hqAs(hqUsers.steward).sync.run.mutate({}))).data.code).toBe('FORBIDDEN');
    await expect(federation.hqAs(hqUsers.admin).sync.run.mutate({ region: 'gb' })).resolves.toEqual([expect.objectContaining({ region: 'gb' })]);
  });
});
