export { createRegionApp, maxRequestBytes, type RegionAppOptions } from './app.ts';
export { startRegionNode, type RunningRegionNode, type StartRegionNodeOptions } from './server.ts';
