export { FederationKeyStore } from './keyStore.ts';
export { createRegionClient, type RegionClient } from './sync/regionClient.ts';
export { startRegionSync, type RegionSync, type RegionSyncOptions } from './sync/regionSync.ts';
