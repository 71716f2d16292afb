export { createRegionApp, type RegionAppOptions } from './app.ts';
export { startRegionNode, type RunningRegionNode, type StartRegionNodeOptions } from './server.ts';
