/**
 * Onboards a country node without code changes:
 *   npm run region:add -- --code sg --name Singapore --locale en-SG --timezone Asia/Singapore --currency SGD
 * Writes regions/<code>/region.json (optionally from a pilot region's --template: contact-type tailoring,
 * data policy, service levels), creates and migrates its database (PostgreSQL: --database-url is the
 * node's app role, --migrate-url the owner role that migrates; else PGlite), issues its federation key pair
 * (private half in HQ's key store, public half in regions/<code>/federation-keys.json) and registers it
 * at HQ (--hq, default http://127.0.0.1:4000) when HQ is up; otherwise HQ registers it on its next start.
 * `npm start` runs every folder under regions/, so the new node starts with the rest.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { regionConfigSchema, type RegionConfig } from '@meridian/domain';
import { FederationKeyStore } from '@meridian/federation';
import type { HqRouter } from '@meridian/hq-api';
import { defaultRegionsDir, listRegionCodes, loadRegionConfig, regionBaseUrl, registrationFromConfig, writeFederationKeys } from '@meridian/region-config';
import { openRegionDatabase } from '@meridian/region-db';
import { createTRPCClient, httpLink } from '@trpc/client';

const { values } = parseArgs({
  options: {
    code: { type: 'string' },
    name: { type: 'string' },
    country: { type: 'string' },
    locale: { type: 'string', multiple: true },
    timezone: { type: 'string' },
    currency: { type: 'string' },
    port: { type: 'string' },
    'base-url': { type: 'string' },
    template: { type: 'string' },
    'database-url': { type: 'string' },
    'migrate-url': { type: 'string' },
    hq: { type: 'string', default: process.env.MERIDIAN_HQ_URL ?? 'http://127.0.0.1:4000' },
  },
});

function fail(message: string): never {
  console.error(`region:add: ${message}`);
  process.exit(2);
}

const regionsDir = defaultRegionsDir;
const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.MERIDIAN_DATA_DIR ?? '.data');
const code = values.code?.trim().toLowerCase();
if (!code) fail('--code is required (e.g. --code sg)');
if (existsSync(join(regionsDir, code, 'region.json'))) fail(`regions/${code}/region.json already exists`);

const existing = listRegionCodes(regionsDir).map((other) => loadRegionConfig(other, regionsDir));
const template = values.template ? loadRegionConfig(values.template, regionsDir) : null;
const nextPort = Math.max(4100, ...existing.map((config) => config.port ?? 0)) + 1;

const parsed = regionConfigSchema.safeParse({
  code,
  name: values.name,
  country: values.country ?? code.toUpperCase(),
  locales: values.locale,
  timezone: values.timezone,
  currency: values.currency,
  port: values.port ? Number(values.port) : nextPort,
  ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
  ...(template ? { contactTypes: template.contactTypes, dataPolicy: template.dataPolicy, serviceLevels: template.serviceLevels } : {}),
});
if (!parsed.success) {
  fail(`invalid region:\n  ${parsed.error.issues.map((issue) => `--${String(issue.path[0] ?? '?')}: ${issue.message}`).join('\n  ')}`);
}
const config: RegionConfig = parsed.data;
if (existing.some((other) => other.port === config.port)) fail(`port ${config.port} is already used by another region`);

mkdirSync(join(regionsDir, code), { recursive: true });
const { contactTypes, dataPolicy, ...essentials } = config;
writeFileSync(
  join(regionsDir, code, 'region.json'),
  `${JSON.stringify({ ...essentials, ...(contactTypes.hidden.length ? { contactTypes } : {}), dataPolicy }, null, 2)}\n`,
);
console.log(`wrote regions/${code}/region.json${template ? ` (from template ${template.code})` : ''}`);

// On PostgreSQL the owner role migrates (--migrate-url) and the node's app role (--database-url) is checked
// to own nothing; without --migrate-url the database must already be migrated.
const database = await openRegionDatabase(
  values['database-url']
    ? { driver: 'pg', url: values['database-url'], ...(values['migrate-url'] ? { migrationUrl: values['migrate-url'] } : {}) }
    : { driver: 'pglite', dataDir: join(dataDir, code) },
).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
await database.close();
console.log(`created and migrated its database (${values['database-url'] ? 'PostgreSQL' : join(dataDir, code)})`);

const keyStore = new FederationKeyStore(process.env.MERIDIAN_HQ_KEYS_DIR ?? join(dataDir, 'hq-keys'));
const publicKeys = keyStore.publicKeySet(code) ?? (await keyStore.issue(code));
writeFederationKeys(code, publicKeys, regionsDir);
console.log(`issued its federation key pair (public key in regions/${code}/federation-keys.json)`);

const hq = createTRPCClient<HqRouter>({
  links: [
    httpLink({
      url: `${values.hq!.replace(/\/$/, '')}/trpc`,
      headers: {
        'x-forwarded-user': process.env.USER ?? 'region-add',
        'x-forwarded-groups': 'crm-admin',
        ...(process.env.MERIDIAN_PROXY_SECRET ? { 'x-meridian-proxy-secret': process.env.MERIDIAN_PROXY_SECRET } : {}),
      },
    }),
  ],
});
try {
  await hq.regions.register.mutate(registrationFromConfig(config));
  console.log(`registered at HQ (${values.hq}); HQ is pulling from ${regionBaseUrl(config)}`);
} catch (error) {
  console.log(`HQ at ${values.hq} did not take the registration (${error instanceof Error ? error.message : String(error)}); it registers regions/${code} on its next start`);
}
console.log(`done: \`npm start\` now runs ${code} on port ${config.port}`);
