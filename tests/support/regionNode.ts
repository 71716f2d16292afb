import { loadRegionConfig } from '@meridian/region-config';
import { startRegionNode, type RunningRegionNode, type StartRegionNodeOptions } from '@meridian/region-node';
import type { RegionRouter } from '@meridian/region-api';
import type { RegionSecurity } from '@meridian/region-api';
import { createTestRegionDatabase, type TestRegionDatabase } from '@meridian/test-utils';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';

export const testProxySecret = 'test-proxy-secret';

export interface TestUser {
  login: string;
  /** Comma-separated SSO groups, as the proxy sends them. */
  groups: string;
}

export const users = {
  staff: { login: 'kaming.wong', groups: 'crm-staff,crm-region-hk' },
  otherStaff: { login: 'siuming.chan', groups: 'crm-staff,crm-region-hk' },
  lead: { login: 'mei.lee', groups: 'crm-lead,crm-region-hk' },
  hq: { login: 'james.whitfield', groups: 'crm-hq' },
  admin: { login: 'root.admin', groups: 'crm-admin' },
  staffElsewhere: { login: 'li.na', groups: 'crm-staff,crm-region-cn' },
  noCrmGroup: { login: 'visitor', groups: 'intranet-users' },
} satisfies Record<string, TestUser>;

export interface TestRegion {
  node: RunningRegionNode;
  /** Takes the node off the network (a region outage); its database stays. */
  stop(): Promise<void>;
  /** Brings it back on the same port and database. */
  restart(): Promise<void>;
  database: TestRegionDatabase;
  /** A typed tRPC client acting as a user, through the proxy (with its secret) unless told otherwise. */
  as(user: TestUser | null, options?: { proxySecret?: string | null }): ReturnType<typeof createTRPCClient<RegionRouter>>;
  /** A client presenting `Authorization: Bearer <token>`, as HQ does. */
  withBearer(token: string): ReturnType<typeof createTRPCClient<RegionRouter>>;
  close(): Promise<void>;
}

export function identityHeaders(user: TestUser | null, proxySecret: string | null = testProxySecret): Record<string, string> {
  return {
    ...(proxySecret ? { 'x-meridian-proxy-secret': proxySecret } : {}),
    ...(user ? { 'x-forwarded-user': user.login, 'x-forwarded-groups': user.groups } : {}),
  };
}

/** The node's HTTP settings a test may set; limits stay on (a test needing more gets its own budget). */
export type HttpTestOptions = Pick<StartRegionNodeOptions, 'rateLimit' | 'maxBatchSize' | 'browserAccess' | 'timeouts'>;

/** A region node on a random port over a fresh database (PostgreSQL when reachable), as the intranet would run it. */
export async function startTestRegion(
  label: string,
  options: { regionCode?: string; security?: RegionSecurity; serveWeb?: boolean; hqUrl?: string } & HttpTestOptions = {},
): Promise<TestRegion> {
  const database = await createTestRegionDatabase(label);
  const start = (port: number) =>
    startRegionNode({
      config: loadRegionConfig(options.regionCode ?? 'hk'),
      database,
      port,
      security: options.security ?? { demoMode: false, proxySecret: testProxySecret },
      serveWeb: options.serveWeb,
      hqUrl: options.hqUrl,
      rateLimit: options.rateLimit,
      maxBatchSize: options.maxBatchSize,
      browserAccess: options.browserAccess,
      timeouts: options.timeouts,
    });
  let node = await start(0);
  let running = true;
  return {
    get node() {
      return node;
    },
    stop: async () => {
      if (running) await node.close();
      running = false;
    },
    restart: async () => {
      if (!running) node = await start(node.port);
      running = true;
    },
    database,
    as: (user, clientOptions = {}) =>
      createTRPCClient<RegionRouter>({
        links: [
          httpLink({
            url: `${node.url}/trpc`,
            headers: identityHeaders(user, clientOptions.proxySecret === undefined ? testProxySecret : clientOptions.proxySecret),
          }),
        ],
      }),
    withBearer: (token) =>
      createTRPCClient<RegionRouter>({ links: [httpLink({ url: `${node.url}/trpc`, headers: { authorization: `Bearer ${token}` } })] }),
    close: async () => {
      if (running) await node.close();
      await database.cleanup();
    },
  };
}

export interface ErrorData {
  code: string;
  httpStatus: number;
  messageKey?: string;
  fieldErrors?: Record<string, string[]>;
  candidates?: Array<{ id: string; code: string; reasons: string[] }>;
}

/** The error a call fails with, as the wire carries it; fails the test if the call succeeds. */
export async function failureOf(call: Promise<unknown>): Promise<{ message: string; data: ErrorData }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return { message: error.message, data: error.data as ErrorData };
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
