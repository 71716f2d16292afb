export * from './postgres.ts';
export * from './regionDatabase.ts';
