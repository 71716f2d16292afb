import { createRegionCaller, createRegionContext, regionRuntime } from '@meridian/region-api';
import { defaultRegionsDir, listRegionCodes, loadRegionConfig } from '@meridian/region-config';
import { createTestRegionDatabase } from '@meridian/test-utils';
import { describe, expect, it } from 'vitest';
import { readDemoSeed } from '../src/seedFile.ts';
import { isRegionEmpty, seedRegion } from '../src/seedRegion.ts';

describe.each(listRegionCodes())('demo dataset of region %s', (code) => {
  it('seeds through the API without a single rejected record, in the region language', async () => {
    const seed = readDemoSeed(defaultRegionsDir, code);
    expect(seed, `regions/${code}/demo-seed.json`).not.toBeNull();
    const database = await createTestRegionDatabase(`demo-seed-${code}`);
    try {
      const config = loadRegionConfig(code);
      expect(await isRegionEmpty(database.db)).toBe(true);
      const seeded = await seedRegion(database.db, regionRuntime(config), seed!);
      expect(seeded.customers).toBe(seed!.customers.length);
      expect(await isRegionEmpty(database.db)).toBe(false);

      const lead = seed!.users.find((user) => user.roles.includes('lead'))!;
      const api = createRegionCaller(
        createRegionContext({
          db: database.db,
          region: regionRuntime(config),
          headers: new Headers({ 'x-forwarded-user': lead.login, 'x-forwarded-groups': `crm-lead,crm-region-${code}` }),
          security: { demoMode: true, proxySecret: null },
        }),
      );
      const records = await api.contactRecords.list({ limit: 200 });
      expect(records.items).toHaveLength(seeded.contactRecords);
      expect(records.items.some((record) => record.status === 'open')).toBe(true);
      expect(records.items.some((record) => record.status === 'closed')).toBe(true);
      expect(records.items.every((record) => record.language === config.locales[0])).toBe(true);
    } finally {
      await database.cleanup();
    }
  });
});
