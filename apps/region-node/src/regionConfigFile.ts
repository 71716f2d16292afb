import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { regionConfigSchema, type RegionConfig } from '@meridian/domain';
import { federationKeySetSchema, type FederationKeySet } from '@meridian/federation-auth';

/** regions/ at the repository root: one folder per country node, each with a region.json. */
export const defaultRegionsDir = fileURLToPath(new URL('../../../regions', import.meta.url));

export function loadRegionConfig(code: string, regionsDir = defaultRegionsDir): RegionConfig {
  const file = join(regionsDir, code, 'region.json');
  if (!existsSync(file)) throw new Error(`No region configuration at ${file}`);
  const parsed = regionConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new Error(`Invalid ${file}:\n  ${problems.join('\n  ')}`);
  }
  if (parsed.data.code !== code) throw new Error(`${file} says code "${parsed.data.code}" but lives in folder "${code}"`);
  return parsed.data;
}

export function listRegionCodes(regionsDir = defaultRegionsDir): string[] {
  return readdirSync(regionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(regionsDir, entry.name, 'region.json')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * regions/<code>/federation-keys.json: the public half of HQ's key pair(s) for this node (written by
 * `region:add`). Public keys are safe to keep with the configuration; HQ keeps the private halves.
 */
export function loadFederationKeys(code: string, regionsDir = defaultRegionsDir): FederationKeySet | null {
  const file = join(regionsDir, code, 'federation-keys.json');
  if (!existsSync(file)) return null;
  return federationKeySetSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
