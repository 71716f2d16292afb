import { accountLinks, globalAccounts, regionContactRecords, regionCustomers, regionProjects, regions, type HqExecutor } from '@meridian/hq-db';

/**
 * A small federation, written straight into HQ's replica tables, whose every metric is worked out by hand
 * in the tests. Offices: gb (GB), hk (HK), cn (CN) with data, ae (AE) registered with none.
 *
 * | customer | region | segment / sub-segment                     | revenue £ | lifecycle | account |
 * |----------|--------|-------------------------------------------|-----------|-----------|---------|
 * | c1       | gb     | property / banks_financial_institutions   | 300,000   | active    | G1      |
 * | c2       | hk     | property / banks_financial_institutions   | 250,000   | active    | G1      |
 * | c3       | cn     | property / commercial_developers          | 100,000   | active    | G1      |
 * | c4       | gb     | property / hotels                         | 120,000   | active    | G2      |
 * | c5       | hk     | property / hotels                         |  80,000   | dormant   | G2      |
 * | c6       | gb     | infrastructure / aviation                 |  90,000   | active    | G3      |
 * | c7       | cn     | industrial / petrochemical                |  50,000   | lost      | G4      |
 * | c8       | hk     | industrial / oil_gas                      |  (none)   | dormant   | G4      |
 * | c9       | gb     | property / hotels  (deleted)              | 999,999   | active    | G1      |
 * | c10      | gb     | public / education                        |  20,000   | active    | G5      |
 *
 * Projects: p1 gb GB-001 c1 consulting GB active · p2 hk HK-001 c2 maintenance_construction HK completed ·
 * p3 gb GB-002 c6 consulting AE completed (delivered abroad) · p4 cn CN-001 c7 maintenance_construction CN
 * cancelled · p5 hk HK-002 c5 business_support HK active · p6 gb GB-003 c4 business_support GB cancelled ·
 * p7 hk HK-003 c2 consulting SG planned.
 *
 * Contact records are listed in `records` below (r02 is amended by r03; r31 is deleted; cn withholds text).
 */
export const now = new Date('2026-07-01T00:00:00Z');
export const q2 = { from: new Date('2026-04-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') };

