export { regionRouter, createRegionCaller, type RegionOutputs, type RegionRouter } from './root.ts';
export { createRegionContext, type RegionContext, type RegionSecurity } from './context.ts';
export { regionRuntime, type RegionRuntime } from './region.ts';
export { AppError, type AppErrorDetails } from './errors.ts';
export type { CustomerView, ContactRecordView } from './views.ts';
export { createChangeNotifier, type ChangeNotifier } from './changeNotifier.ts';
export type { FederatedChange } from './routers/federation.ts';
