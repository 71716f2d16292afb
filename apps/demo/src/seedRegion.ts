import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { createRegionCaller, createRegionContext, type RegionRuntime } from '@meridian/region-api';
import { customers, type RegionDatabase } from '@meridian/region-db';
import { count } from 'drizzle-orm';
import type { DemoSeed } from './seedFile.ts';

/** A local wall-clock time in the region's zone, `daysAgo` days before now, as a UTC instant. */
function localTime(timezone: string, daysAgo: number, hour: number): Date {
  const today = new TZDate(Date.now(), timezone);
  return new TZDate(today.getFullYear(), today.getMonth(), today.getDate() - daysAgo, hour, 0, 0, timezone);
}

export async function isRegionEmpty(db: RegionDatabase): Promise<boolean> {
  const [row] = await db.select({ customers: count() }).from(customers);
  return row!.customers === 0;
}

/**
 * Writes the demo dataset through the region API itself, as the seed's own users, so the demo's data
 * passes the same validation, audit and change feed as anything staff type.
 */
export async function seedRegion(db: RegionDatabase, region: RegionRuntime, seed: DemoSeed): Promise<{ customers: number; contactRecords: number }> {
  const callerFor = (login: string) => {
    const user = seed.users.find((candidate) => candidate.login === login) ?? seed.users[0]!;
    const groups = [...user.roles.map((role) => `crm-${role}`), 'crm-staff', `crm-region-${region.config.code}`].join(',');
    const headers = new Headers({ 'x-forwarded-user': user.login, 'x-forwarded-groups': groups });
    return createRegionCaller(createRegionContext({ db, region, headers, security: { demoMode: true, proxySecret: null }, origin: 'demo-seed' }));
  };
  let contactRecords = 0;
  for (const entry of seed.customers) {
    const api = callerFor(entry.accountManager);
    const { contactPersons, projects, contactRecords: records, ...fields } = entry;
    const { customer } = await api.customers.create({ ...fields, allowDuplicate: true });
    for (const person of contactPersons) await api.contactPersons.create({ customerId: customer.id, ...person });
    for (const project of projects) await api.projects.create({ customerId: customer.id, ...project });
    for (const { daysAgo, hour, nextStepDueInDays, close, ...record } of records) {
      const occurredAt = localTime(region.config.timezone, daysAgo, hour);
      const { record: created } = await api.contactRecords.create({
        ...record,
        customerId: customer.id,
        occurredAt: occurredAt.toISOString(),
        nextStepDue: nextStepDueInDays === undefined ? undefined : addDays(occurredAt, nextStepDueInDays).toISOString(),
      });
      if (close) await api.contactRecords.close({ id: created.id });
      contactRecords += 1;
    }
  }
  return { customers: seed.customers.length, contactRecords };
}
