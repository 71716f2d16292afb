/**
 * `npm start`: a demo federation on the embedded default. Every region under regions/ runs as a node on
 * its configured port, each on its own PGlite data directory under MERIDIAN_DATA_DIR (default ./.data),
 * seeded once with its demo dataset (MERIDIAN_DEMO_SEED=0 skips that). Ctrl-C stops everything cleanly.
 */
import { join, resolve } from 'node:path';
import { regionRuntime } from '@meridian/region-api';
import { openRegionDatabase } from '@meridian/region-db';
import { defaultRegionsDir, listRegionCodes, loadRegionConfig, startRegionNode, type RunningRegionNode } from '@meridian/region-node';
import { readDemoSeed } from './seedFile.ts';
import { isRegionEmpty, seedRegion } from './seedRegion.ts';

// npm runs workspace scripts inside the workspace; paths the user gives are relative to where they typed.
const userCwd = process.env.INIT_CWD ?? process.cwd();
const dataDir = resolve(userCwd, process.env.MERIDIAN_DATA_DIR ?? '.data');
const seedDemo = process.env.MERIDIAN_DEMO_SEED !== '0';

async function startDemoRegion(code: string): Promise<RunningRegionNode> {
  const config = loadRegionConfig(code);
  const database = await openRegionDatabase({ driver: 'pglite', dataDir: join(dataDir, code) });
  if (seedDemo && (await isRegionEmpty(database.db))) {
    const seed = readDemoSeed(defaultRegionsDir, code);
    if (seed) {
      const seeded = await seedRegion(database.db, regionRuntime(config), seed);
      console.log(`  ${code}: seeded ${seeded.customers} customers and ${seeded.contactRecords} contact records`);
    }
  }
  const node = await startRegionNode({ config, database, security: { demoMode: true, proxySecret: null } });
  const closeNode = node.close;
  return { ...node, close: async () => { await closeNode(); await database.close(); } };
}

console.log(`Meridian demo — data in ${dataDir}`);
const nodes: RunningRegionNode[] = [];
let stopping = false;

async function stop(signal: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping ${nodes.length} node(s)…`);
  await Promise.allSettled(nodes.map((node) => node.close()));
  process.exit(exitCode);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  for (const code of listRegionCodes()) nodes.push(await startDemoRegion(code));
} catch (error) {
  console.error(error);
  await stop('start-up failed', 1);
}

console.log('\nRegion nodes (demo mode: identity from X-Forwarded-User / X-Forwarded-Groups headers):');
for (const node of nodes) console.log(`  ${node.code}  ${node.url}/trpc   health: ${node.url}/health`);
const example = nodes[0];
if (example) {
  console.log(`\nTry: curl -H 'X-Forwarded-User: demo' -H 'X-Forwarded-Groups: crm-staff' '${example.url}/trpc/customers.list?input=%7B%7D'`);
}
console.log('Ctrl-C stops the demo.');
