import type { RegionConfig } from '@meridian/domain';
import type { RegionRegistration } from '@meridian/hq-db';
import { regionBaseUrl } from '@meridian/region-config';

/** What HQ records about a node, from the node's own region.json. */
export function registrationFromConfig(config: RegionConfig): RegionRegistration {
  return {
    code: config.code,
    name: config.name,
    baseUrl: regionBaseUrl(config),
    country: config.country,
    locales: config.locales,
    timezone: config.timezone,
    currency: config.currency,
    dataPolicy: config.dataPolicy,
  };
}
