export * from './applyChanges.ts';
export * from './regions.ts';
export * from './reconciliation.ts';
export * from './accounts.ts';
export * from './account360.ts';
export * from './globalCodePush.ts';
export * from './bulkUpsert.ts';
