/** The firm's customer segmentation (case study), as stable snake_case codes used in DB, API and UI. */
export const segmentTaxonomy = {
  property: ['commercial_developers', 'hotels', 'private_residential', 'retail', 'banks_financial_institutions'],
  infrastructure: ['aviation', 'highways', 'rail', 'water', 'power'],
  public: ['education', 'health', 'public_housing', 'government'],
  industrial: ['nuclear', 'pharmaceutical', 'petrochemical', 'oil_gas', 'manufacturing', 'telecom'],
} as const;

export type Segment = keyof typeof segmentTaxonomy;
export type SubSegment = (typeof segmentTaxonomy)[Segment][number];
export const segments = Object.keys(segmentTaxonomy) as Segment[];
export const subSegments = Object.values(segmentTaxonomy).flat() as SubSegment[];

export function isSubSegmentOf(segment: Segment, subSegment: string): boolean {
  return (segmentTaxonomy[segment] as readonly string[]).includes(subSegment);
}

export const serviceCategories = ['consulting', 'business_support', 'maintenance_construction'] as const;
export type ServiceCategory = (typeof serviceCategories)[number];

export const channels = ['phone', 'email', 'fax', 'sms', 'visit', 'meeting', 'web'] as const;
export type Channel = (typeof channels)[number];

export const lifecycleStages = ['prospect', 'active', 'dormant', 'lost'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

export const contactRecordStatuses = ['open', 'closed'] as const;
export type ContactRecordStatus = (typeof contactRecordStatuses)[number];

export const projectStatuses = ['planned', 'active', 'on_hold', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];
