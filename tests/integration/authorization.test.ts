import { belongsToRegion, identityFromHeaders, leadsRegion } from '@meridian/domain';
import { generateFederationKeyPair, signFederationToken } from '@meridian/federation-auth';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { describeAuthorisationMatrix, type Outcome } from '../support/authorisationMatrix.ts';
import { failureOf, startTestRegion, users, type TestRegion, type TestUser } from '../support/regionNode.ts';

let region: TestRegion;
beforeAll(async () => {
  region = await startTestRegion('authorization');
});
afterAll(() => region?.close());

type Client = ReturnType<TestRegion['as']>;

const staffClient = () => region.as(users.staff);
let jobSequence = 0;

/** Fresh objects for each call, made by a staff member, so every allowed call can really succeed. */
async function freshCustomer() {
  return (await staffClient().customers.create.mutate(customerInput())).customer;
}
async function freshRecord(closed = false) {
  const customer = await freshCustomer();
  const { record } = await staffClient().contactRecords.create.mutate(contactRecordInput(customer.id));
  if (closed) await staffClient().contactRecords.close.mutate({ id: record.id });
  return record;
}

const procedures: Record<string, (client: Client) => Promise<unknown>> = {
  me: (client) => client.me.query(),
  'contactTypes.tree': (client) => client.contactTypes.tree.query({ locale: 'zh-HK' }),
  'customers.create': (client) => client.customers.create.mutate(customerInput()),
  'customers.get': async (client) => client.customers.get.query({ id: (await freshCustomer()).id }),
  'customers.list': (client) => client.customers.list.query({}),
  'customers.update': async (client) => client.customers.update.mutate({ id: (await freshCustomer()).id, city: 'Sha Tin' }),
  'customers.reassign': async (client) =>
    client.customers.reassign.mutate({ id: (await freshCustomer()).id, accountManager: 'new.manager', reason: 'Rebalancing' }),
  'projects.create': async (client) =>
    client.projects.create.mutate({
      jobCode: `HK-AUTH-${++jobSequence}`,
      customerId: (await freshCustomer()).id,
      serviceCategory: 'consulting',
      country: 'HK',
      city: 'Hong Kong',
    }),
  'projects.list': (client) => client.projects.list.query({}),
  'contactRecords.create': async (client) => client.contactRecords.create.mutate(contactRecordInput((await freshCustomer()).id)),
  'contactRecords.get': async (client) => client.contactRecords.get.query({ id: (await freshRecord()).id }),
  'contactRecords.list': (client) => client.contactRecords.list.query({}),
  'contactRecords.update': async (client) => client.contactRecords.update.mutate({ id: (await freshRecord()).id, outcome: 'Updated' }),
  'contactRecords.close': async (client) => client.contactRecords.close.mutate({ id: (await freshRecord()).id }),
  'contactRecords.amend': async (client) => client.contactRecords.amend.mutate({ id: (await freshRecord(true)).id, reason: 'Correction' }),
  'contactPersons.create': async (client) => client.contactPersons.create.mutate({ customerId: (await freshCustomer()).id, name: '陳大文' }),
  'contactPersons.list': async (client) => client.contactPersons.list.query({ customerId: (await freshCustomer()).id }),
  'audit.trail': async (client) => client.audit.trail.query({ entity: 'customer', id: (await freshCustomer()).id }),
  'analytics.pyramid': (client) => client.analytics.pyramid.query(),
};

const kinds = ['anonymous', 'noCrmGroup', 'staff', 'lead', 'hq', 'admin', 'staffElsewhere', 'leadElsewhere', 'staffNoRegion', 'leadNoRegion'] as const;
type Kind = (typeof kinds)[number];
const userOf: Record<Kind, TestUser | null> = {
  anonymous: null,
  noCrmGroup: users.noCrmGroup,
  staff: users.staff,
  lead: users.lead,
  hq: users.hq,
  admin: users.admin,
  staffElsewhere: users.staffElsewhere,
  // A Hong Kong node, reached by the UK's lead: his role is the UK's, not this node's.
  leadElsewhere: { login: 'james.whitfield', groups: 'crm-staff,crm-lead,crm-region-gb' },
  // Deny by default: a regional role with no region named works nowhere, whichever node it reached.
  staffNoRegion: { login: 'kaming.wong', groups: 'crm-staff' },
  leadNoRegion: { login: 'mei.lee', groups: 'crm-staff,crm-lead' },
};

