import type { HqRouter } from '@meridian/hq-api';
import type { RegionRouter } from '@meridian/region-api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { identityHeaders, type DemoIdentity } from './identity.ts';

/** The web app talks to servers only through these typed clients (types from the API packages). */
export function createRegionApi(url: string, identity: () => DemoIdentity | null) {
  return createTRPCClient<RegionRouter>({ links: [httpLink({ url, headers: () => identityHeaders(identity()) })] });
}

export function createHqApi(url: string, identity: () => DemoIdentity | null) {
  return createTRPCClient<HqRouter>({ links: [httpLink({ url, headers: () => identityHeaders(identity()) })] });
}

export type RegionApi = ReturnType<typeof createRegionApi>;
export type HqApi = ReturnType<typeof createHqApi>;

export interface ApiErrorData {
  code?: string;
  httpStatus?: number;
  messageKey?: string;
  fieldErrors?: Record<string, string[]>;
  candidates?: Array<{ id: string; code: string; name: string; nameLatin: string | null; city: string; accountManager: string; reasons: string[] }>;
}

/** The server's typed error details, or a network failure (no response at all). */
export function errorDetails(error: unknown): ApiErrorData & { network: boolean } {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ApiErrorData;
    return { ...data, network: !data.code && !error.data };
  }
  return { network: true };
}
