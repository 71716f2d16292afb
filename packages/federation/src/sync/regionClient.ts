import type { RegionRouter } from '@meridian/region-api';
import { createTRPCClient, httpLink } from '@trpc/client';

/** HQ's typed view of one region node: only the router's type is imported, never its server. */
export function createRegionClient(baseUrl: string, token: () => Promise<string>) {
  return createTRPCClient<RegionRouter>({
    links: [
      httpLink({
        url: `${baseUrl.replace(/\/$/, '')}/trpc`,
        headers: async () => ({ authorization: `Bearer ${await token()}` }),
      }),
    ],
  });
}

export type RegionClient = ReturnType<typeof createRegionClient>;
