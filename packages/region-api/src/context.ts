import type { Identity } from '@meridian/domain';
import { identityFromRequest, requestOrigin, type ProxyTrust } from '@meridian/sso';
import type { FederationKeySet } from '@meridian/federation-auth';
import type { RegionDatabase } from '@meridian/region-db';
import type { ChangeNotifier } from './changeNotifier.ts';
import type { RegionRuntime } from './region.ts';

export interface RegionSecurity extends ProxyTrust {
  /** Public keys of HQ's federation key pair(s) for this node; null: federation refused. */
  federationKeys?: FederationKeySet | null;
}

// A type alias (not an interface) so it satisfies the adapters' Record<string, unknown> context bound.
export type RegionContext = {
  db: RegionDatabase;
  region: RegionRuntime;
  identity: Identity | null;
  /** Where the request came from (client address), for the audit log. */
  origin: string | null;
  /** `Authorization: Bearer …`, checked only by federation procedures. */
  bearerToken: string | null;
  federationKeys: FederationKeySet | null;
  changeNotifier: ChangeNotifier | null;
  /** Aborted when the HTTP client goes away, so a long-poll stops waiting for nobody. */
  signal?: AbortSignal;
};

export function createRegionContext(input: {
  db: RegionDatabase;
  region: RegionRuntime;
  headers: Headers;
  security: RegionSecurity;
  origin?: string | null;
  changeNotifier?: ChangeNotifier | null;
  signal?: AbortSignal;
}): RegionContext {
  const authorization = input.headers.get('authorization');
  return {
    db: input.db,
    region: input.region,
    identity: identityFromRequest(input.headers, input.security),
    origin: input.origin ?? requestOrigin(input.headers, input.security),
    bearerToken: authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null,
    federationKeys: input.security.federationKeys ?? null,
    changeNotifier: input.changeNotifier ?? null,
    signal: input.signal,
  };
}
