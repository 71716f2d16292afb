/**
 * Checks an audit hash chain and names its first broken link:
 *   npm run audit:verify -- --region hk     a region node's audit_log
 *   npm run audit:verify -- --hq            HQ's own hq_audit_log
 * The database is the one the node itself opens: DATABASE_URL (PostgreSQL; any role that can read the
 * audit tables), else the embedded PGlite under MERIDIAN_DATA_DIR/<region> (or /hq), which only one
 * process may open at a time, so stop that node first. MERIDIAN_AUDIT_SECRET (the node's, all keys
 * comma-separated) lets it check that every app actor was attested by the server; without it only
 * the chain is checked, and it says so. Exit code 0: intact; 1: broken; 2: could not check.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { verifyHqAuditChain } from '@meridian/hq-db';
import { auditKeyRingFromEnv, verifyAuditChain } from '@meridian/region-db';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

type Executor = Parameters<typeof verifyAuditChain>[0];

const { values } = parseArgs({ options: { region: { type: 'string' }, hq: { type: 'boolean', default: false } } });
if (!values.hq && !values.region?.match(/^[a-z][a-z0-9-]{1,15}$/)) {
  console.error('Usage: npm run audit:verify -- --region <code>   or   npm run audit:verify -- --hq');
  process.exit(2);
}
const subject = values.hq ? 'HQ' : `region ${values.region}`;

async function withDatabase<T>(work: (db: Executor) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(drizzleNodePostgres({ client }));
    } finally {
      await client.end();
    }
  }
  const dataDir = join(resolve(process.env.INIT_CWD ?? process.cwd(), process.env.MERIDIAN_DATA_DIR ?? '.data'), values.hq ? 'hq' : values.region!);
  if (!existsSync(dataDir)) throw new Error(`no database: DATABASE_URL is not set and ${dataDir} does not exist`);
  const pglite = await PGlite.create({ dataDir });
  try {
    return await work(drizzlePglite({ client: pglite }));
  } finally {
    await pglite.close();
  }
}

try {
  if (values.hq) {
    const report = await withDatabase((db) => verifyHqAuditChain(db));
    if (!report.ok) {
      const link = report.firstBroken!;
      console.log(`Audit chain of ${subject}: BROKEN at seq ${link.seq ?? '?'}${link.id !== null ? ` (row ${link.id})` : ''}: ${link.reason}: ${link.detail}`);
      process.exit(1);
    }
    console.log(`Audit chain of ${subject}: OK, ${report.count} rows, head ${report.head ? `seq ${report.head.seq} ${report.head.hash}` : 'none (empty)'}`);
  } else {
    const keys = auditKeyRingFromEnv(process.env.MERIDIAN_AUDIT_SECRET);
    const report = await withDatabase((db) => verifyAuditChain(db, { keys }));
    if (!report.ok) {
      const link = report.firstBroken!;
      console.log(`Audit chain of ${subject}: BROKEN at seq ${link.seq ?? '?'}${link.id !== null ? ` (row ${link.id})` : ''}: ${link.reason}: ${link.detail}`);
      process.exit(1);
    }
    console.log(`Audit chain of ${subject}: OK, ${report.count} rows, head ${report.head ? `seq ${report.head.seq} ${report.head.hash}` : 'none (empty)'}`);
    console.log(
      report.attestationsChecked
        ? `Actors: ${report.attestedCount} attested by the server, ${report.sqlCount} raw SQL under their database login, ${report.legacyCount} from before attestation`
        : `Actors NOT checked (MERIDIAN_AUDIT_SECRET not set): ${report.sqlCount} raw SQL rows, ${report.count - report.sqlCount - report.legacyCount} claiming an app actor, ${report.legacyCount} from before attestation`,
    );
  }
} catch (error) {
  console.error(`Could not check the audit chain of ${subject}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