const everyone: Record<Kind, Outcome> = {
  anonymous: 'UNAUTHORIZED',
  noCrmGroup: 'FORBIDDEN',
  staff: 'ok',
  lead: 'ok',
  hq: 'ok',
  admin: 'ok',
  staffElsewhere: 'ok',
  leadElsewhere: 'ok',
  staffNoRegion: 'ok',
  leadNoRegion: 'ok',
};
const readers: Record<Kind, Outcome> = { ...everyone, staffElsewhere: 'FORBIDDEN', leadElsewhere: 'FORBIDDEN', staffNoRegion: 'FORBIDDEN', leadNoRegion: 'FORBIDDEN' };
const writers: Record<Kind, Outcome> = { ...readers, hq: 'FORBIDDEN', admin: 'FORBIDDEN' };
const leads: Record<Kind, Outcome> = { ...writers, staff: 'FORBIDDEN' };
const auditors: Record<Kind, Outcome> = { ...readers, staff: 'FORBIDDEN' };

/** Deny by default: the expected outcome of every procedure for every kind of caller. */
const expected: Record<keyof typeof procedures, Record<Kind, Outcome>> = {
  me: everyone,
  'contactTypes.tree': everyone,
  'customers.create': writers,
  'customers.get': readers,
  'customers.list': readers,
  'customers.update': writers,
  'customers.reassign': leads,
  'projects.create': writers,
  'projects.list': readers,
  'contactRecords.create': writers,
  'contactRecords.get': readers,
  'contactRecords.list': readers,
  'contactRecords.update': writers,
  'contactRecords.close': writers,
  'contactRecords.amend': writers,
  'contactPersons.create': writers,
  'contactPersons.list': readers,
  'audit.trail': auditors,
  'analytics.pyramid': readers,
};

describeAuthorisationMatrix({
  title: 'authorisation matrix: every procedure × every kind of caller',
  kinds,
  procedures,
  expected,
  clientFor: (kind) => region.as(userOf[kind]),
});

describe('a regional role counts only in a region the identity names', () => {
  it('tells a user with no region group why, and a user of another region why', async () => {
    const noRegion = await failureOf(region.as(userOf.staffNoRegion).customers.create.mutate(customerInput()));
    expect(noRegion.data).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.no_region' });
    const elsewhere = await failureOf(region.as(userOf.leadElsewhere).customers.list.query({}));
    expect(elsewhere.data).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.wrong_region' });
  });

  it('lets a user named for several regions work in each of them', async () => {
    const both = { login: 'wing.ho', groups: 'crm-staff,crm-region-gb,crm-region-hk' };
    const { customer } = await region.as(both).customers.create.mutate(customerInput());
    expect(customer.createdBy).toBe('wing.ho');
  });

  it('reports no home region to a user the SSO names none for', async () => {
    const me = await region.as(userOf.staffNoRegion).me.query();
    expect(me).toMatchObject({ login: 'kaming.wong', region: 'hk', homeRegions: [] });
  });
});

describe('identity comes only through the SSO proxy', () => {
  it('ignores identity headers that arrive without the proxy secret', async () => {
    const { data } = await failureOf(region.as(users.staff, { proxySecret: null }).me.query());
    expect(data.code).toBe('UNAUTHORIZED');
  });

  it('ignores identity headers with a wrong proxy secret', async () => {
    const { data } = await failureOf(region.as(users.lead, { proxySecret: 'guess' }).customers.list.query({}));
    expect(data.code).toBe('UNAUTHORIZED');
  });

  it('reports who the user is, with region and roles', async () => {
    const me = await region.as({ login: 'mei.lee', groups: 'crm-staff, crm-lead, other, CRM-Region-HK' }).me.query();
    expect(me).toMatchObject({ login: 'mei.lee', region: 'hk', roles: ['staff', 'lead'], homeRegions: ['hk'] });
  });
});

