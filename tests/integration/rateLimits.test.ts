import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageKeys } from '@meridian/domain';
import { generateFederationKeyPair, signFederationToken, type FederationKeyPair } from '@meridian/federation-auth';
import { startHq, type RunningHq } from '@meridian/hq';
import { createTestHqDatabase, type TestHqDatabase } from '@meridian/test-utils';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { hqUsers } from '../support/federation.ts';
import { failureOf, identityHeaders, startTestRegion, testProxySecret, users, type TestRegion, type TestUser } from '../support/regionNode.ts';

// Budgets far below the defaults, so a handful of calls crosses them; limits are never switched off.
const budgets = { perIdentity: 5, perSource: 10, federation: 40, windowSeconds: 60, exemptLogins: ['fuzz.robot'] };
const robot: TestUser = { login: 'fuzz.robot', groups: 'crm-staff,crm-region-hk' };

let region: TestRegion;
let federationRegion: TestRegion;
let keys: FederationKeyPair;
beforeAll(async () => {
  keys = await generateFederationKeyPair();
  region = await startTestRegion('rate-limits', { rateLimit: budgets });
  federationRegion = await startTestRegion('rate-limits-federation', {
    rateLimit: budgets,
    security: { demoMode: false, proxySecret: testProxySecret, federationKeys: { keys: [keys.publicJwk] } },
  });
});
afterAll(async () => {
  await region?.close();
  await federationRegion?.close();
});

interface WireError {
  error: { message: string; code: number; data: { code: string; httpStatus: number; messageKey: string; retryAfterSeconds?: number; maxBatchSize?: number } };
}

const me = (node: TestRegion, headers: Record<string, string>) => fetch(`${node.node.url}/trpc/me`, { headers });
/** `GET /trpc/me,me,…?batch=1`: one request carrying `calls` calls. */
const batchOfMe = (node: TestRegion, calls: number, headers: Record<string, string>) => {
  const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, index) => [index, null]))));
  return fetch(`${node.node.url}/trpc/${Array(calls).fill('me').join(',')}?batch=1&input=${input}`, { headers });
};

async function expectThrottled(response: Response) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(budgets.windowSeconds);
  const body = (await response.json()) as WireError;
  expect(body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429, messageKey: messageKeys.rateLimited, retryAfterSeconds: retryAfter });
  expect(body.error.message).toMatch(/too many requests/i);
}

describe('rate limits per identity', () => {
  it('answers 429 with Retry-After once a user exceeds the budget, and leaves other users alone', async () => {
    const staff = identityHeaders(users.staff);
    for (let call = 0; call < budgets.perIdentity; call++) expect((await me(region, staff)).status).toBe(200);
    await expectThrottled(await me(region, staff));
    // The typed client sees the same refusal as a tRPC error.
    const refused = await failureOf(region.as(users.staff).me.query());
    expect(refused.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429, messageKey: messageKeys.rateLimited });
    // Someone else on the same address, through the same proxy, is not throttled by it.
    expect((await region.as(users.otherStaff).me.query()).login).toBe(users.otherStaff.login);
  });

  it('counts a batch of N calls as N', async () => {
    const lead = identityHeaders(users.lead);
    const batch = await batchOfMe(region, 4, lead);
    expect(batch.status).toBe(200);
    expect(((await batch.json()) as unknown[]).length).toBe(4);
    expect((await me(region, lead)).status).toBe(200); // the fifth call of the budget
    await expectThrottled(await batchOfMe(region, 2, lead));
    await expectThrottled(await me(region, lead));
  });

  it('never throttles an exempt login (tests and benchmarks only)', async () => {
    const headers = identityHeaders(robot);
    for (let call = 0; call < budgets.perSource + budgets.perIdentity + 5; call++) expect((await me(region, headers)).status).toBe(200);
  });
});

describe('rate limits per source address', () => {
  it('limits callers that prove no identity by their address', async () => {
    const anonymous = identityHeaders(null);
    for (let call = 0; call < budgets.perSource; call++) expect((await me(region, anonymous)).status).toBe(401);
    await expectThrottled(await me(region, anonymous));
    // A claimed identity without the proxy's secret proves nothing: same address, same bucket.
    await expectThrottled(await me(region, identityHeaders(users.hq, null)));
    // A user the proxy vouches for is counted per login, not per the proxy's address.
    expect((await region.as(users.hq).me.query()).login).toBe(users.hq.login);
  });
});

