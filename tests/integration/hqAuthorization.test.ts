import { afterAll, beforeAll } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';
import { describeAuthorisationMatrix, type Outcome } from '../support/authorisationMatrix.ts';
import type { TestUser } from '../support/regionNode.ts';

let federation: TestFederation;
let globalCode: string;
beforeAll(async () => {
  federation = await startTestFederation('hq-authorization', ['gb']);
  await federation.regions.get('gb')!.as({ login: 'gb.staff', groups: 'crm-staff,crm-region-gb' }).customers.create.mutate(customerInput({ name: 'Authorisation Matrix Ltd' }));
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
  'analytics.segments': (client) => client.analytics.segments.query({}),
  'analytics.contactTypes': (client) => client.analytics.contactTypes.query({}),
  'analytics.channels': (client) => client.analytics.channels.query({}),
  'analytics.complaints': (client) => client.analytics.complaints.query({}),
  'analytics.serviceLevels': (client) => client.analytics.serviceLevels.query({}),
  'analytics.serviceLevelBreaches': (client) => client.analytics.serviceLevelBreaches.query({}),
  'analytics.churnRisk': (client) => client.analytics.churnRisk.query({}),
  'analytics.funnel': (client) => client.analytics.funnel.query({}),
  'analytics.crossSell': (client) => client.analytics.crossSell.query({}),
  'reviews.open': (client) =>
    client.reviews.open.mutate({ title: 'Matrix review', periodFrom: '2026-11-01', periodTo: '2026-11-30', regions: [{ region: 'gb', lead: 'mei.lee' }] }),
  'reviews.list': (client) => client.reviews.list.query(),
  // An id that does not exist: NOT_FOUND proves the caller got past the role check.
  'reviews.get': (client) => client.reviews.get.query({ id: '00000000-0000-4000-8000-000000000000' }),
  'reviews.addFinding': (client) => client.reviews.addFinding.mutate({ reviewId: '00000000-0000-4000-8000-000000000000', region: 'gb', text: 'x' }),
  'reviews.addAction': (client) =>
    client.reviews.addAction.mutate({ reviewId: '00000000-0000-4000-8000-000000000000', region: 'gb', title: 'x', owner: 'y', due: '2026-12-01' }),
  'reviews.signOff': (client) => client.reviews.signOff.mutate({ reviewId: '00000000-0000-4000-8000-000000000000', region: 'gb' }),
  'reviews.exportCsv': (client) => client.reviews.exportCsv.query({ id: '00000000-0000-4000-8000-000000000000' }),
  'reviews.setActionStatus': (client) => client.reviews.setActionStatus.mutate({ actionId: 987_654, status: 'done' }),
  'reviews.myActions': (client) => client.reviews.myActions.query(),
};

const kinds = { anonymous: null, noCrmGroup: { login: 'visitor', groups: 'intranet' }, staff: hqUsers.staff, lead: hqUsers.lead, hq: hqUsers.steward, admin: hqUsers.admin } satisfies Record<string, TestUser | null>;
type Kind = keyof typeof kinds;

const signedIn: Record<Kind, Outcome> = { anonymous: 'UNAUTHORIZED', noCrmGroup: 'FORBIDDEN', staff: 'ok', lead: 'ok', hq: 'ok', admin: 'ok' };
const globalView: Record<Kind, Outcome> = { ...signedIn, staff: 'FORBIDDEN' };
const stewards: Record<Kind, Outcome> = { ...globalView, lead: 'FORBIDDEN' };
const stewardsNotFound: Record<Kind, Outcome> = { ...stewards, hq: 'NOT_FOUND', admin: 'NOT_FOUND' };
const admins: Record<Kind, Outcome> = { ...stewards, hq: 'FORBIDDEN' };
const globalViewNotFound: Record<Kind, Outcome> = { ...globalView, lead: 'NOT_FOUND', hq: 'NOT_FOUND', admin: 'NOT_FOUND' };
const signedInNotFound: Record<Kind, Outcome> = { ...signedIn, staff: 'NOT_FOUND', lead: 'NOT_FOUND', hq: 'NOT_FOUND', admin: 'NOT_FOUND' };

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
  'analytics.segments': globalView,
  'analytics.contactTypes': globalView,
  'analytics.channels': globalView,
  'analytics.complaints': globalView,
  'analytics.serviceLevels': globalView,
  'analytics.serviceLevelBreaches': globalView,
  'analytics.churnRisk': globalView,
  'analytics.funnel': globalView,
  'analytics.crossSell': globalView,
  'reviews.open': globalView,
  'reviews.list': globalView,
  'reviews.get': globalViewNotFound,
  'reviews.addFinding': globalViewNotFound,
  'reviews.addAction': globalViewNotFound,
  'reviews.signOff': globalViewNotFound,
  'reviews.exportCsv': globalViewNotFound,
  'reviews.setActionStatus': signedInNotFound,
  'reviews.myActions': signedIn,
};

describeAuthorisationMatrix({
  title: 'HQ authorisation matrix: every procedure × every kind of caller',
  kinds: Object.keys(kinds) as Kind[],
  procedures,
  expected,
  clientFor: (kind) => federation.hqAs(kinds[kind]),
});
