import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { entityColumns } from './columns.ts';
import { customers } from './customers.ts';

export const projects = pgTable(
  'projects',
  {
    ...entityColumns,
    /** The firm's job code; unique within the region that leads the work. */
    jobCode: text('job_code').notNull().unique('projects_job_code_unique'),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name'),
    serviceCategory: text('service_category').notNull(),
    /** Project location: where the work is delivered (may differ from the leading region's country). */
    country: text('country').notNull(),
    city: text('city').notNull(),
    site: text('site'),
    status: text('status').notNull().default('active'),
  },
  (table) => [
    index('projects_customer_idx').on(table.customerId),
  ],
);
