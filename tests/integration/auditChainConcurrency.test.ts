import { auditKeyRingFromEnv, generateAuditSecret, verifyAuditChain } from '@meridian/region-db';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { startTestRegion, users, type TestRegion } from '../support/regionNode.ts';

process.env.MERIDIAN_AUDIT_SECRET = generateAuditSecret();
const keys = auditKeyRingFromEnv(process.env.MERIDIAN_AUDIT_SECRET)!;

let region: TestRegion;
let rawPool: pg.Pool;
/** Customers only raw SQL touches (a script's own batch), so it never waits on a row the API holds. */
let scriptCustomers: string[] = [];
let apiCustomer: string;

const auditRowCount = async () => Number((await rawPool.query<{ n: string }>('select count(*)::text as n from audit_log')).rows[0]!.n);

beforeAll(async () => {
  region = await startTestRegion('audit-chain-concurrency');
  // The app role's own credentials, as a script run beside the app would use them.
  rawPool = new pg.Pool({ connectionString: region.database.url!, max: 10 });
  rawPool.on('error', () => undefined);
  const staff = region.as(users.staff);
  apiCustomer = (await staff.customers.create.mutate(customerInput())).customer.id;
  for (let i = 0; i < 6; i += 1) scriptCustomers.push((await staff.customers.create.mutate(customerInput())).customer.id);
});
afterAll(async () => {
  await rawPool?.end();
  await region?.close();
});

type Writer =
  | { kind: 'apiCustomer' }
  | { kind: 'apiRecord' }
  | { kind: 'script'; customer: number }
  | { kind: 'scriptRolledBack'; customer: number };

const writer: fc.Arbitrary<Writer> = fc.oneof(
  fc.constant({ kind: 'apiCustomer' as const }),
  fc.constant({ kind: 'apiRecord' as const }),
  fc.record({ kind: fc.constant('script' as const), customer: fc.nat(5) }),
  fc.record({ kind: fc.constant('scriptRolledBack' as const), customer: fc.nat(5) }),
);

async function run(step: Writer, index: number): Promise<void> {
  const staff = region.as(users.staff);
  switch (step.kind) {
    case 'apiCustomer':
      await staff.customers.create.mutate(customerInput());
      return;
    case 'apiRecord':
      await staff.contactRecords.create.mutate(contactRecordInput(apiCustomer, { content: `通話 ${index}` }));
      return;
    case 'script':
    case 'scriptRolledBack': {
      const client = await rawPool.connect();
      try {
        await client.query('begin');
        await client.query(`update customers set city = $2 where id = $1`, [scriptCustomers[step.customer], `City ${index}`]);
        await client.query(step.kind === 'script' ? 'commit' : 'rollback');
      } finally {
        client.release();
      }
    }
  }
}

describe('concurrent writers', () => {
  it('produce one valid chain, whatever mix of API writes, raw SQL and rollbacks runs at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(writer, { minLength: 1, maxLength: 24 }), async (steps) => {
        await Promise.all(steps.map((step, index) => run(step, index)));
        const report = await verifyAuditChain(region.database.db, { keys });
        expect(report.firstBroken).toBeNull();
        expect(report.ok).toBe(true);
        // Every committed audit row is in the chain, once, and nothing rolled back left a hole.
        expect(report.count).toBe(await auditRowCount());
        expect(report.head?.seq).toBe(report.count);
      }),
      { numRuns: 12 },
    );
  });

  it('keeps every API write when 60 land at once (the chain lock is taken first, so writers never deadlock)', async () => {
    const before = await auditRowCount();
    const staff = region.as(users.staff);
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, index) =>
        index % 2 === 0
          ? staff.contactRecords.create.mutate(contactRecordInput(apiCustomer, { content: `並行 ${index}` }))
          : staff.customers.create.mutate(customerInput()),
      ),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const report = await verifyAuditChain(region.database.db, { keys });
    expect(report).toMatchObject({ ok: true, firstBroken: null });
    expect(report.count).toBeGreaterThanOrEqual(before + 60);
    expect(report.attestedCount + report.sqlCount).toBe(report.count);
  });
});
