import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  channels,
  contactTypeCodes,
  lifecycleStages,
  priorities,
  roles,
  segments,
  serviceCategories,
  subSegments,
} from '@meridian/domain';
import { z } from 'zod';

/**
 * regions/<code>/demo-seed.json: a small, realistic dataset in the region's own language. Times are
 * relative (days ago, local hour) so the demo always looks current.
 */
const seedContactRecord = z.strictObject({
  typeCode: z.enum(contactTypeCodes as [string, ...string[]]),
  channel: z.enum(channels),
  daysAgo: z.number().int().min(0),
  hour: z.number().int().min(0).max(23),
  place: z.string(),
  content: z.string(),
  outcome: z.string(),
  nextStep: z.string(),
  nextStepDueInDays: z.number().int().min(0).optional(),
  jobCode: z.string().optional(),
  serviceCategory: z.enum(serviceCategories).optional(),
  priority: z.enum(priorities).optional(),
  close: z.boolean(),
});

const seedCustomer = z.strictObject({
  name: z.string(),
  nameLatin: z.string().optional(),
  segment: z.enum(segments),
  subSegment: z.enum(subSegments),
  city: z.string(),
  accountManager: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
  registrationId: z.string().optional(),
  website: z.string().optional(),
  annualRevenueGbp: z.number(),
  lifecycleStage: z.enum(lifecycleStages),
  contactPersons: z.array(
    z.strictObject({
      name: z.string(),
      role: z.string(),
      phone: z.string().optional(),
      email: z.string().optional(),
      preferredLanguage: z.string(),
    }),
  ),
  projects: z.array(
    z.strictObject({
      jobCode: z.string(),
      name: z.string(),
      serviceCategory: z.enum(serviceCategories),
      country: z.string(),
      city: z.string(),
      site: z.string().optional(),
    }),
  ),
  contactRecords: z.array(seedContactRecord),
});

export const demoSeedSchema = z.strictObject({
  users: z.array(z.strictObject({ login: z.string(), roles: z.array(z.enum(roles)) })).min(1),
  customers: z.array(seedCustomer),
});

export type DemoSeed = z.output<typeof demoSeedSchema>;

export function readDemoSeed(regionsDir: string, code: string): DemoSeed | null {
  const file = join(regionsDir, code, 'demo-seed.json');
  if (!existsSync(file)) return null;
  return demoSeedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
