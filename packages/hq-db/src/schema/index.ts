export * from './regions.ts';
export * from './regionData.ts';
export * from './globalAccounts.ts';
export * from './reviews.ts';
export * from './auditChain.ts';
