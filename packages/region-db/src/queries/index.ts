export * from './pagination.ts';
export * from './customers.ts';
export * from './projects.ts';
export * from './contactRecords.ts';
export * from './changeFeed.ts';
export * from './audit.ts';
export * from './analytics.ts';
