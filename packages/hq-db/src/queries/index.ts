export * from './applyChanges.ts';
export * from './regions.ts';
export * from './reconciliation.ts';
