import {
  defaultServiceLevels,
  type Priority,
  type RegionConfig,
  type ServiceCategory,
  type ServiceLevelTarget,
} from '@meridian/domain';

/** What the API needs to know about the node it serves, derived once from regions/<code>/region.json. */
export interface RegionRuntime {
  config: RegionConfig;
  code: string;
  customerCodePrefix: string;
  /** Language recorded for a contact record when staff do not say. */
  defaultLanguage: string;
  serviceLevels: Record<ServiceCategory, Record<Priority, ServiceLevelTarget>>;
}

export function regionRuntime(config: RegionConfig): RegionRuntime {
  const serviceLevels = structuredClone(defaultServiceLevels);
  for (const [category, byPriority] of Object.entries(config.serviceLevels ?? {})) {
    Object.assign(serviceLevels[category as ServiceCategory], byPriority);
  }
  return {
    config,
    code: config.code,
    customerCodePrefix: config.customerCodePrefix ?? config.code.toUpperCase(),
    defaultLanguage: config.locales[0]!,
    serviceLevels,
  };
}
