export * from './customers.ts';
export * from './projects.ts';
export * from './contactRecords.ts';
export * from './traceability.ts';
