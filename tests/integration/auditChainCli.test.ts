import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  auditKeyRing,
  generateAuditSecret,
  inAttestedWriteTransaction,
  insertCustomer,
  nextCustomerCode,
  openRegionDatabase,
  type RegionDatabase,
} from '@meridian/region-db';
import { createTestHqDatabase, createTestRegionDatabase, type TestHqDatabase, type TestRegionDatabase } from '@meridian/test-utils';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const secret = generateAuditSecret();
const keys = auditKeyRing([secret]);

/** `npm run audit:verify -- …` from the repository root, as an operator runs it. */
async function auditVerify(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  delete clean.MERIDIAN_AUDIT_SECRET;
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'audit:verify', '--', ...args], { cwd: repoRoot, env: { ...clean, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

async function writeCustomers(db: RegionDatabase, count: number) {
  for (let i = 0; i < count; i += 1) {
    await inAttestedWriteTransaction(db, keys, { actor: 'kaming.wong', procedure: 'customers.create' }, async (tx) =>
      insertCustomer(tx, {
        code: await nextCustomerCode(tx, 'HK'),
        country: 'HK',
        name: `九龍工程 ${i} 有限公司`,
        segment: 'property',
        subSegment: 'hotels',
        city: 'Hong Kong',
        email: `info${i}@kowloon.example`,
        accountManager: 'kaming.wong',
        actor: 'kaming.wong',
      }),
    );
  }
}

let region: TestRegionDatabase;
let hq: TestHqDatabase;
beforeAll(async () => {
  [region, hq] = await Promise.all([createTestRegionDatabase('audit-cli'), createTestHqDatabase('audit-cli')]);
  await writeCustomers(region.db, 3);
});
afterAll(async () => {
  await region?.cleanup();
  await hq?.cleanup();
});

// Each run starts npm and tsx (a few seconds on a loaded machine); PGlite's start adds more.
describe('npm run audit:verify', { timeout: 60_000 }, () => {
  it('prints OK with the count and head for an intact region chain, with every actor attested', async () => {
    const { code, output } = await auditVerify(['--region', 'hk'], { DATABASE_URL: region.url!, MERIDIAN_AUDIT_SECRET: secret });
    expect(code).toBe(0);
    expect(output).toMatch(/Audit chain of region hk: OK, 6 rows, head seq 6 [0-9a-f]{64}/);
    expect(output).toContain('Actors: 6 attested by the server');
  });

  it('says when it could not check actors', async () => {
    const { code, output } = await auditVerify(['--region', 'hk'], { DATABASE_URL: region.url! });
    expect(code).toBe(0);
    expect(output).toContain('Actors NOT checked (MERIDIAN_AUDIT_SECRET not set)');
  });

  it('names the first broken link and exits non-zero', async () => {
    const admin = new pg.Client({ connectionString: region.adminUrl! });
    await admin.connect();
    try {
      await admin.query(`begin; set local session_replication_role = replica; update audit_log set actor = 'siuming.chan' where seq = 2; commit;`);
    } finally {
      await admin.end();
    }
    const { code, output } = await auditVerify(['--region', 'hk'], { DATABASE_URL: region.url!, MERIDIAN_AUDIT_SECRET: secret });
    expect(code).toBe(1);
    expect(output).toContain('Audit chain of region hk: BROKEN at seq 2 (row 2): rowHashMismatch');
  });

  it("checks HQ's own chain with --hq", async () => {
    const { code, output } = await auditVerify(['--hq'], { DATABASE_URL: hq.url! });
    expect(code).toBe(0);
    expect(output).toContain('Audit chain of HQ: OK, 0 rows');
  });

  it("opens a stopped node's PGlite data directory when there is no DATABASE_URL", async () => {
    const dataRoot = mkdtempSync(join(tmpdir(), 'meridian-audit-cli-'));
    try {
      const handle = await openRegionDatabase({ driver: 'pglite', dataDir: join(dataRoot, 'hk') });
      await writeCustomers(handle.db, 2);
      await handle.close();
      const { code, output } = await auditVerify(['--region', 'hk'], { MERIDIAN_DATA_DIR: dataRoot, MERIDIAN_AUDIT_SECRET: secret });
      expect(output).toContain('Audit chain of region hk: OK, 4 rows');
      expect(code).toBe(0);
    } finally {
      rmSync(dataRoot, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses to guess what to check', async () => {
    const { code, output } = await auditVerify([], {});
    expect(code).toBe(2);
    expect(output).toContain('Usage: npm run audit:verify');
  });
});