describe('demo mode', () => {
  let demo: TestRegion;
  beforeAll(async () => {
    demo = await startTestRegion('authorization-demo', { security: { demoMode: true, proxySecret: null } });
  });
  afterAll(() => demo?.close());

  it('trusts identity headers without a secret', async () => {
    expect((await demo.as(users.staff, { proxySecret: null }).me.query()).login).toBe('kaming.wong');
  });

  it('still refuses a request that names no user', async () => {
    const { data } = await failureOf(demo.as(null, { proxySecret: null }).me.query());
    expect(data.code).toBe('UNAUTHORIZED');
  });
});

describe('federation refusals', () => {
  let node: TestRegion;
  let keys: Awaited<ReturnType<typeof generateFederationKeyPair>>;
  beforeAll(async () => {
    keys = await generateFederationKeyPair();
    node = await startTestRegion('authorization-federation', { security: { demoMode: false, proxySecret: 'test-proxy-secret', federationKeys: { keys: [keys.publicJwk] } } });
  });
  afterAll(() => node?.close());

  it('tell the caller only that the token was refused, and the node log why', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const forOtherNode = await failureOf(node.withBearer(await signFederationToken(keys.privateJwk, 'gb')).federation.changes.query({}));
      const stranger = await generateFederationKeyPair();
      const forged = await failureOf(node.withBearer(await signFederationToken({ ...stranger.privateJwk, kid: keys.privateJwk.kid }, 'hk')).federation.changes.query({}));
      const garbage = await failureOf(node.withBearer('not.a.token').federation.changes.query({}));
      for (const refusal of [forOtherNode, forged, garbage]) {
        expect(refusal.data).toMatchObject({ code: 'UNAUTHORIZED', messageKey: 'errors.federation_token_invalid' });
        expect(refusal.message).toBe(forOtherNode.message);
      }
      expect(forOtherNode.message).not.toMatch(/aud|signature|expired|replay|scope/i);
      // The operator still learns the cause, from the node's own log.
      expect(warnings.mock.calls.map((call) => String(call[0])).join('\n')).toMatch(/federation token refused.*aud/i);
    } finally {
      warnings.mockRestore();
    }
  });
});

describe('who works where, for any groups the proxy sends (fast-check)', () => {
  const group = fc.oneof(
    fc.constantFrom('crm-staff', 'crm-lead', 'crm-hq', 'crm-admin', 'crm-region-hk', 'CRM-Region-HK ', 'crm-region-', 'crm-region-gb', 'constructor', '__proto__', 'toString', 'intranet-users'),
    fc.string({ maxLength: 12 }).filter((value) => !value.includes(',')),
  );

  it('works in a region exactly when a crm-region group names it, and leads it only with crm-lead too', () => {
    fc.assert(
      fc.property(fc.array(group, { maxLength: 6 }), (groups) => {
        const identity = identityFromHeaders({ user: 'someone', groups: groups.join(',') })!;
        const names = groups.map((value) => value.trim().toLowerCase());
        expect(belongsToRegion(identity, 'hk')).toBe(names.includes('crm-region-hk'));
        expect(leadsRegion(identity, 'hk')).toBe(names.includes('crm-region-hk') && names.includes('crm-lead'));
        // Only the four crm groups are roles; nothing named like Object.prototype's members is one.
        expect(identity.roles.every((role) => names.includes(`crm-${role}`))).toBe(true);
        expect(identity.homeRegions).not.toContain('');
      }),
      { numRuns: 500 },
    );
  });
});
