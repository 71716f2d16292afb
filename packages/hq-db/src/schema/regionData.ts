import { index, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const utc = (name: string) => timestamp(name, { withTimezone: true });

/**
 * HQ's copies of region rows, keyed by (region, id) and guarded by version: a batch applied twice, or
 * an older version arriving after a newer one, changes nothing. `withheld` lists the fields the
 * region's data policy kept at home (null here means "not sent", not "empty").
 */
const replicaColumns = {
  region: text('region').notNull(),
  id: uuid('id').notNull(),
  version: integer('version').notNull(),
  withheld: text('withheld').array().notNull().default([]),
  updatedAt: utc('updated_at'),
  deletedAt: utc('deleted_at'),
  receivedAt: utc('received_at').notNull().defaultNow(),
};

export const regionCustomers = pgTable(
  'region_customers',
  {
    ...replicaColumns,
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameLatin: text('name_latin'),
    nameLatinSource: text('name_latin_source'),
    legalForm: text('legal_form'),
    registrationId: text('registration_id'),
    website: text('website'),
    segment: text('segment').notNull(),
    subSegment: text('sub_segment').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull(),
    phone: text('phone'),
    email: text('email'),
    annualRevenueGbp: numeric('annual_revenue_gbp', { precision: 14, scale: 2, mode: 'number' }),
    lifecycleStage: text('lifecycle_stage').notNull(),
    accountManager: text('account_manager').notNull(),
    /** The global code the region last acknowledged (HQ's own link lives in account_links). */
    regionGlobalCode: text('region_global_code'),
    regionGlobalCountries: text('region_global_countries').array(),
    createdAt: utc('created_at'),
    /** Folded names and code (case, width, Traditional/Simplified), computed by HQ on apply, for search. */
    searchText: text('search_text').notNull().default(''),
  },
  (table) => [primaryKey({ columns: [table.region, table.id] }), index('region_customers_code_idx').on(table.code)],
);

export const regionProjects = pgTable(
  'region_projects',
  {
    ...replicaColumns,
    jobCode: text('job_code').notNull(),
    customerId: uuid('customer_id').notNull(),
    name: text('name'),
    serviceCategory: text('service_category').notNull(),
    country: text('country').notNull(),
    city: text('city').notNull(),
    site: text('site'),
    status: text('status').notNull(),
  },
  (table) => [primaryKey({ columns: [table.region, table.id] }), index('region_projects_customer_idx').on(table.region, table.customerId)],
);

export const regionContactRecords = pgTable(
  'region_contact_records',
  {
    ...replicaColumns,
    customerId: uuid('customer_id').notNull(),
    jobCode: text('job_code'),
    typeCode: text('type_code').notNull(),
    channel: text('channel').notNull(),
    occurredAt: utc('occurred_at').notNull(),
    place: text('place'),
    content: text('content'),
    outcome: text('outcome'),
    nextStep: text('next_step'),
    nextStepDue: utc('next_step_due'),
    language: text('language').notNull(),
    status: text('status').notNull(),
    closedAt: utc('closed_at'),
    amendsId: uuid('amends_id'),
    serviceCategory: text('service_category'),
    priority: text('priority'),
    slaResponseDueAt: utc('sla_response_due_at'),
    slaCompletionDueAt: utc('sla_completion_due_at'),
    respondedAt: utc('responded_at'),
    completedAt: utc('completed_at'),
    createdBy: text('created_by'),
    createdAt: utc('created_at'),
  },
  (table) => [
    primaryKey({ columns: [table.region, table.id] }),
    index('region_contact_records_customer_idx').on(table.region, table.customerId, table.occurredAt),
    index('region_contact_records_type_idx').on(table.typeCode, table.occurredAt),
  ],
);

export const regionContactPersons = pgTable(
  'region_contact_persons',
  {
    ...replicaColumns,
    customerId: uuid('customer_id').notNull(),
    name: text('name'),
    role: text('role'),
    phone: text('phone'),
    email: text('email'),
    preferredLanguage: text('preferred_language'),
  },
  (table) => [primaryKey({ columns: [table.region, table.id] })],
);

/** Account-manager assignments use the region's bigint history id, kept as text. */
export const regionManagerAssignments = pgTable(
  'region_manager_assignments',
  {
    region: text('region').notNull(),
    id: text('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    accountManager: text('account_manager').notNull(),
    startedAt: utc('started_at').notNull(),
    endedAt: utc('ended_at'),
    assignedBy: text('assigned_by'),
    reason: text('reason'),
    withheld: text('withheld').array().notNull().default([]),
    receivedAt: utc('received_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.region, table.id] }), index('region_manager_assignments_customer_idx').on(table.region, table.customerId)],
);
