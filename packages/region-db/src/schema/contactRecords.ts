import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { entityColumns, utcTimestamp } from './columns.ts';
import { customers } from './customers.ts';
import { projects } from './projects.ts';

export const contactRecords = pgTable(
  'contact_records',
  {
    ...entityColumns,
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    jobCode: text('job_code').references(() => projects.jobCode),
    typeCode: text('type_code').notNull(),
    channel: text('channel').notNull(),
    occurredAt: utcTimestamp('occurred_at').notNull(),
    place: text('place').notNull(),
    content: text('content').notNull(),
    outcome: text('outcome').notNull(),
    nextStep: text('next_step').notNull(),
    nextStepDue: utcTimestamp('next_step_due'),
    language: text('language').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    closedAt: utcTimestamp('closed_at'),
    closedBy: text('closed_by'),
    /** An amendment points at the closed record it corrects; the closed one itself never changes. */
    amendsId: uuid('amends_id'),
    amendReason: text('amend_reason'),
    /**
     * A key the client chose for this record, so a draft re-sent after a dropped connection is stored
     * once: the second send returns the record the first one created.
     */
    clientReference: text('client_reference'),
    // Service-level tracking, for help requests.
    serviceCategory: text('service_category'),
    priority: text('priority'),
    slaResponseDueAt: utcTimestamp('sla_response_due_at'),
    slaCompletionDueAt: utcTimestamp('sla_completion_due_at'),
    respondedAt: utcTimestamp('responded_at'),
    completedAt: utcTimestamp('completed_at'),
  },
  (table) => [
    foreignKey({ columns: [table.amendsId], foreignColumns: [table.id], name: 'contact_records_amends_fk' }),
    index('contact_records_customer_idx').on(table.customerId, table.occurredAt),
    index('contact_records_status_idx').on(table.status, table.nextStepDue),
    index('contact_records_job_code_idx').on(table.jobCode),
    index('contact_records_amends_idx').on(table.amendsId),
    uniqueIndex('contact_records_client_reference_unique').on(table.clientReference),
    check('contact_records_status', sql`${table.status} in ('open', 'closed')`),
    check(
      'contact_records_closed_has_closer',
      sql`${table.status} = 'open' or (${table.closedAt} is not null and ${table.closedBy} is not null)`,
    ),
  ],
);
