/**
 * Runs the HQ federation hub: `npm start -w @meridian/hq`. DATABASE_URL selects PostgreSQL (the app
 * role; MERIDIAN_MIGRATE_URL, the owner role, migrates first); without it HQ keeps an embedded PGlite
 * database under MERIDIAN_DATA_DIR/hq. Private federation keys live in MERIDIAN_HQ_KEYS_DIR (default MERIDIAN_DATA_DIR/hq-keys). Every node under regions/ is registered.
 * MERIDIAN_SYNC_BATCH sets how many changes one pull applies (default 500).
 */
import { join, resolve } from 'node:path';
import { postgresOptionsFromEnv } from '@meridian/db-driver';
import { listRegionCodes, loadRegionConfig, registrationFromConfig } from '@meridian/region-config';
import { startHq } from './server.ts';

const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.MERIDIAN_DATA_DIR ?? '.data');
const hq = await startHq({
  database: postgresOptionsFromEnv() ?? { driver: 'pglite', dataDir: join(dataDir, 'hq') },
  keysDir: process.env.MERIDIAN_HQ_KEYS_DIR ?? join(dataDir, 'hq-keys'),
  port: Number(process.env.PORT ?? 4000),
  hostname: process.env.HOST ?? '127.0.0.1',
  trust: { demoMode: process.env.MERIDIAN_DEMO === '1', proxySecret: process.env.MERIDIAN_PROXY_SECRET || null },
  batchSize: process.env.MERIDIAN_SYNC_BATCH ? Number(process.env.MERIDIAN_SYNC_BATCH) : undefined,
  serveWeb: true,
});
for (const code of listRegionCodes()) {
  await hq.runtime.registerRegion(registrationFromConfig(loadRegionConfig(code)), 'hq-start');
}
console.log(`HQ federation hub listening on ${hq.url} (${hq.database.driver})`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping HQ…`);
  await hq.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
