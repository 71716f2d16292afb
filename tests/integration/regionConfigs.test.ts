import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRegionCodes, loadRegionConfig } from '@meridian/region-config';
import { describe, expect, it } from 'vitest';

describe('regions/ configuration', () => {
  it('has the four demo regions, each valid', () => {
    const codes = listRegionCodes();
    expect(codes).toEqual(expect.arrayContaining(['ae', 'cn', 'gb', 'hk']));
    for (const code of codes) expect(loadRegionConfig(code).code).toBe(code);
  });

  it('says which file and field is wrong when a configuration is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-regions-'));
    mkdirSync(join(dir, 'sg'));
    writeFileSync(join(dir, 'sg', 'region.json'), JSON.stringify({ code: 'sg', name: 'Singapore', country: 'SG', locales: ['en-SG'], timezone: 'Nowhere/Atlantis', currency: 'SGD' }));
    expect(() => loadRegionConfig('sg', dir)).toThrow(/sg\/region\.json[\s\S]*timezone/);
  });
});
