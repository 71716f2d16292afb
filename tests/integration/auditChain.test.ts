import { auditKeyRingFromEnv, generateAuditSecret, verifyAuditChain, type AuditChainReport } from '@meridian/region-db';
import type { RegionRouter } from '@meridian/region-api';
import { createTRPCClient, httpLink } from '@trpc/client';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { identityHeaders, startTestRegion, users, type TestRegion, type TestUser } from '../support/regionNode.ts';

// The node in this process attests with this key; the verifier checks with the same one.
process.env.MERIDIAN_AUDIT_SECRET = generateAuditSecret();
const keys = auditKeyRingFromEnv(process.env.MERIDIAN_AUDIT_SECRET)!;

let region: TestRegion;
let url: string;
let customerId: string;

/** A client whose requests pass the proxy, which reports the caller's address as `address`. */
function viaProxy(user: TestUser, forwardedFor: string) {
  return createTRPCClient<RegionRouter>({
    links: [httpLink({ url: `${region.node.url}/trpc`, headers: { ...identityHeaders(user), 'x-forwarded-for': forwardedFor } })],
  });
}

/** A superuser session, as a database administrator with bad intentions would have. */
async function superuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs an attack in a transaction, verifies the chain as the attacker left it, then undoes the attack. */
function afterAttack(attack: (client: pg.Client) => Promise<void>): Promise<AuditChainReport> {
  return superuser(async (client) => {
    await client.query('begin');
    try {
      await attack(client);
      return await verifyAuditChain(drizzle({ client }), { keys, pageSize: 7 });
    } finally {
      await client.query('rollback');
    }
  });
}

const headOf = async (client: pg.Client) =>
  (await client.query<{ seq: string; hash: string }>('select seq::text, hash from audit_chain_head')).rows[0]!;

beforeAll(async () => {
  region = await startTestRegion('audit-chain');
  if (!region.database.adminUrl) throw new Error('the audit chain attacks need the PostgreSQL server');
  url = region.database.adminUrl;
  const staff = viaProxy(users.staff, '203.0.113.7');
  const { customer } = await staff.customers.create.mutate(customerInput({ name: 'Tsim Sha Tsui Properties Ltd' }));
  customerId = customer.id;
  for (let i = 0; i < 4; i += 1) await staff.contactRecords.create.mutate(contactRecordInput(customer.id, { content: `第${i}次來電` }));
  await viaProxy(users.lead, '203.0.113.8').customers.reassign.mutate({ id: customer.id, accountManager: 'siuming.chan', reason: 'Kaming moved to Macau' });
});
afterAll(() => region?.close());

