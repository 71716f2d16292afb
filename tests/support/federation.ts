import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FederationKeyStore } from '@meridian/federation';
import { startHq, type RunningHq } from '@meridian/hq';
import type { HqRouter } from '@meridian/hq-api';
import { loadRegionConfig, registrationFromConfig } from '@meridian/region-config';
import { createTestHqDatabase, type TestHqDatabase } from '@meridian/test-utils';
import { createTRPCClient, httpLink } from '@trpc/client';
import { identityHeaders, startTestRegion, testProxySecret, type TestRegion, type TestUser } from './regionNode.ts';

export const hqUsers = {
  steward: { login: 'grace.steward', groups: 'crm-hq' },
  admin: { login: 'root.admin', groups: 'crm-admin' },
  lead: { login: 'mei.lee', groups: 'crm-lead' },
  staff: { login: 'kaming.wong', groups: 'crm-staff' },
} satisfies Record<string, TestUser>;

export interface TestFederation {
  keyStore: FederationKeyStore;
  regions: Map<string, TestRegion>;
  hq: RunningHq;
  hqDatabase: TestHqDatabase;
  hqAs(user: TestUser | null): ReturnType<typeof createTRPCClient<HqRouter>>;
  /** Starts (or restarts, on its existing database) a region node and registers it at HQ. */
  addRegion(code: string, label: string): Promise<TestRegion>;
  close(): Promise<void>;
}

/** Polls until `check` passes (or its last failure after `timeoutMs`): replication is asynchronous. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A staff member of one region, signed in through the SSO proxy with that region's group. */
export const regionStaff = (federation: TestFederation, code: string) =>
  federation.regions.get(code)!.as({ login: `${code}.staff`, groups: `crm-staff,crm-region-${code}` });

/** HQ pulls every region now, then finishes the reconciliation, pushes and refreshes that follow. */
export async function settleFederation(federation: TestFederation): Promise<void> {
  await federation.hq.runtime.syncNow();
  await federation.hq.runtime.settled();
}

/** The global code HQ links a region's customer to, or null while it has none. */
export async function accountCodeOf(federation: TestFederation, region: string, customerId: string): Promise<string | null> {
  const link = await federation.hqDatabase.db.query.accountLinks.findFirst({ where: (row, { and, eq }) => and(eq(row.region, region), eq(row.customerId, customerId)) });
  return link?.globalCode ?? null;
}

/** Once HQ has pulled and reconciled the customer (replication is asynchronous): its global code. */
export const linkedAccountCode = (federation: TestFederation, region: string, customerId: string) =>
  eventually(async () => {
    const code = await accountCodeOf(federation, region, customerId);
    if (!code?.startsWith('G-')) throw new Error(`${region} customer ${customerId} is not linked to an account yet`);
    return code;
  });

/** Region nodes and an HQ hub, each on its own fresh database, federating over HTTP as in production. */
export async function startTestFederation(label: string, regionCodes: string[], options: { demo?: boolean } = {}): Promise<TestFederation> {
  const keyStore = new FederationKeyStore(mkdtempSync(join(tmpdir(), 'meridian-keys-')));
  const regions = new Map<string, TestRegion>();
  const hqDatabase = await createTestHqDatabase(label);
  // Demo mode: browsers (the web app under test) act as the SSO proxy and send identity headers themselves.
  const trust = { demoMode: options.demo ?? false, proxySecret: testProxySecret };
  const hq = await startHq({ database: hqDatabase, keysDir: keyStore.directory, port: 0, trust, waitMs: 5_000, log: () => undefined, serveWeb: options.demo });

  async function addRegion(code: string, regionLabel: string) {
    const federationKeys = keyStore.publicKeySet(code) ?? (await keyStore.issue(code));
    const region = await startTestRegion(`${label}-${regionLabel}`, {
      regionCode: code,
      security: { ...trust, federationKeys },
      serveWeb: options.demo,
      hqUrl: hq.url,
    });
    regions.set(code, region);
    await hq.runtime.registerRegion({ ...registrationFromConfig(loadRegionConfig(code)), baseUrl: region.node.url }, 'test');
    return region;
  }
  for (const code of regionCodes) await addRegion(code, code);

  return {
    keyStore,
    regions,
    hq,
    hqDatabase,
    addRegion,
    hqAs: (user) =>
      createTRPCClient<HqRouter>({ links: [httpLink({ url: `${hq.url}/trpc`, headers: identityHeaders(user) })] }),
    close: async () => {
      await hq.close();
      await hqDatabase.cleanup();
      await Promise.all([...regions.values()].map((region) => region.close()));
    },
  };
}