const uuid = (prefix: string, n: number) => `${prefix}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const customerId = (n: number) => uuid('c', n);
export const recordId = (n: number) => uuid('a', n);
const projectId = (n: number) => uuid('b', n);

const at = (iso: string) => new Date(iso);

const customers = [
  { n: 1, region: 'gb', country: 'GB', segment: 'property', subSegment: 'banks_financial_institutions', revenue: 300_000, lifecycle: 'active', account: 'G1', name: 'HSBC UK Bank plc' },
  { n: 2, region: 'hk', country: 'HK', segment: 'property', subSegment: 'banks_financial_institutions', revenue: 250_000, lifecycle: 'active', account: 'G1', name: '香港上海滙豐銀行有限公司' },
  { n: 3, region: 'cn', country: 'CN', segment: 'property', subSegment: 'commercial_developers', revenue: 100_000, lifecycle: 'active', account: 'G1', name: '汇丰银行（中国）有限公司' },
  { n: 4, region: 'gb', country: 'GB', segment: 'property', subSegment: 'hotels', revenue: 120_000, lifecycle: 'active', account: 'G2', name: 'Hilton UK' },
  { n: 5, region: 'hk', country: 'HK', segment: 'property', subSegment: 'hotels', revenue: 80_000, lifecycle: 'dormant', account: 'G2', name: '希爾頓酒店' },
  { n: 6, region: 'gb', country: 'GB', segment: 'infrastructure', subSegment: 'aviation', revenue: 90_000, lifecycle: 'active', account: 'G3', name: 'Heathrow Airport Ltd' },
  { n: 7, region: 'cn', country: 'CN', segment: 'industrial', subSegment: 'petrochemical', revenue: 50_000, lifecycle: 'lost', account: 'G4', name: '中国石化' },
  { n: 8, region: 'hk', country: 'HK', segment: 'industrial', subSegment: 'oil_gas', revenue: null, lifecycle: 'dormant', account: 'G4', name: '中石化（香港）' },
  { n: 9, region: 'gb', country: 'GB', segment: 'property', subSegment: 'hotels', revenue: 999_999, lifecycle: 'active', account: 'G1', name: 'Deleted Ltd', deleted: true },
  { n: 10, region: 'gb', country: 'GB', segment: 'public', subSegment: 'education', revenue: 20_000, lifecycle: 'active', account: 'G5', name: 'Imperial College' },
];

const projects = [
  { n: 1, region: 'gb', job: 'GB-001', customer: 1, category: 'consulting', country: 'GB', status: 'active' },
  { n: 2, region: 'hk', job: 'HK-001', customer: 2, category: 'maintenance_construction', country: 'HK', status: 'completed' },
  { n: 3, region: 'gb', job: 'GB-002', customer: 6, category: 'consulting', country: 'AE', status: 'completed' },
  { n: 4, region: 'cn', job: 'CN-001', customer: 7, category: 'maintenance_construction', country: 'CN', status: 'cancelled' },
  { n: 5, region: 'hk', job: 'HK-002', customer: 5, category: 'business_support', country: 'HK', status: 'active' },
  { n: 6, region: 'gb', job: 'GB-003', customer: 4, category: 'business_support', country: 'GB', status: 'cancelled' },
  { n: 7, region: 'hk', job: 'HK-003', customer: 2, category: 'consulting', country: 'SG', status: 'planned' },
];

interface RecordSpec {
  n: number;
  customer: number;
  type: string;
  channel: string;
  occurred: string;
  /** Closed at this instant; omitted: open. */
  closed?: string;
  category?: string;
  job?: string;
  nextStepDue?: string;
  sla?: { responseDue: string; completionDue: string; responded?: string; completed?: string };
  amends?: number;
  created?: string;
  deleted?: boolean;
}

/** Region of a customer, from the table above. */
const regionOf = (customer: number) => customers.find((c) => c.n === customer)!.region;

export const records: RecordSpec[] = [
  // complaints
  { n: 1, customer: 1, type: 'complaint.timeliness', channel: 'email', occurred: '2026-04-01T00:00:00Z', closed: '2026-04-01T10:00:00Z' },
  { n: 2, customer: 1, type: 'complaint.quality', channel: 'phone', occurred: '2026-05-10T09:00:00Z', closed: '2026-05-12T09:00:00Z', created: '2026-05-10T09:05:00Z' },
  { n: 3, customer: 1, type: 'complaint.billing', channel: 'phone', occurred: '2026-05-10T09:00:00Z', amends: 2, created: '2026-05-13T08:00:00Z' },
  { n: 4, customer: 2, type: 'complaint.timeliness', channel: 'visit', occurred: '2026-05-20T00:00:00Z', closed: '2026-05-21T06:00:00Z' },
  { n: 5, customer: 2, type: 'complaint.timeliness', channel: 'phone', occurred: '2026-06-15T00:00:00Z' },
  { n: 6, customer: 7, type: 'complaint.quality', channel: 'meeting', occurred: '2026-06-01T00:00:00Z', closed: '2026-06-03T00:00:00Z' },
  { n: 7, customer: 5, type: 'complaint.timeliness', channel: 'email', occurred: '2026-03-15T00:00:00Z', closed: '2026-03-16T00:00:00Z' },
  { n: 8, customer: 4, type: 'complaint.staff_conduct', channel: 'phone', occurred: '2026-07-01T00:00:00Z' },
  // help requests (service levels)
  {
    n: 9, customer: 1, type: 'help_request.technical_support', channel: 'phone', occurred: '2026-04-10T00:00:00Z', closed: '2026-04-22T00:00:00Z', category: 'consulting',
    sla: { responseDue: '2026-04-11T00:00:00Z', completionDue: '2026-04-20T00:00:00Z', responded: '2026-04-10T08:00:00Z', completed: '2026-04-22T00:00:00Z' },
  },
  {
    n: 10, customer: 4, type: 'help_request.routine', channel: 'email', occurred: '2026-05-01T00:00:00Z', closed: '2026-05-03T00:00:00Z', category: 'business_support',
    sla: { responseDue: '2026-05-01T08:00:00Z', completionDue: '2026-05-04T00:00:00Z', responded: '2026-05-01T08:00:00Z', completed: '2026-05-03T00:00:00Z' },
  },
  {
    n: 11, customer: 2, type: 'help_request.maintenance', channel: 'phone', occurred: '2026-06-20T00:00:00Z', category: 'maintenance_construction',
    sla: { responseDue: '2026-06-20T08:00:00Z', completionDue: '2026-06-25T00:00:00Z', responded: '2026-06-20T20:00:00Z' },
  },
  {
    n: 12, customer: 5, type: 'help_request.emergency', channel: 'visit', occurred: '2026-06-30T12:00:00Z', category: 'maintenance_construction',
    sla: { responseDue: '2026-06-30T14:00:00Z', completionDue: '2026-07-01T12:00:00Z' },
  },
  {
    n: 13, customer: 3, type: 'help_request.technical_support', channel: 'email', occurred: '2026-06-28T00:00:00Z', category: 'consulting',
    sla: { responseDue: '2026-06-29T00:00:00Z', completionDue: '2026-07-08T00:00:00Z', responded: '2026-06-28T10:00:00Z' },
  },
  // the sales funnel
  { n: 14, customer: 1, type: 'enquiry.pricing', channel: 'email', occurred: '2026-04-15T00:00:00Z', closed: '2026-04-16T00:00:00Z', category: 'consulting' },
  { n: 15, customer: 1, type: 'order.new', channel: 'email', occurred: '2026-05-05T00:00:00Z', closed: '2026-05-05T12:00:00Z', category: 'consulting', job: 'GB-001' },
  { n: 16, customer: 6, type: 'enquiry.capability', channel: 'phone', occurred: '2026-05-06T00:00:00Z', closed: '2026-05-07T00:00:00Z', job: 'GB-002' },
  { n: 17, customer: 6, type: 'order.change', channel: 'phone', occurred: '2026-05-20T00:00:00Z', closed: '2026-05-20T12:00:00Z', job: 'GB-002' },
  { n: 18, customer: 2, type: 'enquiry.technical', channel: 'email', occurred: '2026-04-20T00:00:00Z', category: 'maintenance_construction', nextStepDue: '2026-06-10T00:00:00Z' },
  { n: 19, customer: 2, type: 'order.new', channel: 'phone', occurred: '2025-10-01T00:00:00Z', closed: '2025-10-02T00:00:00Z', category: 'maintenance_construction', job: 'HK-001' },
  { n: 20, customer: 2, type: 'enquiry.pricing', channel: 'phone', occurred: '2025-09-15T00:00:00Z', closed: '2025-09-16T00:00:00Z', category: 'maintenance_construction' },
  { n: 21, customer: 7, type: 'order.new', channel: 'email', occurred: '2026-06-05T00:00:00Z', closed: '2026-06-06T00:00:00Z', category: 'maintenance_construction', job: 'CN-001' },
  { n: 22, customer: 4, type: 'enquiry.general', channel: 'phone', occurred: '2026-06-20T00:00:00Z', category: 'consulting', nextStepDue: '2026-06-25T00:00:00Z' },
  { n: 24, customer: 8, type: 'enquiry.availability', channel: 'web', occurred: '2026-05-15T00:00:00Z', category: 'business_support', nextStepDue: '2026-08-01T00:00:00Z' },
  { n: 25, customer: 1, type: 'enquiry.pricing', channel: 'email', occurred: '2025-08-01T00:00:00Z', closed: '2025-08-02T00:00:00Z', category: 'consulting' },
  // contact frequency, period boundaries, the rest
  { n: 26, customer: 6, type: 'information.market_intelligence', channel: 'visit', occurred: '2026-01-10T00:00:00Z', closed: '2026-01-10T12:00:00Z' },
  { n: 27, customer: 6, type: 'information.customer_update', channel: 'phone', occurred: '2026-02-10T00:00:00Z', closed: '2026-02-10T12:00:00Z' },
  { n: 28, customer: 6, type: 'information.gathering', channel: 'email', occurred: '2026-03-10T00:00:00Z', closed: '2026-03-10T12:00:00Z' },
  { n: 29, customer: 3, type: 'information.classification', channel: 'web', occurred: '2026-03-31T23:59:59Z', closed: '2026-04-01T01:00:00Z' },
  { n: 30, customer: 2, type: 'order.renewal', channel: 'email', occurred: '2026-06-10T00:00:00Z', closed: '2026-06-10T12:00:00Z', job: 'HK-003' },
  { n: 31, customer: 1, type: 'enquiry.pricing', channel: 'phone', occurred: '2026-05-01T00:00:00Z', category: 'consulting', deleted: true },
  { n: 32, customer: 7, type: 'information.customer_update', channel: 'meeting', occurred: '2026-04-20T00:00:00Z', nextStepDue: '2026-05-01T00:00:00Z' },
];

/** What cn keeps at home (its records arrive at HQ with these NULL). */
const cnWithheld = ['content', 'outcome', 'nextStep', 'place'];

export async function loadFixture(db: HqExecutor): Promise<void> {
  await db.insert(regions).values(
    [
      { code: 'gb', country: 'GB', locale: 'en-GB', timezone: 'Europe/London', currency: 'GBP' },
      { code: 'hk', country: 'HK', locale: 'zh-HK', timezone: 'Asia/Hong_Kong', currency: 'HKD' },
      { code: 'cn', country: 'CN', locale: 'zh-CN', timezone: 'Asia/Shanghai', currency: 'CNY' },
      { code: 'ae', country: 'AE', locale: 'ar', timezone: 'Asia/Dubai', currency: 'AED' },
    ].map((r) => ({ code: r.code, name: r.code, baseUrl: `http://127.0.0.1:1/${r.code}`, country: r.country, locales: [r.locale], timezone: r.timezone, currency: r.currency, registeredBy: 'test' })),
  );
  await db.insert(globalAccounts).values(
    [
      ['G1', 'HSBC'],
      ['G2', 'Hilton'],
      ['G3', 'Heathrow'],
      ['G4', 'Sinopec'],
      ['G5', 'Imperial College'],
      // merged into G1 long ago: never shown, owns no links
      ['G9', 'HSBC (old code)'],
    ].map(([globalCode, displayName]) => ({ globalCode: globalCode!, displayName: displayName!, mergedInto: globalCode === 'G9' ? 'G1' : null })),
  );
  await db.insert(regionCustomers).values(
    customers.map((c) => ({
      region: c.region,
      id: customerId(c.n),
      version: 1,
      code: `${c.region.toUpperCase()}-C${c.n}`,
      name: c.name,
      segment: c.segment,
      subSegment: c.subSegment,
      city: 'City',
      country: c.country,
      annualRevenueGbp: c.revenue,
      lifecycleStage: c.lifecycle,
      accountManager: 'manager',
      deletedAt: c.deleted ? at('2026-06-01T00:00:00Z') : null,
      withheld: c.region === 'cn' ? ['phone', 'email'] : [],
    })),
  );
  await db.insert(accountLinks).values(customers.map((c) => ({ region: c.region, customerId: customerId(c.n), globalCode: c.account, method: 'auto' as const })));
  await db.insert(regionProjects).values(
    projects.map((p) => ({
      region: p.region,
      id: projectId(p.n),
      version: 1,
      jobCode: p.job,
      customerId: customerId(p.customer),
      name: `Project ${p.job}`,
      serviceCategory: p.category,
      country: p.country,
      city: 'City',
      status: p.status,
    })),
  );
  await db.insert(regionContactRecords).values(
    records.map((r) => {
      const region = regionOf(r.customer);
      const withheld = region === 'cn';
      return {
        region,
        id: recordId(r.n),
        version: 1,
        withheld: withheld ? cnWithheld : [],
        customerId: customerId(r.customer),
        jobCode: r.job ?? null,
        typeCode: r.type,
        channel: r.channel,
        occurredAt: at(r.occurred),
        place: withheld ? null : 'Office',
        content: withheld ? null : `Record ${r.n}: what was said`,
        outcome: withheld ? null : 'Agreed next step',
        nextStep: withheld || !r.nextStepDue ? null : 'Call back',
        nextStepDue: r.nextStepDue ? at(r.nextStepDue) : null,
        language: 'en-GB',
        status: r.closed ? 'closed' : 'open',
        closedAt: r.closed ? at(r.closed) : null,
        amendsId: r.amends ? recordId(r.amends) : null,
        serviceCategory: r.category ?? null,
        priority: r.sla ? 'normal' : null,
        slaResponseDueAt: r.sla ? at(r.sla.responseDue) : null,
        slaCompletionDueAt: r.sla ? at(r.sla.completionDue) : null,
        respondedAt: r.sla?.responded ? at(r.sla.responded) : null,
        completedAt: r.sla?.completed ? at(r.sla.completed) : null,
        createdBy: 'staff',
        createdAt: at(r.created ?? r.occurred),
        deletedAt: r.deleted ? at('2026-05-02T00:00:00Z') : null,
      };
    }),
  );
}
