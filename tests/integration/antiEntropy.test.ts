import { randomUUID } from 'node:crypto';
import { federatedEntities, type FederatedEntity } from '@meridian/domain';
import { federatedRowHash } from '@meridian/domain/federatedHash';
import { createRegionClient, verifyRegion, type RegionClient } from '@meridian/federation';
import { readReplicaStates } from '@meridian/hq-db';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { eventually, hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';
import { failureOf } from '../support/regionNode.ts';

// These tests run verification themselves, so the scheduled and after-catch-up runs stay off here.
process.env.MERIDIAN_VERIFY_INTERVAL_MS = '0';
process.env.MERIDIAN_VERIFY_AFTER_CATCH_UP = '0';

let federation: TestFederation;
const cnSecret = '机密：客户的董事会争议细节';
const ids = { hkCustomers: [] as string[], hkRecords: [] as string[], hkClosed: '', hkPerson: '', hkProject: '', cnRecord: '', cnPerson: '' };

const staffOf = (code: string) => federation.regions.get(code)!.as({ login: `${code}.staff`, groups: `crm-staff,crm-region-${code}` });
const regionClient = (code: string): RegionClient => createRegionClient(federation.regions.get(code)!.node.url, federation.keyStore.signerFor(code));
const hqDb = () => federation.hqDatabase.db;
const status = async (code: string) => (await federation.hqAs(hqUsers.admin).regions.status.query()).find((region) => region.code === code)!;

/** SQL at the region outside every app path (a DBA), as the superuser on PostgreSQL. */
async function regionSql<T = Record<string, unknown>>(code: string, statements: Array<[string, unknown[]?]>): Promise<T[]> {
  const database = federation.regions.get(code)!.database;
  let last: T[] = [];
  if (database.adminUrl) {
    const client = new pg.Client({ connectionString: database.adminUrl });
    await client.connect();
    try {
      await client.query('begin');
      for (const [text, params] of statements) last = (await client.query(text, params ?? [])).rows as T[];
      await client.query('commit');
    } finally {
      await client.end();
    }
    return last;
  }
  await database.pglite!.transaction(async (tx) => {
    for (const [text, params] of statements) last = (await tx.query(text, params ?? [])).rows as T[];
  });
  return last;
}

async function hqRowCount(table: string, region: string): Promise<number> {
  const result = (await hqDb().execute(sql`select count(*)::int as n from ${sql.identifier(table)} where region = ${region} and ${sql.raw(table === 'region_manager_assignments' ? 'true' : 'deleted_at is null')}`)) as unknown as { rows: Array<{ n: number }> };
  return Number(result.rows[0]!.n);
}

/** Every federated row of a region as its feed would carry it: id → (version, shared hash). */
async function regionState(code: string): Promise<Record<string, Record<string, string>>> {
  const client = regionClient(code);
  const digest = await client.federation.digest.query({});
  const state: Record<string, Record<string, string>> = {};
  for (const entry of digest.entities) {
    state[entry.entity] = {};
    if (entry.buckets.length === 0) continue;
    const answer = await client.federation.rowsInBuckets.query({ entity: entry.entity, prefixLength: entry.prefixLength, buckets: entry.buckets.map((bucket) => bucket.bucket) });
    for (const row of answer.rows) state[entry.entity]![row.id] = `${row.version}:${federatedRowHash(entry.entity, row.data, row.withheld)}`;
  }
  return state;
}

async function hqState(code: string): Promise<Record<string, Record<string, string>>> {
  const state: Record<string, Record<string, string>> = {};
  for (const entity of federatedEntities) {
    state[entity] = {};
    for (const row of await readReplicaStates(hqDb(), code, entity)) if (!row.deleted) state[entity]![row.id] = `${row.version}:${row.hash}`;
  }
  return state;
}

beforeAll(async () => {
  federation = await startTestFederation('anti-entropy', ['hk', 'cn']);
  for (let index = 0; index < 8; index += 1) {
    const { customer } = await staffOf('hk').customers.create.mutate(customerInput({ name: `九龍工程 ${index} 有限公司`, annualRevenueGbp: 120_000 + index, allowDuplicate: true }));
    ids.hkCustomers.push(customer.id);
  }
  for (const customerId of ids.hkCustomers.slice(0, 4)) {
    const { record } = await staffOf('hk').contactRecords.create.mutate(contactRecordInput(customerId));
    ids.hkRecords.push(record.id);
  }
  ids.hkClosed = ids.hkRecords[3]!;
  await staffOf('hk').contactRecords.close.mutate({ id: ids.hkClosed });
  ids.hkPerson = (await staffOf('hk').contactPersons.create.mutate({ customerId: ids.hkCustomers[0]!, name: '陳大文', phone: '+852 2345 6789' })).contactPerson.id;
  ids.hkProject = (await staffOf('hk').projects.create.mutate({ jobCode: 'HK-2026-7001', customerId: ids.hkCustomers[1]!, serviceCategory: 'maintenance_construction', country: 'HK', city: 'Kowloon' })).project.id;

  const { customer: cnCustomer } = await staffOf('cn').customers.create.mutate(customerInput({ name: '深圳前海建设有限公司', city: '深圳' }));
  ids.cnPerson = (await staffOf('cn').contactPersons.create.mutate({ customerId: cnCustomer.id, name: '王秘书', phone: '+86 755 1234 5678' })).contactPerson.id;
  ids.cnRecord = (await staffOf('cn').contactRecords.create.mutate(contactRecordInput(cnCustomer.id, { content: cnSecret }))).record.id;

  await eventually(async () => {
    expect(await hqRowCount('region_customers', 'hk')).toBe(8);
    expect(await hqRowCount('region_contact_records', 'hk')).toBe(4);
    expect(await hqRowCount('region_contact_records', 'cn')).toBe(1);
  });
  // Global codes pushed back to the regions come back as new versions: let that settle first.
  await federation.hq.runtime.settled();
  await eventually(async () => {
    expect(await hqState('hk')).toEqual(await regionState('hk'));
    expect(await hqState('cn')).toEqual(await regionState('cn'));
  }, 30_000);
}, 120_000);
afterAll(() => federation?.close());

// A repair of customers re-runs reconciliation; let it finish before the next test corrupts anything,
// or it could match a population with a row missing and push a changed global code to the region.
beforeEach(() => federation.hq.runtime.settled());

describe('anti-entropy', () => {
  it('proves a clean replica and says so on the status', async () => {
    expect((await status('hk')).verifiedAt).toBeNull();
    const report = await federation.hq.runtime.verifyRegion('hk');
    expect(report).toMatchObject({ outcome: 'verified', diverged: 0, repaired: 0 });
    expect(report!.rowsCompared).toBeGreaterThanOrEqual(8 + 4 + 1 + 1 + 8);
    const hk = await status('hk');
    expect(hk.verifiedAt).not.toBeNull();
    expect(hk.verifiedPosition).toBe(report!.position);
    expect(hk).toMatchObject({ lastVerificationOutcome: 'verified', lastDiverged: 0, lastRepaired: 0, verificationError: null });
  });

  it('finds and repairs deleted, altered, stale, over-versioned and extra replica rows at HQ', async () => {
    const before = await regionState('hk');
    const [deleted, extraOf] = ids.hkCustomers;
    await hqDb().execute(sql`delete from region_customers where region = 'hk' and id = ${deleted}`);
    // Same version, other content: only a hash of the content can see it.
    await hqDb().execute(sql`update region_contact_records set content = '被改動的內容' where region = 'hk' and id = ${ids.hkRecords[0]}`);
    await hqDb().execute(sql`update region_projects set version = version - 1, city = 'Old Town' where region = 'hk' and id = ${ids.hkProject}`);
    await hqDb().execute(sql`update region_contact_persons set version = version + 5 where region = 'hk' and id = ${ids.hkPerson}`);
    await hqDb().execute(sql`update region_customers set deleted_at = now() where region = 'hk' and id = ${ids.hkCustomers[2]}`);
    await hqDb().execute(sql`delete from region_manager_assignments where region = 'hk' and customer_id = ${ids.hkCustomers[3]}`);
    const ghost = randomUUID();
    await hqDb().execute(sql`insert into region_customers (region, id, version, code, name, segment, sub_segment, city, country, lifecycle_stage, account_manager)
      select region, ${ghost}, 1, 'GHOST', 'Ghost Ltd', segment, sub_segment, city, country, lifecycle_stage, account_manager from region_customers where region = 'hk' and id = ${extraOf}`);
    expect(await hqState('hk')).not.toEqual(before);

    const report = await federation.hq.runtime.verifyRegion('hk');
    expect(report).toMatchObject({ outcome: 'verified', diverged: 7, repaired: 7 });
    expect(report!.entities.customer).toMatchObject({ missing: 2, extra: 1 });
    expect(report!.entities.contactRecord).toMatchObject({ altered: 1 });
    expect(report!.entities.project).toMatchObject({ stale: 1 });
    expect(report!.entities.contactPerson).toMatchObject({ altered: 1 });
    expect(report!.entities.accountManagerAssignment).toMatchObject({ missing: 1 });
    expect(await hqState('hk')).toEqual(await regionState('hk'));
    expect(await hqState('hk')).toEqual(before);

    const hk = await status('hk');
    expect(hk).toMatchObject({ lastVerificationOutcome: 'verified', lastDiverged: 7, lastRepaired: 7 });
    const ghostRow = (await hqDb().execute(sql`select deleted_at from region_customers where region = 'hk' and id = ${ghost}`)) as unknown as { rows: Array<{ deleted_at: unknown }> };
    expect(ghostRow.rows[0]!.deleted_at).not.toBeNull();
    const runs = (await hqDb().execute(sql`select outcome, diverged, repaired, detail from region_verifications where region = 'hk' order by id desc limit 1`)) as unknown as {
      rows: Array<{ outcome: string; diverged: number; repaired: number; detail: { entities: Record<string, { samples: Record<string, string[]> }> } }>;
    };
    expect(runs.rows[0]).toMatchObject({ outcome: 'verified', diverged: 7, repaired: 7 });
    expect(runs.rows[0]!.detail.entities.project!.samples.stale).toEqual([ids.hkProject]);
  });

  it('repairs changes the region feed lost or altered, so HQ never received them', async () => {
    const [customerId] = ids.hkCustomers;
    const [{ version: versionBefore }] = (await regionSql<{ version: number }>('hk', [[`select version from customers where id = $1`, [customerId]]])) as [{ version: number }];
    // A raw-SQL correction whose feed row then vanishes, a new contact person with no feed row at all,
    // and a project change whose feed row was rewritten: HQ's feed pull cannot know about any of them.
    await regionSql('hk', [
      [`update customers set name = '九龍工程（更正）有限公司' where id = $1`, [customerId]],
      [`delete from change_feed where entity = 'customer' and entity_id = $1 and seq = (select max(seq) from change_feed where entity_id = $1)`, [customerId]],
      [`insert into contact_persons (customer_id, name, created_by, updated_by) values ($1, '李小姐', 'dba', 'dba')`, [customerId]],
      [`delete from change_feed where entity = 'contactPerson' and seq = (select max(seq) from change_feed where entity = 'contactPerson')`],
    ]);
    await regionSql('hk', [
      [`update projects set site = 'Tower B' where id = $1`, [ids.hkProject]],
      [`update change_feed set payload = jsonb_set(payload, '{site}', '"Forged Tower"') where seq = (select max(seq) from change_feed where entity = 'project')`],
    ]);
    await federation.hq.runtime.syncNow('hk');
    await eventually(async () => {
      const site = (await hqDb().execute(sql`select site from region_projects where region = 'hk' and id = ${ids.hkProject}`)) as unknown as { rows: Array<{ site: string }> };
      expect(site.rows[0]!.site).toBe('Forged Tower');
    });
    const report = await federation.hq.runtime.verifyRegion('hk');
    expect(report).toMatchObject({ outcome: 'verified', diverged: 3, repaired: 3 });
    expect(report!.entities.customer).toMatchObject({ stale: 1 });
    expect(report!.entities.contactPerson).toMatchObject({ missing: 1 });
    expect(report!.entities.project).toMatchObject({ altered: 1 });
    expect(await hqState('hk')).toEqual(await regionState('hk'));
    const name = (await hqDb().execute(sql`select name, version from region_customers where region = 'hk' and id = ${customerId}`)) as unknown as { rows: Array<{ name: string; version: number }> };
    expect(name.rows[0]).toEqual({ name: '九龍工程（更正）有限公司', version: versionBefore + 1 });
  });

  it('moves the version of a row changed by raw SQL, so the correction reaches HQ through the feed', async () => {
    const customerId = ids.hkCustomers[5]!;
    const [{ version }] = (await regionSql<{ version: number }>('hk', [[`select version from customers where id = $1`, [customerId]]])) as [{ version: number }];
    const [row] = await regionSql<{ version: number; updated_by: string }>('hk', [
      [`update customers set city = 'Sha Tin' where id = $1 returning version, updated_by`, [customerId]],
    ]);
    expect(row!.version).toBe(version + 1);
    expect(row!.updated_by).toMatch(/^sql:/);
    // Setting the version back does not make a change invisible either.
    const [again] = await regionSql<{ version: number }>('hk', [[`update customers set city = 'Tai Po', version = 1 where id = $1 returning version`, [customerId]]]);
    expect(again!.version).toBe(version + 2);
    const [unchanged] = await regionSql<{ version: number }>('hk', [[`update customers set city = city where id = $1 returning version`, [customerId]]]);
    expect(unchanged!.version).toBe(version + 2);
    await eventually(async () => {
      const held = (await hqDb().execute(sql`select city, version from region_customers where region = 'hk' and id = ${customerId}`)) as unknown as { rows: Array<{ city: string; version: number }> };
      expect(held.rows[0]).toEqual({ city: 'Tai Po', version: version + 2 });
    });
    // A closed record stays closed to raw SQL as before.
    await expect(regionSql('hk', [[`update contact_records set content = 'rewritten' where id = $1`, [ids.hkClosed]]])).rejects.toThrow(/closed/);
  });

  it('keeps withheld fields out of the digest inputs and repairs a withheld value that reached HQ', async () => {
    const client = regionClient('cn');
    const digest = await client.federation.digest.query({ entities: ['contactRecord', 'contactPerson'] });
    const rows = [];
    for (const entry of digest.entities) {
      const answer = await client.federation.rowsInBuckets.query({ entity: entry.entity, prefixLength: entry.prefixLength, buckets: entry.buckets.map((bucket) => bucket.bucket) });
      rows.push(...answer.rows);
    }
    const record = rows.find((row) => row.id === ids.cnRecord)!;
    expect(record.withheld).toEqual(expect.arrayContaining(['content', 'place', 'outcome', 'nextStep']));
    expect(Object.keys(record.data)).not.toContain('content');
    const person = rows.find((row) => row.id === ids.cnPerson)!;
    expect(Object.keys(person.data)).not.toContain('name');
    expect(JSON.stringify(rows)).not.toContain(cnSecret);
    expect(JSON.stringify(rows)).not.toContain('王秘书');

    // A withheld field that somehow holds a value at HQ differs from what the region federates.
    await hqDb().execute(sql`update region_contact_records set content = 'leaked text' where region = 'cn' and id = ${ids.cnRecord}`);
    const report = await federation.hq.runtime.verifyRegion('cn');
    expect(report).toMatchObject({ outcome: 'verified', diverged: 1, repaired: 1 });
    const held = (await hqDb().execute(sql`select content, withheld from region_contact_records where region = 'cn' and id = ${ids.cnRecord}`)) as unknown as { rows: Array<{ content: string | null; withheld: string[] }> };
    expect(held.rows[0]!.content).toBeNull();
    const stored = (await hqDb().execute(sql`select count(*)::int as n from region_verifications where detail::text like ${`%${cnSecret}%`} or error like ${`%${cnSecret}%`}`)) as unknown as { rows: Array<{ n: number }> };
    expect(Number(stored.rows[0]!.n)).toBe(0);
  });

  it('leaves verified_at alone when the region becomes unreachable mid-verification', async () => {
    const proven = (await status('hk')).verifiedAt;
    expect(proven).not.toBeNull();
    await hqDb().execute(sql`update region_contact_records set outcome = 'tampered' where region = 'hk' and id = ${ids.hkRecords[1]}`);
    const hk = federation.regions.get('hk')!;
    const real = regionClient('hk');
    // The digest answers; the region then goes down before HQ can refetch the diverging bucket.
    const flaky = {
      federation: {
        digest: real.federation.digest,
        rowsInBuckets: {
          query: async (input: Parameters<RegionClient['federation']['rowsInBuckets']['query']>[0]) => {
            await hk.stop();
            return real.federation.rowsInBuckets.query(input);
          },
        },
      },
    } as unknown as RegionClient;
    try {
      const report = await verifyRegion({ db: hqDb(), code: 'hk', client: flaky, catchUp: async () => undefined });
      expect(report.outcome).toBe('failed');
      expect(report.error).toBeTruthy();
    } finally {
      await hk.restart();
    }
    const after = await status('hk');
    expect(after.verifiedAt).toEqual(proven);
    expect(after.lastVerificationOutcome).toBe('failed');
    expect(after.verificationError).toBeTruthy();

    const recovered = await federation.hq.runtime.verifyRegion('hk');
    expect(recovered).toMatchObject({ outcome: 'verified', diverged: 1, repaired: 1 });
    expect(new Date(String((await status('hk')).verifiedAt)).getTime()).toBeGreaterThan(new Date(String(proven)).getTime());
  });

  it('refuses malformed bucket requests with a 400, and SSO users whatever their role', async () => {
    const failure = await failureOf(regionClient('hk').federation.rowsInBuckets.query({ entity: 'customer', prefixLength: 2, buckets: ['a'] }));
    expect(failure.data.code).toBe('BAD_REQUEST');
    const admin = federation.regions.get('hk')!.as({ login: 'root.admin', groups: 'crm-admin,crm-hq' });
    expect((await failureOf(admin.federation.digest.query({}))).data).toMatchObject({ code: 'UNAUTHORIZED', messageKey: 'errors.federation_token_invalid' });
    expect((await failureOf(admin.federation.rowsInBuckets.query({ entity: 'customer', prefixLength: 1, buckets: ['a'] }))).data.code).toBe('UNAUTHORIZED');
  });

  it('after one verification HQ equals the region exactly, whatever set of replica rows was corrupted', async () => {
    const targets: Array<{ entity: FederatedEntity; table: string }> = [
      { entity: 'customer', table: 'region_customers' },
      { entity: 'contactRecord', table: 'region_contact_records' },
      { entity: 'contactPerson', table: 'region_contact_persons' },
      { entity: 'project', table: 'region_projects' },
      { entity: 'accountManagerAssignment', table: 'region_manager_assignments' },
    ];
    const truth = await regionState('hk');
    const rowsOf = (entity: FederatedEntity) => Object.keys(truth[entity]!).sort();
    const corruption = fc.record({
      target: fc.integer({ min: 0, max: targets.length - 1 }),
      row: fc.nat(),
      kind: fc.constantFrom('delete', 'alter', 'stale', 'overVersion', 'tombstone', 'extra'),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(corruption, { minLength: 1, maxLength: 6 }), async (corruptions) => {
        run += 1;
        const touched = new Set<string>();
        let expected = 0;
        // Extra rows are copies of real ones: made first, while every source row is still in place.
        const ordered = [...corruptions].sort((a, b) => Number(b.kind === 'extra') - Number(a.kind === 'extra'));
        for (const [index, { target, row, kind }] of ordered.entries()) {
          const { entity, table } = targets[target]!;
          const versioned = entity !== 'accountManagerAssignment';
          const id = rowsOf(entity)[row % rowsOf(entity).length]!;
          const effective = !versioned && (kind === 'stale' || kind === 'overVersion' || kind === 'tombstone') ? 'alter' : kind;
          if (effective !== 'extra' && touched.has(`${entity}:${id}`)) continue;
          const where = sql`region = 'hk' and id = ${id}`;
          const textColumn = sql.raw(entity === 'accountManagerAssignment' ? 'account_manager' : entity === 'project' ? 'city' : entity === 'customer' ? 'city' : entity === 'contactRecord' ? 'outcome' : 'role');
          if (effective === 'delete') await hqDb().execute(sql`delete from ${sql.identifier(table)} where ${where}`);
          if (effective === 'alter') await hqDb().execute(sql`update ${sql.identifier(table)} set ${textColumn} = ${`corrupt ${run}.${index}`} where ${where}`);
          if (effective === 'stale') await hqDb().execute(sql`update ${sql.identifier(table)} set version = version - 1 where ${where}`);
          if (effective === 'overVersion') await hqDb().execute(sql`update ${sql.identifier(table)} set version = version + 1 + ${index} where ${where}`);
          if (effective === 'tombstone') await hqDb().execute(sql`update ${sql.identifier(table)} set deleted_at = now() where ${where}`);
          if (effective === 'extra') {
            const newId = versioned ? randomUUID() : String(9_000_000 + run * 10 + index);
            await hqDb().execute(sql`insert into ${sql.identifier(table)} select * from jsonb_populate_record(null::${sql.identifier(table)},
              (select to_jsonb(t) || jsonb_build_object('id', ${newId}::text) from ${sql.identifier(table)} t where ${where}))`);
          }
          touched.add(`${entity}:${id}`);
          expected += 1;
        }
        const report = await federation.hq.runtime.verifyRegion('hk');
        expect(report).toMatchObject({ outcome: 'verified', diverged: expected, repaired: expected });
        expect(await hqState('hk')).toEqual(truth);
        await federation.hq.runtime.settled();
      }),
      { numRuns: 12 },
    );
    expect(await status('hk')).toMatchObject({ lastVerificationOutcome: 'verified' });
  }, 120_000);
});
