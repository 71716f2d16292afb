export { createRegionApp, maxRequestBytes, type RegionAppOptions } from './app.ts';
export { startRegionNode, type RunningRegionNode, type StartRegionNodeOptions } from './server.ts';
export { defaultRegionsDir, listRegionCodes, loadFederationKeys, loadRegionConfig } from './regionConfigFile.ts';