describe('the audit trail as the app writes it', () => {
  it('is one valid chain, every row attested, with the login and the proxy-reported origin', async () => {
    const report = await verifyAuditChain(region.database.db, { keys });
    expect(report).toMatchObject({ ok: true, firstBroken: null, attestationsChecked: true, sqlCount: 0 });
    expect(report.count).toBeGreaterThanOrEqual(6);
    expect(report.attestedCount).toBe(report.count);
    const rows = await superuser(async (client) =>
      (await client.query('select seq, actor, request_origin, db_role, attestation from audit_log order by seq')).rows,
    );
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_, index) => index + 1));
    expect(rows[0]).toMatchObject({ actor: users.staff.login, request_origin: '203.0.113.7' });
    expect(rows.every((row) => row.db_role.length > 0 && row.attestation.startsWith('v1:'))).toBe(true);
  });

  it('takes the origin only from the proxy: the last X-Forwarded-For entry, and none without the secret', async () => {
    await viaProxy(users.staff, '198.51.100.66, 203.0.113.9').customers.create.mutate(customerInput());
    const spoofed = createTRPCClient<RegionRouter>({
      links: [httpLink({ url: `${region.node.url}/trpc`, headers: { ...identityHeaders(users.staff, 'wrong-secret'), 'x-forwarded-for': '10.9.9.9' } })],
    });
    await expect(spoofed.customers.create.mutate(customerInput())).rejects.toThrow();
    const origins = await superuser(async (client) =>
      (await client.query<{ request_origin: string | null }>('select distinct request_origin from audit_log')).rows.map((row) => row.request_origin),
    );
    expect(origins).toContain('203.0.113.9');
    expect(origins).not.toContain('198.51.100.66');
    expect(origins).not.toContain('10.9.9.9');
  });

  it('attributes a raw SQL change to the database login and still verifies', async () => {
    const report = await afterAttack(async (client) => {
      await client.query(`update customers set city = 'Kowloon' where id = $1`, [customerId]);
    });
    expect(report.ok).toBe(true);
    expect(report.sqlCount).toBe(1);
  });

  it('overwrites the chain columns and the time a raw INSERT tries to supply', async () => {
    const row = await superuser(async (client) => {
      await client.query('begin');
      try {
        await client.query(`insert into audit_log (occurred_at, actor, procedure, table_name, row_id, action, seq, prev_hash, row_hash, db_role)
          values ('2020-01-01T00:00:00Z', 'sql:root', 'sql', 'customers', 'x', 'update', 1, 'forged', 'forged', 'app')`);
        const inserted = (await client.query(`select seq::text, occurred_at, db_role, prev_hash from audit_log where row_id = 'x'`)).rows[0];
        const report = await verifyAuditChain(drizzle({ client }), { keys });
        return { inserted, report };
      } finally {
        await client.query('rollback');
      }
    });
    expect(row.report.ok).toBe(true);
    expect(Number(row.inserted.seq)).toBe(row.report.head!.seq);
    expect(row.inserted.occurred_at.getUTCFullYear()).toBeGreaterThanOrEqual(2026);
    expect(row.inserted.db_role).not.toBe('app');
  });
});

