import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startHq, type RunningHq } from '@meridian/hq';
import { defaultRegionsDir, loadFederationKeys, loadRegionConfig } from '@meridian/region-config';
import { startRegionNode, type RunningRegionNode } from '@meridian/region-node';
import { createTestHqDatabase, type TestHqDatabase } from '@meridian/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { eventually } from '../support/federation.ts';
import { freePort } from '../support/ports.ts';
import { identityHeaders, testProxySecret } from '../support/regionNode.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../apps/cli/src/regionAdd.ts', import.meta.url));


let workDir: string;
let hqDatabase: TestHqDatabase;
let hq: RunningHq;
let node: RunningRegionNode | undefined;
beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'meridian-region-add-'));
  // A copy of the real regions/ (so the pilot region can serve as a template) that the CLI may write to.
  cpSync(join(defaultRegionsDir, 'cn'), join(workDir, 'regions', 'cn'), { recursive: true });
  hqDatabase = await createTestHqDatabase('region-add');
  hq = await startHq({ database: hqDatabase, keysDir: join(workDir, 'hq-keys'), port: 0, trust: { demoMode: false, proxySecret: testProxySecret }, waitMs: 2_000, log: () => undefined });
});
afterAll(async () => {
  // HQ first: its long-poll on the node must end before the node's database closes.
  await hq?.close();
  await node?.close();
  await hqDatabase?.cleanup();
});

describe('npm run region:add', () => {
  it('onboards a node from a pilot region template, and HQ federates it without code changes', async () => {
    const port = await freePort();
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', cli, '--code', 'sg', '--name', 'Singapore', '--locale', 'en-SG', '--locale', 'zh-CN', '--timezone', 'Asia/Singapore', '--currency', 'SGD', '--port', String(port), '--template', 'cn', '--hq', hq.url],
      {
        env: {
          ...process.env,
          MERIDIAN_REGIONS_DIR: join(workDir, 'regions'),
          MERIDIAN_DATA_DIR: join(workDir, 'data'),
          MERIDIAN_HQ_KEYS_DIR: join(workDir, 'hq-keys'),
          MERIDIAN_PROXY_SECRET: testProxySecret,
        },
      },
    );
    expect(stdout).toContain('registered at HQ');

    const regionsDir = join(workDir, 'regions');
    const config = loadRegionConfig('sg', regionsDir);
    expect(config).toMatchObject({ code: 'sg', country: 'SG', locales: ['en-SG', 'zh-CN'], timezone: 'Asia/Singapore', currency: 'SGD', port });
    // From the template: contact-type tailoring and the data policy.
    expect(config.contactTypes.hidden).toEqual(loadRegionConfig('cn', regionsDir).contactTypes.hidden);
    expect(config.dataPolicy).toEqual(loadRegionConfig('cn', regionsDir).dataPolicy);
    expect(existsSync(join(workDir, 'data', 'sg'))).toBe(true);
    const publicKeys = JSON.parse(readFileSync(join(regionsDir, 'sg', 'federation-keys.json'), 'utf8')) as { keys: Array<{ d?: string }> };
    expect(publicKeys.keys[0]?.d).toBeUndefined();

    // Start the node as `npm start` would, from what the CLI wrote.
    node = await startRegionNode({
      config,
      database: { driver: 'pglite', dataDir: join(workDir, 'data', 'sg') },
      port,
      security: { demoMode: false, proxySecret: testProxySecret, federationKeys: loadFederationKeys('sg', regionsDir) },
    });
    const created = await fetch(`${node.url}/trpc/customers.create`, {
      method: 'POST',
      headers: { ...identityHeaders({ login: 'tan.wei', groups: 'crm-staff,crm-region-sg' }), 'content-type': 'application/json' },
      body: JSON.stringify(customerInput({ name: 'Changi Airport Group', city: 'Singapore' })),
    });
    expect(created.status).toBe(200);
    await eventually(async () => {
      const [status] = (await hq.runtime.syncNow('sg')) ?? [];
      expect(status?.error).toBeUndefined();
      const region = (await fetch(`${hq.url}/trpc/regions.status`, { headers: identityHeaders({ login: 'a', groups: 'crm-admin' }) }).then((r) => r.json())) as {
        result: { data: Array<{ code: string; changesApplied: number }> };
      };
      expect(region.result.data.find((candidate) => candidate.code === 'sg')?.changesApplied).toBeGreaterThan(0);
    });
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const failure = await run(process.execPath, ['--import', 'tsx', cli, '--code', 'xx', '--name', 'Nowhere', '--locale', 'en', '--timezone', 'Mars/Olympus', '--currency', 'EUR'], {
      env: { ...process.env, MERIDIAN_REGIONS_DIR: join(workDir, 'regions'), MERIDIAN_DATA_DIR: join(workDir, 'data') },
    }).catch((error: { code: number; stderr: string }) => error);
    expect((failure as { code: number }).code).toBe(2);
    expect((failure as { stderr: string }).stderr).toMatch(/--timezone/);
    expect(existsSync(join(workDir, 'regions', 'xx'))).toBe(false);
  });
});
