/**
 * A region node in its own process, paused with SIGSTOP (the kernel still accepts its connections, nothing
 * answers) and resumed with SIGCONT; and HQ's tokens, which that node accepts once each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegionClient } from '@meridian/federation';
import type { RegionRouter } from '@meridian/region-api';
import { loadRegionConfig, registrationFromConfig, writeFederationKeys } from '@meridian/region-config';
import { createTestRegionDatabase, type TestRegionDatabase } from '@meridian/test-utils';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { eventually, hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';
import { freePort } from '../support/ports.ts';
import { failureOf, identityHeaders, testProxySecret } from '../support/regionNode.ts';

const regionMain = fileURLToPath(new URL('../../apps/region-node/src/main.ts', import.meta.url));

let federation: TestFederation;
let regionDatabase: TestRegionDatabase;
let child: ChildProcess;
let childExited: Promise<unknown>;
let regionUrl: string;
let childLog = '';

beforeAll(async () => {
  federation = await startTestFederation('sync-paused', []);
  regionDatabase = await createTestRegionDatabase('sync-paused-hk');
  const workDir = mkdtempSync(join(tmpdir(), 'meridian-sync-paused-'));
  const regionsDir = join(workDir, 'regions');
  mkdirSync(join(regionsDir, 'hk'), { recursive: true });
  const port = await freePort();
  writeFileSync(join(regionsDir, 'hk', 'region.json'), JSON.stringify({ ...loadRegionConfig('hk'), port }));
  writeFederationKeys('hk', federation.keyStore.publicKeySet('hk') ?? (await federation.keyStore.issue('hk')), regionsDir);
  child = spawn(process.execPath, ['--import', 'tsx', regionMain], {
    env: {
      ...process.env,
      REGION: 'hk',
      MERIDIAN_REGIONS_DIR: regionsDir,
      MERIDIAN_PROXY_SECRET: testProxySecret,
      PORT: String(port),
      // The test database on the server; PGlite in the node's own data directory otherwise.
      ...(regionDatabase.url ? { DATABASE_URL: regionDatabase.url } : { DATABASE_URL: '', MERIDIAN_DATA_DIR: join(workDir, 'data') }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (childLog += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (childLog += chunk.toString()));
  childExited = new Promise((resolve) => child.once('exit', resolve));
  regionUrl = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    expect(child.exitCode, childLog).toBeNull();
    expect((await fetch(`${regionUrl}/health`)).ok).toBe(true);
  }, 60_000);
  await federation.hq.runtime.registerRegion({ ...registrationFromConfig(loadRegionConfig('hk')), baseUrl: regionUrl }, 'test');
}, 120_000);
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    await childExited;
  }
  await federation?.close();
  await regionDatabase?.cleanup();
});

const staff = () => createTRPCClient<RegionRouter>({ links: [httpLink({ url: `${regionUrl}/trpc`, headers: identityHeaders({ login: 'kaming.wong', groups: 'crm-staff,crm-region-hk' }) })] });
const statusOf = async () => (await federation.hqAs(hqUsers.admin).regions.status.query()).find((region) => region.code === 'hk')!;
const heldAtHq = (id: string) => federation.hqDatabase.db.query.regionCustomers.findFirst({ where: (row, { eq }) => eq(row.id, id) });

describe('a region paused with SIGSTOP', () => {
  it('shows as failing with the timeout as cause, and recovers after SIGCONT', { timeout: 120_000 }, async () => {
    // Normal sync first: every long-poll and batch on its own single-use token.
    const { customer: before } = await staff().customers.create.mutate(customerInput({ name: '太古地產有限公司' }));
    await eventually(async () => expect((await heldAtHq(before.id))?.name).toBe('太古地產有限公司'), 20_000);
    await eventually(async () => expect(await statusOf()).toMatchObject({ caughtUp: true, lastError: null }));

    child.kill('SIGSTOP');
    const stoppedAt = Date.now();
    // The test HQ long-polls for 5 s and allows 5 s more: the long-poll in flight when the node froze
    // times out within 10 s of starting.
    const paused = await eventually(async () => {
      const status = await statusOf();
      expect(status.lastError).toBe('region did not answer within 10 s');
      return status;
    }, 30_000);
    expect(paused.consecutiveFailures).toBeGreaterThanOrEqual(1);
    expect(paused.lastError).not.toMatch(/^needs attention/);
    const failingAfterMs = Date.now() - stoppedAt;

    child.kill('SIGCONT');
    const resumedAt = Date.now();
    const { customer: after } = await staff().customers.create.mutate(customerInput({ name: '新鴻基地產發展有限公司' }));
    await eventually(async () => expect((await heldAtHq(after.id))?.name).toBe('新鴻基地產發展有限公司'), 40_000);
    await eventually(async () => expect(await statusOf()).toMatchObject({ lastError: null, consecutiveFailures: 0 }));
    console.log(`SIGSTOP → status shows the timeout after ${failingAfterMs} ms; SIGCONT → new record at HQ, status clear after ${Date.now() - resumedAt} ms`);
  });
});

describe('federation tokens against a running node', () => {
  it('accepts an HQ token once; the replay is refused without saying why, and the node logs why', { timeout: 30_000 }, async () => {
    const token = await federation.keyStore.signerFor('hk')();
    const replaying = createRegionClient(regionUrl, async () => token);
    expect((await replaying.federation.changes.query({ limit: 1 })).changes).toBeDefined();
    const refused = await failureOf(replaying.federation.changes.query({ limit: 1 }));
    expect(refused.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401, messageKey: 'errors.federation_token_invalid' });
    expect(refused.message).not.toMatch(/replay|already|used|jti/i);
    expect(JSON.stringify(refused.data)).not.toMatch(/replay|already|used|jti/i);
    await eventually(async () => expect(childLog).toMatch(/federation token refused .*already used \(replay\)/));

    // HQ itself, signing per request, is unaffected: a sync now still works.
    const [outcome] = await federation.hqAs(hqUsers.admin).sync.run.mutate({ region: 'hk' });
    expect(outcome).toMatchObject({ region: 'hk' });
    expect(outcome).not.toHaveProperty('error');
  });
});