describe('tampering the verifier catches, naming the first broken link', () => {
  it('a deleted row', async () => {
    const report = await afterAttack(async (client) => {
      await client.query('set local session_replication_role = replica');
      await client.query('delete from audit_log where seq = 3');
    });
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: 4, reason: 'missingRow' });
    expect(report.firstBroken!.detail).toContain('seq 3 is missing');
  });

  it('the newest rows deleted (the chain head no longer matches)', async () => {
    const report = await afterAttack(async (client) => {
      await client.query('set local session_replication_role = replica');
      await client.query('delete from audit_log where seq >= (select max(seq) - 1 from audit_log)');
    });
    expect(report.firstBroken).toMatchObject({ reason: 'headMismatch' });
  });

  it('an altered row', async () => {
    const report = await afterAttack(async (client) => {
      await client.query('set local session_replication_role = replica');
      await client.query(`update audit_log set after = jsonb_set(after, '{content}', '"nothing happened"') where seq = 2`);
    });
    expect(report.firstBroken).toMatchObject({ seq: 2, reason: 'rowHashMismatch' });
  });

  it('an altered row whose own hash was recomputed', async () => {
    const report = await afterAttack(async (client) => {
      await client.query('set local session_replication_role = replica');
      await client.query(`update audit_log set after = jsonb_set(after, '{content}', '"nothing happened"') where seq = 2`);
      await client.query(`update audit_log a set row_hash = meridian_audit_hash(a.prev_hash, meridian_audit_canonical(a)) where seq = 2`);
    });
    expect(report.firstBroken).toMatchObject({ seq: 3, reason: 'prevHashMismatch' });
  });

  it('a backdated row inserted between existing ones, later rows renumbered', async () => {
    const report = await afterAttack(async (client) => {
      await client.query('set local session_replication_role = replica');
      await client.query('update audit_log set seq = -seq where seq >= 2');
      await client.query('update audit_log set seq = 1 - seq where seq < 0');
      await client.query(`insert into audit_log (occurred_at, actor, procedure, table_name, row_id, action, seq, prev_hash, row_hash, db_role)
        select occurred_at, 'sql:root', 'sql', 'customers', 'x', 'delete', 2, row_hash, '', 'root' from audit_log where seq = 1`);
      await client.query(`update audit_log a set row_hash = meridian_audit_hash(a.prev_hash, meridian_audit_canonical(a)) where row_id = 'x'`);
    });
    expect(report.firstBroken).toMatchObject({ seq: 3, reason: 'prevHashMismatch' });
  });

  it('a backdated row slipped in at a taken position', async () => {
    const report = await afterAttack(async (client) => {
      await client.query('set local session_replication_role = replica');
      await client.query('drop index audit_log_seq_idx');
      await client.query(`insert into audit_log (occurred_at, actor, procedure, table_name, row_id, action, seq, prev_hash, row_hash, db_role)
        select occurred_at, 'sql:root', 'sql', 'customers', 'x', 'delete', 2, prev_hash, row_hash, 'root' from audit_log where seq = 2`);
    });
    expect(report.firstBroken).toMatchObject({ seq: 2, reason: 'duplicateSeq' });
  });

  it('a backdated row appended with a correctly computed hash', async () => {
    const report = await afterAttack(async (client) => {
      await client.query('set local session_replication_role = replica');
      const head = await headOf(client);
      await client.query(
        `insert into audit_log (occurred_at, actor, procedure, table_name, row_id, action, seq, prev_hash, row_hash, db_role)
         values ('2026-01-05T08:00:00Z', 'sql:root', 'sql', 'customers', 'x', 'delete', $1::bigint + 1, $2, '', 'root')`,
        [head.seq, head.hash],
      );
      await client.query(`update audit_log a set row_hash = meridian_audit_hash(a.prev_hash, meridian_audit_canonical(a)) where row_id = 'x'`);
      await client.query(`update audit_chain_head set seq = seq + 1, hash = (select row_hash from audit_log where row_id = 'x')`);
    });
    expect(report.firstBroken?.reason).toBe('timeOrder');
    expect(report.firstBroken?.seq).toBe(report.count + 1);
  });

  it('an actor rewritten in place, hash recomputed: its attestation no longer fits', async () => {
    const report = await afterAttack(async (client) => {
      await client.query('set local session_replication_role = replica');
      await client.query(`update audit_log set actor = 'siuming.chan' where seq = 2`);
      await client.query(`update audit_log a set row_hash = meridian_audit_hash(a.prev_hash, meridian_audit_canonical(a)) where seq = 2`);
    });
    expect(report.firstBroken).toMatchObject({ seq: 2, reason: 'attestationInvalid' });
  });

  it('an actor forged with set_config', async () => {
    let forgedSeq = 0;
    const report = await afterAttack(async (client) => {
      await client.query(`select set_config('meridian.actor', $1, true), set_config('meridian.procedure', 'customers.update', true)`, [users.lead.login]);
      await client.query(`update customers set city = 'Mong Kok' where id = $1`, [customerId]);
      forgedSeq = Number((await headOf(client)).seq);
    });
    expect(report.firstBroken).toMatchObject({ seq: forgedSeq, reason: 'actorUnattested' });
  });

  it('an actor forged with an attestation copied from a genuine row', async () => {
    const report = await afterAttack(async (client) => {
      const genuine = (await client.query(`select actor, procedure, attestation from audit_log where attestation is not null order by seq desc limit 1`)).rows[0];
      await client.query(
        `select set_config('meridian.actor', $1, true), set_config('meridian.procedure', $2, true), set_config('meridian.attestation', $3, true)`,
        [genuine.actor, genuine.procedure, genuine.attestation],
      );
      await client.query(`update customers set city = 'Sha Tin' where id = $1`, [customerId]);
    });
    expect(report.firstBroken).toMatchObject({ reason: 'attestationInvalid' });
  });

  it('attestations are not checked, and it says so, when the verifier holds no key', async () => {
    const report = await verifyAuditChain(region.database.db, { keys: null });
    expect(report).toMatchObject({ ok: true, attestationsChecked: false, attestedCount: 0 });
  });
});
