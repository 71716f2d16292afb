import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { regionConfigSchema, type RegionConfig } from '@meridian/domain';
import { federationKeySetSchema, type FederationKeySet } from '@meridian/federation-auth';

/**
 * regions/ at the repository root: one folder per country node, each with a region.json (settings,
 * checked by the domain schema) and, once HQ has issued keys, a federation-keys.json. MERIDIAN_REGIONS_DIR
 * points elsewhere (tests, a deployment's own configuration checkout).
 */
export const defaultRegionsDir = process.env.MERIDIAN_REGIONS_DIR ?? fileURLToPath(new URL('../../../regions', import.meta.url));

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

export function writeFederationKeys(code: string, keys: FederationKeySet, regionsDir = defaultRegionsDir): void {
  writeFileSync(join(regionsDir, code, 'federation-keys.json'), `${JSON.stringify(keys, null, 2)}\n`);
}

/** Where HQ reaches a node: its configured base URL, else its port on this machine (demo). */
export function regionBaseUrl(config: RegionConfig): string {
  return config.baseUrl ?? `http://127.0.0.1:${config.port ?? 4100}`;
}

/** What HQ records about a node (regions.register), from the node's own region.json. */
export function registrationFromConfig(config: RegionConfig) {
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
