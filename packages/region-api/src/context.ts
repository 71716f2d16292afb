import { timingSafeEqual } from 'node:crypto';
import { identityFromHeaders, type Identity } from '@meridian/domain';
import type { RegionDatabase } from '@meridian/region-db';
import type { RegionRuntime } from './region.ts';

export interface RegionSecurity {
  /** Demo mode trusts identity headers from anyone: never on a real intranet. */
  demoMode: boolean;
  /** Shared secret the intranet's SSO proxy adds (X-Meridian-Proxy-Secret); identity headers need it. */
  proxySecret: string | null;
}

// A type alias (not an interface) so it satisfies the adapters' Record<string, unknown> context bound.
export type RegionContext = {
  db: RegionDatabase;
  region: RegionRuntime;
  identity: Identity | null;
  /** Where the request came from (client address), for the audit log. */
  origin: string | null;
};

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Identity headers count only when the request provably passed the SSO proxy (or in demo mode). */
export function identityFromRequest(headers: Headers, security: RegionSecurity): Identity | null {
  const secret = headers.get('x-meridian-proxy-secret');
  const trusted = security.demoMode || (security.proxySecret !== null && secret !== null && sameSecret(secret, security.proxySecret));
  if (!trusted) return null;
  return identityFromHeaders({
    user: headers.get('x-forwarded-user'),
    email: headers.get('x-forwarded-email'),
    groups: headers.get('x-forwarded-groups'),
  });
}

export function createRegionContext(input: {
  db: RegionDatabase;
  region: RegionRuntime;
  headers: Headers;
  security: RegionSecurity;
  origin?: string | null;
}): RegionContext {
  return {
    db: input.db,
    region: input.region,
    identity: identityFromRequest(input.headers, input.security),
    origin: input.origin ?? null,
  };
}
