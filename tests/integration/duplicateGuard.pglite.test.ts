import { loadRegionConfig } from '@meridian/region-config';
import type { RegionRouter } from '@meridian/region-api';
import { startRegionNode, type RunningRegionNode } from '@meridian/region-node';
import { createTestRegionDatabase, type TestRegionDatabase } from '@meridian/test-utils';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { failureOf, identityHeaders, testProxySecret, users } from '../support/regionNode.ts';

// The embedded default (the demo, a node without DATABASE_URL) runs the guard's SQL too: regular
// expressions, the initials expression index and the one-pass fragment search must behave alike there.
let database: TestRegionDatabase;
let node: RunningRegionNode;
beforeAll(async () => {
  database = await createTestRegionDatabase('duplicate-guard-pglite', { driver: 'pglite' });
  node = await startRegionNode({ config: loadRegionConfig('hk'), database, port: 0, security: { demoMode: false, proxySecret: testProxySecret } });
});
afterAll(async () => {
  await node?.close();
  await database?.cleanup();
});

const staff = () =>
  createTRPCClient<RegionRouter>({ links: [httpLink({ url: `${node.url}/trpc`, headers: identityHeaders(users.staff) })] });

describe('the duplicate guard on PGlite', () => {
  it('warns across scripts and by acronym, and not for a bank sharing only common words', async () => {
    const hsbc = (
      await staff().customers.create.mutate(
        customerInput({ name: '香港上海滙豐銀行有限公司', nameLatin: 'The Hongkong and Shanghai Banking Corporation Limited' }),
      )
    ).customer;
    for (const name of ['汇丰银行', 'HSBC Hong Kong']) {
      const { data } = await failureOf(staff().customers.create.mutate(customerInput({ name })));
      expect(data.candidates?.[0]).toEqual(expect.objectContaining({ id: hsbc.id, reasons: expect.any(Array) }));
    }
    await staff().customers.create.mutate(customerInput({ name: '中国银行' }));
    const { customer } = await staff().customers.create.mutate(customerInput({ name: '中国建设银行' }));
    expect(customer.name).toBe('中国建设银行');
  });
});
