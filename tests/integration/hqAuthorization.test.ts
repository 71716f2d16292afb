import { afterAll, beforeAll } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';
import { describeAuthorisationMatrix, type Outcome } from '../support/authorisationMatrix.ts';
import type { TestUser } from '../support/regionNode.ts';

let federation: TestFederation;
let globalCode: string;
beforeAll(async () => {
  federation = await startTestFederation('hq-authorization', ['gb']);
  await federation.regions.get('gb')!.as({ login: 'gb.staff', groups: 'crm-staff' }).customers.create.mutate(customerInput({ name: 'Authorisation Matrix Ltd' }));
  await federation.hq.runtime.syncNow();
  globalCode = (await federation.hqAs(hqUsers.admin).accounts.list.query({})).items[0]!.globalCode;
});
afterAll(() => federation?.close());

type Client = ReturnType<TestFederation['hqAs']>;

/** Calls whose success needs no particular data; decide/undo use ids that do not exist (NOT_FOUND proves they got past the role check). */
const procedures: Record<string, (client: Client) => Promise<unknown>> = {
  me: (client) => client.me.query(),
  'regions.list': (client) => client.regions.list.query(),
  'regions.status': (client) => client.regions.status.query(),
  'regions.register': (client) =>
    client.regions.register.mutate({ code: 'zz', name: 'Test node', baseUrl: 'http://127.0.0.1:9', locales: ['en-GB'], timezone: 'Europe/London', currency: 'GBP', country: 'GB' }),
  'regions.setEnabled': (client) => client.regions.setEnabled.mutate({ code: 'gb', enabled: true }),
  'sync.run': (client) => client.sync.run.mutate({ region: 'gb' }),
  'accounts.list': (client) => client.accounts.list.query({}),
  'accounts.get': (client) => client.accounts.get.query({ globalCode }),
  'reconcile.queue': (client) => client.reconcile.queue.query(),
  'reconcile.decide': (client) => client.reconcile.decide.mutate({ candidateId: 987_654, decision: 'keep_apart' }),
  'reconcile.undo': (client) => client.reconcile.undo.mutate({ decisionId: 987_654 }),
  'reconcile.run': (client) => client.reconcile.run.mutate(),
  'analytics.pyramid': (client) => client.analytics.pyramid.query({}),
};

const kinds = { anonymous: null, noCrmGroup: { login: 'visitor', groups: 'intranet' }, staff: hqUsers.staff, lead: hqUsers.lead, hq: hqUsers.steward, admin: hqUsers.admin } satisfies Record<string, TestUser | null>;
type Kind = keyof typeof kinds;

const signedIn: Record<Kind, Outcome> = { anonymous: 'UNAUTHORIZED', noCrmGroup: 'FORBIDDEN', staff: 'ok', lead: 'ok', hq: 'ok', admin: 'ok' };
const globalView: Record<Kind, Outcome> = { ...signedIn, staff: 'FORBIDDEN' };
const stewards: Record<Kind, Outcome> = { ...globalView, lead: 'FORBIDDEN' };
const stewardsNotFound: Record<Kind, Outcome> = { ...stewards, hq: 'NOT_FOUND', admin: 'NOT_FOUND' };
const admins: Record<Kind, Outcome> = { ...stewards, hq: 'FORBIDDEN' };

const expected: Record<keyof typeof procedures, Record<Kind, Outcome>> = {
  me: signedIn,
  'regions.list': globalView,
  'regions.status': globalView,
  'regions.register': admins,
  'regions.setEnabled': admins,
  'sync.run': admins,
  'accounts.list': globalView,
  'accounts.get': globalView,
  'reconcile.queue': stewards,
  'reconcile.decide': stewardsNotFound,
  'reconcile.undo': stewardsNotFound,
  'reconcile.run': admins,
  'analytics.pyramid': globalView,
};

describeAuthorisationMatrix({
  title: 'HQ authorisation matrix: every procedure × every kind of caller',
  kinds: Object.keys(kinds) as Kind[],
  procedures,
  expected,
  clientFor: (kind) => federation.hqAs(kinds[kind]),
});
