import { createRegionClient } from '@meridian/federation';
import { generateFederationKeyPair, signFederationToken, type FederationKeyPair } from '@meridian/federation-auth';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { eventually } from '../support/federation.ts';
import { failureOf, startTestRegion, users, type TestRegion } from '../support/regionNode.ts';

let keys: FederationKeyPair;
let region: TestRegion;
beforeAll(async () => {
  keys = await generateFederationKeyPair();
  // cn keeps contact-record text and contact persons' personal details at home (regions/cn/region.json).
  region = await startTestRegion('federation-feed', {
    regionCode: 'cn',
    security: { demoMode: false, proxySecret: 'test-proxy-secret', federationKeys: { keys: [keys.publicJwk] } },
  });
});
afterAll(() => region?.close());

// As HQ calls: a fresh token for every request (nodes accept each token once).
const hq = async () => createRegionClient(region.node.url, () => signFederationToken(keys.privateJwk, 'cn'));
const staff = () => region.as({ login: 'li.na', groups: 'crm-staff,crm-region-cn' });

describe('federation.changes access', () => {
  it('is refused without a token, and to SSO users, even admins', async () => {
    expect((await failureOf(region.as(null).federation.changes.query({}))).data.code).toBe('UNAUTHORIZED');
    expect((await failureOf(region.as(users.admin).federation.changes.query({}))).data.code).toBe('UNAUTHORIZED');
  });

  it('is refused with a token for another node, a forged one or an expired one', async () => {
    const forOtherNode = region.withBearer(await signFederationToken(keys.privateJwk, 'hk'));
    expect((await failureOf(forOtherNode.federation.changes.query({}))).data.code).toBe('UNAUTHORIZED');
    const stranger = await generateFederationKeyPair();
    const forged = region.withBearer(await signFederationToken({ ...stranger.privateJwk, kid: keys.privateJwk.kid }, 'cn'));
    expect((await failureOf(forged.federation.changes.query({}))).data.code).toBe('UNAUTHORIZED');
    const issuedAt = Math.floor(Date.now() / 1000) - 600;
    const expiredToken = await new SignJWT({ scope: 'federation' })
      .setProtectedHeader({ alg: 'EdDSA', kid: keys.privateJwk.kid })
      .setIssuer('meridian-hq')
      .setAudience('meridian-region:cn')
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 60)
      .sign(await importJWK(keys.privateJwk as JWK, 'EdDSA'));
    expect((await failureOf(region.withBearer(expiredToken).federation.changes.query({}))).data.code).toBe('UNAUTHORIZED');
  });

  it('does not let a federation token do anything else', async () => {
    expect((await failureOf((await hq()).customers.list.query({}))).data.code).toBe('UNAUTHORIZED');
  });
});

describe('the change feed', () => {
  it('serves every change in order, resumable from its cursor, with withheld fields removed', async () => {
    const { customer } = await staff().customers.create.mutate(customerInput({ name: '中国建筑股份有限公司', phone: '+86 10 8808 2888' }));
    await staff().contactPersons.create.mutate({ customerId: customer.id, name: '王伟', role: '采购经理', phone: '+86 139 0000 0000' });
    const { record } = await staff().contactRecords.create.mutate(contactRecordInput(customer.id, { content: '投诉工期延误', place: '北京' }));

    const client = await hq();
    // A commit is served once every older transaction on the server has finished: eventually, not instantly.
    const first = await eventually(async () => {
      const page = await client.federation.changes.query({ limit: 2 });
      expect(page.changes).toHaveLength(2);
      return page;
    });
    expect(first.changes.map((change) => change.entity)).toEqual(['customer', 'accountManagerAssignment']);
    expect(first.hasMore).toBe(true);
    const rest = await eventually(async () => {
      const page = await client.federation.changes.query({ since: first.nextCursor, limit: 100 });
      expect(page.changes).toHaveLength(2);
      return page;
    });
    const all = [...first.changes, ...rest.changes];
    expect(all.map((change) => change.entity)).toEqual(['customer', 'accountManagerAssignment', 'contactPerson', 'contactRecord']);

    const customerChange = all[0]!;
    expect(customerChange.data).toMatchObject({ name: '中国建筑股份有限公司', code: customer.code, phone: '+86 10 8808 2888' });
    expect(customerChange.data).not.toHaveProperty('searchText');

    const personChange = all[2]!;
    expect(personChange.withheld).toEqual(['name', 'phone', 'email']);
    expect(personChange.data).not.toHaveProperty('name');
    expect(personChange.data).not.toHaveProperty('phone');
    expect(personChange.data).toMatchObject({ role: '采购经理' });

    const recordChange = all[3]!;
    expect(recordChange.entityId).toBe(record.id);
    expect(recordChange.data).toMatchObject({ typeCode: 'enquiry.pricing', status: 'open', customerId: customer.id });
    expect(JSON.stringify(recordChange.data)).not.toContain('投诉工期延误');
    expect(JSON.stringify(recordChange.data)).not.toContain('北京');

    const again = await client.federation.changes.query({ since: rest.nextCursor });
    expect(again.changes).toEqual([]);
    expect(again.nextCursor).toBe(rest.nextCursor);
  });

  it('long-polls: an empty wait returns as soon as a change commits', async () => {
    const client = await hq();
    const head = await client.federation.changes.query({ limit: 5_000 });
    const waiting = client.federation.changes.query({ since: head.nextCursor, waitMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { customer } = await staff().customers.create.mutate(customerInput({ name: '上海长江工程有限公司' }));
    const answer = await waiting;
    expect(answer.changes.some((change) => change.entityId === customer.id)).toBe(true);
  });

  it('rejects a malformed cursor', async () => {
    const { data } = await failureOf((await hq()).federation.changes.query({ since: 'not-a-cursor' }));
    expect(data.fieldErrors).toEqual({ since: ['errors.invalid_cursor'] });
  });
});

describe('global codes pushed back by HQ', () => {
  it('shows staff the global account and where it is served, and is idempotent', async () => {
    const { customer } = await staff().customers.create.mutate(customerInput({ name: '汇丰银行（中国）有限公司' }));
    const client = await hq();
    const link = { customerId: customer.id, globalCode: 'G-00042', countries: ['HK', 'GB', 'CN', 'AE'] };
    expect(await client.federation.linkGlobalCodes.mutate({ links: [link] })).toEqual({ updated: 1 });
    expect(await client.federation.linkGlobalCodes.mutate({ links: [link] })).toEqual({ updated: 0 });
    const seen = await staff().customers.get.query({ id: customer.id });
    expect(seen.globalCode).toBe('G-00042');
    expect(seen.globalCountries).toEqual(['AE', 'CN', 'GB', 'HK']);
  });
});
