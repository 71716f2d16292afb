import type { Identity } from '@meridian/domain';
import type { FederationKeySet } from '@meridian/federation-auth';
import type { HqDatabase, RegionRegistration, RegionRow } from '@meridian/hq-db';
import { identityFromRequest, requestOrigin, type ProxyTrust } from '@meridian/sso';

export interface SyncOutcome {
  region: string;
  applied: number;
  cursor: string | null;
  error?: string;
}

/** What the HQ process does beyond reading its database: sync loops, reconciliation, pushing codes. */
export interface HqServices {
  syncNow(region?: string): Promise<SyncOutcome[]>;
  registerRegion(registration: RegionRegistration, actor: string): Promise<{ region: RegionRow; federationKeys: FederationKeySet }>;
  setRegionEnabled(code: string, enabled: boolean, actor: string): Promise<RegionRow | null>;
  reconcileNow(): Promise<unknown>;
  decide(candidateId: number, decision: 'merge' | 'keep_apart', actor: string): Promise<unknown>;
  undo(decisionId: number, actor: string): Promise<unknown>;
}

export type HqContext = {
  db: HqDatabase;
  identity: Identity | null;
  origin: string | null;
  services: HqServices;
};

export function createHqContext(input: { db: HqDatabase; headers: Headers; trust: ProxyTrust; services: HqServices }): HqContext {
  return {
    db: input.db,
    identity: identityFromRequest(input.headers, input.trust),
    origin: requestOrigin(input.headers, input.trust),
    services: input.services,
  };
}

