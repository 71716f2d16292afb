/**
 * A region node or HQ as its own OS process, so a fault test can SIGKILL or SIGSTOP it without taking
 * the test runner down. The real servers (`startRegionNode`, `startHq`), configured from one JSON
 * document in MERIDIAN_FAULT_NODE; prints `ready <url>` once it serves.
 */
import { startHq } from '@meridian/hq';
import type { RegionRegistration } from '@meridian/hq-db';
import { loadRegionConfig } from '@meridian/region-config';
import type { DatabaseOptions } from '@meridian/db-driver';
import type { FederationKeySet } from '@meridian/federation-auth';
import { startRegionNode } from '@meridian/region-node';
import { openHqAsItRuns } from './stack.ts';

export type ChildSpec =
  | { kind: 'region'; code: string; database: DatabaseOptions; port: number; proxySecret: string; federationKeys: FederationKeySet }
  | {
      kind: 'hq';
      database: DatabaseOptions;
      port: number;
      proxySecret: string;
      keysDir: string;
      batchSize: number;
      waitMs: number;
      regions: RegionRegistration[];
    };

const spec = JSON.parse(process.env.MERIDIAN_FAULT_NODE ?? 'null') as ChildSpec | null;
if (!spec) throw new Error('MERIDIAN_FAULT_NODE is not set');
const trust = { demoMode: false, proxySecret: spec.proxySecret };

if (spec.kind === 'region') {
  const node = await startRegionNode({
    config: loadRegionConfig(spec.code),
    database: spec.database,
    port: spec.port,
    hostname: '127.0.0.1',
    security: { ...trust, federationKeys: spec.federationKeys },
  });
  console.log(`ready ${node.url}`);
} else {
  const hq = await startHq({
    database: await openHqAsItRuns(spec.database),
    keysDir: spec.keysDir,
    port: spec.port,
    hostname: '127.0.0.1',
    trust,
    batchSize: spec.batchSize,
    waitMs: spec.waitMs,
    log: (message) => console.log(message),
  });
  for (const registration of spec.regions) await hq.runtime.registerRegion(registration, 'fault-test');
  console.log(`ready ${hq.url}`);
}
