import { setupAnalytics } from '@meridian/analytics';
import type { OwnerStep } from '@meridian/db-driver';
import type { HqSchema } from '@meridian/hq-db';

/**
 * What HQ's owner sets up after the migrations: the analytics views, which the app role then refreshes
 * (they are handed to it: PostgreSQL 15 lets only a view's owner refresh it).
 */
export const hqOwnerSteps: readonly OwnerStep<HqSchema>[] = [setupAnalytics];
