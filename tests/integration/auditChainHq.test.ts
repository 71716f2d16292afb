import { verifyHqAuditChain } from '@meridian/hq-db';
import { auditKeyRingFromEnv, generateAuditSecret, verifyAuditChain } from '@meridian/region-db';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';

process.env.MERIDIAN_AUDIT_SECRET = generateAuditSecret();
const keys = auditKeyRingFromEnv(process.env.MERIDIAN_AUDIT_SECRET)!;

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation('audit-chain-hq', ['hk', 'gb']);
});
afterAll(() => federation?.close());

const staffOf = (code: string) => federation.regions.get(code)!.as({ login: `${code}.staff`, groups: `crm-staff,crm-region-${code}` });
const auditStatusOf = async (code: string) =>
  (await federation.hqAs(hqUsers.admin).regions.status.query()).find((region) => region.code === code)!.auditChain;

async function asSuperuser(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** A database administrator rewrites one old row and recomputes every later hash and the head. */
const rewriteHistory = (client: pg.Client) =>
  client.query(`
    begin;
    set local session_replication_role = replica;
    update audit_log set after = jsonb_set(after, '{city}', '"Nowhere"') where seq = 2;
    do $$
    declare r audit_log; prev text;
    begin
      select row_hash into prev from audit_log where seq = 1;
      for r in select * from audit_log where seq >= 2 order by seq loop
        r.prev_hash := prev;
        r.row_hash := meridian_audit_hash(prev, meridian_audit_canonical(r));
        update audit_log set prev_hash = r.prev_hash, row_hash = r.row_hash where id = r.id;
        prev := r.row_hash;
      end loop;
      update audit_chain_head set hash = prev;
    end $$;
    commit;`);

describe("HQ keeps each region's audit chain head", () => {
  it('records the head, then confirms the region still holds it and moves on as the chain grows', async () => {
    await staffOf('hk').customers.create.mutate(customerInput());
    // HQ may already have checked on its own after catching up; either way it now keeps this head.
    const first = await federation.hq.runtime.checkAuditChain('hk');
    expect(['recorded', 'verified']).toContain(first?.outcome);

    await staffOf('hk').customers.create.mutate(customerInput());
    const second = await federation.hq.runtime.checkAuditChain('hk');
    expect(second?.outcome).toBe('verified');
    expect(second!.head!.seq).toBeGreaterThan(first!.head!.seq);
    expect(await auditStatusOf('hk')).toMatchObject({ headSeq: second!.head!.seq, broken: false, verifiedAt: expect.any(String) });
  });

  it('flags a region whose history was rewritten with every later hash recomputed, which the local verifier cannot see', async () => {
    const hk = federation.regions.get('hk')!;
    await asSuperuser(hk.database.adminUrl!, rewriteHistory);

    // Locally the rewritten chain is consistent: that is why HQ keeps the head.
    expect(await verifyAuditChain(hk.database.db, { keys })).toMatchObject({ ok: true });

    const check = await federation.hq.runtime.checkAuditChain('hk');
    expect(check?.outcome).toBe('broken');
    const status = await auditStatusOf('hk');
    expect(status).toMatchObject({ broken: true, brokenAt: expect.any(String) });
    expect(status.brokenDetail).toContain(`seq ${status.headSeq} no longer has the hash HQ saw`);

    // New writes do not clear the flag or move the evidence.
    await staffOf('hk').customers.create.mutate(customerInput());
    expect((await federation.hq.runtime.checkAuditChain('hk'))?.outcome).toBe('broken');
    expect((await auditStatusOf('hk')).headSeq).toBe(status.headSeq);
  });

  it('flags a region whose newest rows were removed and its head wound back', async () => {
    await staffOf('gb').customers.create.mutate(customerInput({ name: 'Thames Water Engineering Ltd', city: 'London' }));
    await staffOf('gb').customers.create.mutate(customerInput({ name: 'Severn Facilities Ltd', city: 'Bristol' }));
    const seen = await federation.hq.runtime.checkAuditChain('gb');
    expect(['recorded', 'verified']).toContain(seen?.outcome);
    expect(seen!.head!.seq).toBeGreaterThan(1);
    await asSuperuser(federation.regions.get('gb')!.database.adminUrl!, (client) =>
      client.query(`
        begin;
        set local session_replication_role = replica;
        delete from audit_log where seq > 1;
        update audit_chain_head set seq = 1, hash = (select row_hash from audit_log where seq = 1);
        commit;`),
    );
    expect(await verifyAuditChain(federation.regions.get('gb')!.database.db, { keys })).toMatchObject({ ok: true, count: 1 });
    const check = await federation.hq.runtime.checkAuditChain('gb');
    expect(check).toMatchObject({ outcome: 'broken' });
    expect(check!.detail).toContain('now ends at seq 1');
  });
});

describe("HQ's own audit trail", () => {
  it('is a valid chain that review sign-offs enter, and names the first broken link when tampered with', async () => {
    const hqAdmin = federation.hqDatabase.adminUrl!;
    await asSuperuser(hqAdmin, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `insert into reviews (title, period_from, period_to, created_by) values ('Q4 review', '2026-10-01', '2026-12-31', 'mei.lee') returning id`,
      );
      await client.query(`insert into review_regions (review_id, region, lead) values ($1, 'hk', 'mei.lee')`, [rows[0]!.id]);
      await client.query(`update review_regions set signed_at = now() where review_id = $1`, [rows[0]!.id]);
    });
    const trail = await verifyHqAuditChain(federation.hqDatabase.db);
    expect(trail).toMatchObject({ ok: true, firstBroken: null });
    const actions = await asRows(hqAdmin, `select action, actor from hq_audit_log order by seq`);
    expect(actions).toEqual(expect.arrayContaining([{ action: 'reviews.open', actor: 'mei.lee' }, { action: 'reviews.sign', actor: 'mei.lee' }]));
    expect(actions.filter((row) => row.action === 'regions.register')).toHaveLength(2);

    const tampered = async (attack: string) => {
      let report: Awaited<ReturnType<typeof verifyHqAuditChain>> | null = null;
      await asSuperuser(hqAdmin, async (client) => {
        await client.query('begin');
        await client.query('set local session_replication_role = replica');
        await client.query(attack);
        report = await verifyHqAuditChain(drizzle({ client }));
        await client.query('rollback');
      });
      return report!;
    };
    expect((await tampered(`delete from hq_audit_log where seq = 2`)).firstBroken).toMatchObject({ seq: 3, reason: 'missingRow' });
    expect((await tampered(`update hq_audit_log set actor = 'someone.else' where seq = 1`)).firstBroken).toMatchObject({ seq: 1, reason: 'rowHashMismatch' });
    expect((await tampered(`delete from hq_audit_log where seq = (select max(seq) from hq_audit_log)`)).firstBroken).toMatchObject({ reason: 'headMismatch' });
  });
});

async function asRows(url: string, query: string): Promise<Array<Record<string, unknown>>> {
  let rows: Array<Record<string, unknown>> = [];
  await asSuperuser(url, async (client) => {
    rows = (await client.query(query)).rows;
  });
  return rows;
}
