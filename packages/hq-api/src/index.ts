export { hqRouter, createHqCaller, type HqRouter } from './root.ts';
export { createHqContext, type HqContext, type HqServices, type SyncOutcome } from './context.ts';
export { regionStatusView } from './routers/regions.ts';
export { aliasCsvColumns, escapeCell, unescapeCell } from './routers/aliases.ts';