describe('rate limits for federation', () => {
  const bearer = async () => ({ authorization: `Bearer ${await signFederationToken(keys.privateJwk, 'hk')}` });
  const policy = async () => fetch(`${federationRegion.node.url}/trpc/federation.policy`, { headers: await bearer() });

  it('gives HQ a budget larger than any user or address has, then throttles it too', async () => {
    for (let call = 0; call < budgets.federation; call++) expect((await policy()).status).toBe(200);
    await expectThrottled(await policy());
    // Users of the node keep working while HQ waits.
    expect((await federationRegion.as(users.staff).me.query()).login).toBe(users.staff.login);
  });

  it('charges a refused token at the anonymous rate, so forging tokens buys no larger budget', async () => {
    const forgedRegion = await startTestRegion('rate-limits-forged', {
      rateLimit: budgets,
      security: { demoMode: false, proxySecret: testProxySecret, federationKeys: { keys: [keys.publicJwk] } },
    });
    try {
      const stranger = await generateFederationKeyPair();
      const forged = async () =>
        fetch(`${forgedRegion.node.url}/trpc/federation.policy`, {
          headers: { authorization: `Bearer ${await signFederationToken({ ...stranger.privateJwk, kid: keys.privateJwk.kid }, 'hk')}` },
        });
      let refused = 0;
      let response = await forged();
      while (response.status === 401 && refused < budgets.federation) {
        refused += 1;
        response = await forged();
      }
      await expectThrottled(response);
      expect(refused).toBe(budgets.perSource);
    } finally {
      await forgedRegion.close();
    }
  });
});

describe('batch size', () => {
  it('refuses a batch over the limit with 400 before any call in it runs (one request cannot create 400 customers)', async () => {
    const calls = 400;
    const body = Object.fromEntries(Array.from({ length: calls }, (_, index) => [index, customerInput({ name: `Batch Flood ${index} Ltd` })]));
    const response = await fetch(`${region.node.url}/trpc/${Array(calls).fill('customers.create').join(',')}?batch=1`, {
      method: 'POST',
      headers: { ...identityHeaders(robot), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as WireError;
    expect(error.data).toMatchObject({ code: 'BAD_REQUEST', messageKey: messageKeys.batchTooLarge, maxBatchSize: 20 });
    const found = await region.as(robot).customers.list.query({ query: 'Batch Flood' });
    expect(found.items).toEqual([]);
  });

  it('accepts every batch up to the limit and refuses every one above it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 45 }), async (calls) => {
        const response = await batchOfMe(region, calls, identityHeaders(robot));
        if (calls <= 20) {
          expect(response.status).toBe(200);
          expect(((await response.json()) as unknown[]).length).toBe(calls);
        } else {
          expect(response.status).toBe(400);
          expect(((await response.json()) as WireError).error.data.messageKey).toBe(messageKeys.batchTooLarge);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('rate limits at HQ', () => {
  let hq: RunningHq;
  let hqDatabase: TestHqDatabase;
  beforeAll(async () => {
    hqDatabase = await createTestHqDatabase('rate-limits-hq');
    hq = await startHq({
      database: hqDatabase,
      keysDir: mkdtempSync(join(tmpdir(), 'meridian-keys-')),
      port: 0,
      trust: { demoMode: false, proxySecret: testProxySecret },
      log: () => undefined,
      rateLimit: { perIdentity: 3, perSource: 10, federation: 40, windowSeconds: 2 },
    });
  });
  afterAll(async () => {
    await hq?.close();
    await hqDatabase?.cleanup();
  });

  const status = (user: TestUser) => fetch(`${hq.url}/trpc/regions.status`, { headers: identityHeaders(user) });

  it('throttles one identity, not another, and lets it back in after Retry-After', async () => {
    for (let call = 0; call < 3; call++) expect((await status(hqUsers.steward)).status).toBe(200);
    const refused = await status(hqUsers.steward);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(((await refused.json()) as WireError).error.data.messageKey).toBe(messageKeys.rateLimited);
    expect((await status(hqUsers.admin)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect((await status(hqUsers.steward)).status).toBe(200);
  });

  it('refuses an oversize batch with 400', async () => {
    const response = await fetch(`${hq.url}/trpc/${Array(21).fill('regions.status').join(',')}?batch=1`, { headers: identityHeaders(hqUsers.admin) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as WireError).error.data.messageKey).toBe(messageKeys.batchTooLarge);
  });
});
