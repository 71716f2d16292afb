import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { eventually, hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';

// Catch-up-triggered verification on, with a short gap so the test need not wait 30 s; the timer stays off.
process.env.MERIDIAN_VERIFY_INTERVAL_MS = '0';
process.env.MERIDIAN_VERIFY_AFTER_CATCH_UP = '1';
process.env.MERIDIAN_VERIFY_MIN_GAP_MS = '500';

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation('anti-entropy-schedule', ['gb']);
});
afterAll(() => federation?.close());

const gbStatus = async () => (await federation.hqAs(hqUsers.admin).regions.status.query()).find((region) => region.code === 'gb')!;

it('verifies a region by itself once HQ has caught up after new changes, and repairs what it finds', async () => {
  const staff = federation.regions.get('gb')!.as({ login: 'gb.staff', groups: 'crm-staff,crm-region-gb' });
  const { customer } = await staff.customers.create.mutate(customerInput({ name: 'Thames Facilities Ltd', city: 'London' }));
  // HQ's global code goes back to the region and returns as a new version: wait until HQ holds that too,
  // and then for a verification after it (the echo marks the region changed, so one follows by itself).
  await eventually(async () => {
    const held = (await federation.hqDatabase.db.execute(sql`select region_global_code from region_customers where region = 'gb' and id = ${customer.id}`)) as unknown as { rows: Array<{ region_global_code: string | null }> };
    expect(held.rows[0]?.region_global_code).toBeTruthy();
  }, 20_000);
  const echoedAt = Date.now();
  const first = await eventually(async () => {
    const status = await gbStatus();
    expect(status.lastVerificationOutcome).toBe('verified');
    expect(new Date(String(status.verifiedAt)).getTime()).toBeGreaterThan(echoedAt);
    return status;
  }, 20_000);

  // A replica altered at HQ, then more work at the region: the catch-up that follows proves and repairs.
  await federation.hqDatabase.db.execute(sql`update region_customers set city = 'Atlantis' where region = 'gb' and id = ${customer.id}`);
  await staff.customers.create.mutate(customerInput({ name: 'Mersey Estates Ltd', city: 'Liverpool' }));
  await eventually(async () => {
    const status = await gbStatus();
    expect(new Date(String(status.verifiedAt)).getTime()).toBeGreaterThan(new Date(String(first.verifiedAt)).getTime());
    expect(status).toMatchObject({ lastVerificationOutcome: 'verified', lastDiverged: 1, lastRepaired: 1 });
  }, 20_000);
  const city = (await federation.hqDatabase.db.execute(sql`select city from region_customers where region = 'gb' and id = ${customer.id}`)) as unknown as { rows: Array<{ city: string }> };
  expect(city.rows[0]!.city).toBe('London');
});
