import type { Priority, ServiceCategory } from './taxonomy.ts';

export interface ServiceLevelTarget {
  responseHours: number;
  completionHours: number;
}

/**
 * Default agreed service levels for help requests, by service category and priority.
 * A region may override them in its region.json (`serviceLevels`), e.g. where contracts differ.
 */
export const defaultServiceLevels: Record<ServiceCategory, Record<Priority, ServiceLevelTarget>> = {
  consulting: {
    urgent: { responseHours: 4, completionHours: 48 },
    high: { responseHours: 8, completionHours: 120 },
    normal: { responseHours: 24, completionHours: 240 },
    low: { responseHours: 48, completionHours: 480 },
  },
  business_support: {
    urgent: { responseHours: 1, completionHours: 8 },
    high: { responseHours: 4, completionHours: 24 },
    normal: { responseHours: 8, completionHours: 72 },
    low: { responseHours: 24, completionHours: 120 },
  },
  maintenance_construction: {
    urgent: { responseHours: 2, completionHours: 24 },
    high: { responseHours: 4, completionHours: 72 },
    normal: { responseHours: 8, completionHours: 120 },
    low: { responseHours: 24, completionHours: 240 },
  },
};

export interface ServiceLevelDue {
  responseDueAt: Date;
  completionDueAt: Date;
}

export function serviceLevelDue(
  occurredAt: Date,
  category: ServiceCategory,
  priority: Priority,
  levels: Record<ServiceCategory, Record<Priority, ServiceLevelTarget>> = defaultServiceLevels,
): ServiceLevelDue {
  const target = levels[category][priority];
  const hours = (h: number) => new Date(occurredAt.getTime() + h * 3_600_000);
  return { responseDueAt: hours(target.responseHours), completionDueAt: hours(target.completionHours) };
}
