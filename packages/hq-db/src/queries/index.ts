export * from './applyChanges.ts';
export * from './regions.ts';
