export * from './postgres.ts';
export * from './testDatabase.ts';
export * from './regionDatabase.ts';
export * from './hqDatabase.ts';
