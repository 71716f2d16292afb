/**
 * Runs one region node: `REGION=hk npm start -w @meridian/region-node`.
 * DATABASE_URL selects PostgreSQL (the app role; MERIDIAN_MIGRATE_URL, the owner role, migrates first);
 * without it the node keeps an embedded PGlite database under MERIDIAN_DATA_DIR/<region>
 * (MERIDIAN_DB_POOL sizes the PostgreSQL pool, default 10).
 * MERIDIAN_PROXY_SECRET is the SSO proxy's shared secret.
 */
import { join } from 'node:path';
import { postgresOptionsFromEnv } from '@meridian/db-driver';
import { loadFederationKeys, loadRegionConfig } from '@meridian/region-config';
import { startRegionNode } from './server.ts';

const code = process.env.REGION;
if (!code) {
  console.error('Set REGION to a folder name under regions/ (e.g. REGION=hk).');
  process.exit(2);
}
const config = loadRegionConfig(code);
const demoMode = process.env.MERIDIAN_DEMO === '1';
const proxySecret = process.env.MERIDIAN_PROXY_SECRET || null;
if (!demoMode && !proxySecret) {
  console.warn('MERIDIAN_PROXY_SECRET is not set and demo mode is off: every request will be refused as unauthenticated.');
}

const node = await startRegionNode({
  config,
  database: postgresOptionsFromEnv() ?? { driver: 'pglite', dataDir: join(process.env.MERIDIAN_DATA_DIR ?? '.data', code) },
  port: process.env.PORT ? Number(process.env.PORT) : undefined,
  hostname: process.env.HOST ?? '127.0.0.1',
  security: { demoMode, proxySecret, federationKeys: loadFederationKeys(code) },
  serveWeb: true,
  hqUrl: process.env.MERIDIAN_HQ_URL ?? null,
});
console.log(`Region node ${code} listening on ${node.url} (${node.database.driver})`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping region node ${code}…`);
  await node.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
