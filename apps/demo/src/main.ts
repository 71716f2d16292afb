/**
 * `npm start`: a demo federation on the embedded default. Every region under regions/ runs as a node on
 * its configured port, each on its own PGlite data directory under MERIDIAN_DATA_DIR (default ./.data),
 * seeded once with its demo dataset (MERIDIAN_DEMO_SEED=0 skips that); the HQ hub (port 4000) pulls
 * them all. Ctrl-C stops everything cleanly.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FederationKeyStore } from '@meridian/federation';
import { provisionDatabaseRoles, type DatabaseOptions } from '@meridian/db-driver';
import { startHq, type RunningHq } from '@meridian/hq';
import { regionRuntime } from '@meridian/region-api';
import { defaultRegionsDir, listRegionCodes, loadRegionConfig, registrationFromConfig } from '@meridian/region-config';
import { generateAuditSecret, openRegionDatabase } from '@meridian/region-db';
import { startRegionNode, type RunningRegionNode } from '@meridian/region-node';
import { readDemoSeed } from './seedFile.ts';
import { isRegionEmpty, seedRegion } from './seedRegion.ts';

// npm runs workspace scripts inside the workspace; paths the user gives are relative to where they typed.
const userCwd = process.env.INIT_CWD ?? process.cwd();
const dataDir = resolve(userCwd, process.env.MERIDIAN_DATA_DIR ?? '.data');
const seedDemo = process.env.MERIDIAN_DEMO_SEED !== '0';
const keyStore = new FederationKeyStore(join(dataDir, 'hq-keys'));
const demoTrust = { demoMode: true, proxySecret: null };
const hqPort = Number(process.env.MERIDIAN_HQ_PORT ?? 4000);
// MERIDIAN_DEMO_PG_URL (an administrator's URL, e.g. postgres://root@127.0.0.1:5432/postgres) runs the demo
// on PostgreSQL instead: one database per node (meridian_demo_<code>), each split into an owner role that
// migrates and an app role the node runs as, exactly as in production.
const demoPgUrl = process.env.MERIDIAN_DEMO_PG_URL || null;

/**
 * The nodes attest each write's actor with MERIDIAN_AUDIT_SECRET. A secret made up anew at every start
 * would leave yesterday's audit rows unverifiable, so the demo makes one once and keeps it with its data
 * (`MERIDIAN_AUDIT_SECRET=$(cat .data/audit-secret) npm run audit:verify -- --region hk` checks actors too).
 */
function demoAuditSecret(): string {
  const file = join(dataDir, 'audit-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, generateAuditSecret(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
process.env.MERIDIAN_AUDIT_SECRET ??= demoAuditSecret();

async function demoDatabase(name: string, pgliteDir: string): Promise<DatabaseOptions> {
  if (!demoPgUrl) return { driver: 'pglite', dataDir: pgliteDir };
  const roles = await provisionDatabaseRoles(demoPgUrl, { database: `meridian_demo_${name}`, createDatabase: true });
  return { driver: 'pg', url: roles.appUrl, migrationUrl: roles.ownerUrl };
}

async function startDemoRegion(code: string): Promise<RunningRegionNode> {
  const config = loadRegionConfig(code);
  const database = await openRegionDatabase(await demoDatabase(code, join(dataDir, code)));
  if (seedDemo && (await isRegionEmpty(database.db))) {
    const seed = readDemoSeed(defaultRegionsDir, code);
    if (seed) {
      const seeded = await seedRegion(database.db, regionRuntime(config), seed);
      console.log(`  ${code}: seeded ${seeded.customers} customers and ${seeded.contactRecords} contact records`);
    }
  }
  // The demo's HQ and nodes share one key store; a real node reads regions/<code>/federation-keys.json.
  const federationKeys = keyStore.publicKeySet(code) ?? (await keyStore.issue(code));
  const node = await startRegionNode({ config, database, security: { ...demoTrust, federationKeys }, serveWeb: true, hqUrl: `http://127.0.0.1:${hqPort}` });
  return {
    ...node,
    close: async () => {
      await node.close();
      await database.close();
    },
  };
}

console.log(`Meridian demo — data in ${demoPgUrl ? 'PostgreSQL (meridian_demo_* databases)' : dataDir}`);
const nodes: RunningRegionNode[] = [];
let hq: RunningHq | null = null;
let stopping = false;

async function stop(signal: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping HQ and ${nodes.length} region node(s)…`);
  await hq?.close();
  await Promise.allSettled(nodes.map((node) => node.close()));
  process.exit(exitCode);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  const codes = listRegionCodes();
  for (const code of codes) nodes.push(await startDemoRegion(code));
  hq = await startHq({
    database: await demoDatabase('hq', join(dataDir, 'hq')),
    keysDir: keyStore.directory,
    port: hqPort,
    trust: demoTrust,
    serveWeb: true,
  });
  for (const code of codes) await hq.runtime.registerRegion(registrationFromConfig(loadRegionConfig(code)), 'demo');
} catch (error) {
  console.error(error);
  await stop('start-up failed', 1);
}

console.log('\nDemo mode: identity comes from the X-Forwarded-User / X-Forwarded-Groups headers.');
console.log(`  hq  ${hq!.url}/trpc   health: ${hq!.url}/health`);
for (const node of nodes) console.log(`  ${node.code}  ${node.url}/trpc   health: ${node.url}/health`);
console.log(`\nTry: curl -H 'X-Forwarded-User: demo' -H 'X-Forwarded-Groups: crm-hq' '${hq!.url}/trpc/accounts.list?input=%7B%7D'`);
console.log('Ctrl-C stops the demo.');
