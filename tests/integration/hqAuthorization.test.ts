import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { hqUsers, startTestFederation, type TestFederation } from '../support/federation.ts';
import { describeAuthorisationMatrix, type Outcome } from '../support/authorisationMatrix.ts';
import { failureOf, type TestUser } from '../support/regionNode.ts';

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

const kinds = {
  anonymous: null,
  noCrmGroup: { login: 'visitor', groups: 'intranet' },
  staff: hqUsers.staff,
  /** The UK's lead: the reviews below cover gb. */
  lead: { login: 'james.whitfield', groups: 'crm-lead,crm-region-gb' },
  hq: hqUsers.steward,
  admin: hqUsers.admin,
  /** A Hong Kong lead: a lead, but not of gb. */
  leadElsewhere: { login: 'mei.lee', groups: 'crm-lead,crm-region-hk' },
  /** A lead the SSO names no region for: a lead of nowhere. */
  leadNoRegion: { login: 'li.wei', groups: 'crm-lead' },
} satisfies Record<string, TestUser | null>;
type Kind = keyof typeof kinds;
const loginOf = (kind: Kind) => kinds[kind]?.login ?? 'nobody';

/** Opened by someone at HQ (not by the caller), naming the caller as the signer for gb. */
async function reviewNaming(kind: Kind) {
  const opener = federation.hqAs({ login: 'review.opener', groups: 'crm-hq' });
  const review = await opener.reviews.open.mutate({ title: 'Matrix review', periodFrom: '2026-11-01', periodTo: '2026-11-30', regions: [{ region: 'gb', lead: loginOf(kind) }] });
  return review.id;
}

/** Calls whose success needs no particular data; decide/undo use ids that do not exist (NOT_FOUND proves they got past the role check). */
const procedures: Record<string, (client: Client, kind: Kind) => Promise<unknown>> = {
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
  'reconcile.decideItem': (client) =>
    client.reconcile.decideItem.mutate({ customerKey: 'gb:00000000-0000-4000-8000-000000000000', globalCode: 'G-999999', decision: 'merge' }),
  'reconcile.decideAccount': (client) => client.reconcile.decideAccount.mutate({ globalCode: 'G-999999', decision: 'keep_apart' }),
  'reconcile.search': (client) => client.reconcile.search.query({ query: 'Authorisation' }),
  'reconcile.link': (client) => client.reconcile.link.mutate({ customerKey: 'gb:00000000-0000-4000-8000-000000000000', globalCode, reason: 'matrix' }),
  'reconcile.split': (client) => client.reconcile.split.mutate({ customerKey: 'gb:00000000-0000-4000-8000-000000000000', reason: 'matrix' }),
  'reconcile.undoLink': (client) => client.reconcile.undoLink.mutate({ linkId: 987_654 }),
  'reconcile.evidence': (client) => client.reconcile.evidence.query({ globalCode }),
  'aliases.list': (client) => client.aliases.list.query(),
  'aliases.add': (client) => client.aliases.add.mutate({ globalCode: 'G-999999', alias: 'Matrix' }),
  'aliases.remove': (client) => client.aliases.remove.mutate({ id: 987_654 }),
  'aliases.exportCsv': (client) => client.aliases.exportCsv.query(),
  'aliases.importCsv': (client) => client.aliases.importCsv.mutate({ csv: 'account,alias,script,source\n' }),
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
  'reviews.open naming the caller as gb signer': (client, kind) =>
    client.reviews.open.mutate({ title: 'Matrix review', periodFrom: '2026-11-01', periodTo: '2026-11-30', regions: [{ region: 'gb', lead: loginOf(kind) }] }),
  'reviews.open naming someone else as gb signer': (client) =>
    client.reviews.open.mutate({ title: 'Matrix review', periodFrom: '2026-11-01', periodTo: '2026-11-30', regions: [{ region: 'gb', lead: 'someone.else' }] }),
  'reviews.addFinding for gb, named as its signer': async (client, kind) =>
    client.reviews.addFinding.mutate({ reviewId: await reviewNaming(kind), region: 'gb', text: 'Finding' }),
  'reviews.addAction, named as gb signer': async (client, kind) =>
    client.reviews.addAction.mutate({ reviewId: await reviewNaming(kind), region: 'gb', title: 'Action', owner: 'someone.else', due: '2026-12-01' }),
  'reviews.signOff for gb, named as its signer': async (client, kind) => client.reviews.signOff.mutate({ reviewId: await reviewNaming(kind), region: 'gb' }),
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

const signedIn: Record<Kind, Outcome> = { anonymous: 'UNAUTHORIZED', noCrmGroup: 'FORBIDDEN', staff: 'ok', lead: 'ok', hq: 'ok', admin: 'ok', leadElsewhere: 'ok', leadNoRegion: 'ok' };
const globalView: Record<Kind, Outcome> = { ...signedIn, staff: 'FORBIDDEN' };
const stewards: Record<Kind, Outcome> = { ...globalView, lead: 'FORBIDDEN', leadElsewhere: 'FORBIDDEN', leadNoRegion: 'FORBIDDEN' };
const stewardsNotFound: Record<Kind, Outcome> = { ...stewards, hq: 'NOT_FOUND', admin: 'NOT_FOUND' };
const admins: Record<Kind, Outcome> = { ...stewards, hq: 'FORBIDDEN' };
const globalViewNotFound: Record<Kind, Outcome> = { ...globalView, lead: 'NOT_FOUND', hq: 'NOT_FOUND', admin: 'NOT_FOUND', leadElsewhere: 'NOT_FOUND', leadNoRegion: 'NOT_FOUND' };
const signedInNotFound: Record<Kind, Outcome> = { ...signedIn, staff: 'NOT_FOUND', lead: 'NOT_FOUND', hq: 'NOT_FOUND', admin: 'NOT_FOUND', leadElsewhere: 'NOT_FOUND', leadNoRegion: 'NOT_FOUND' };
/** Acting for gb in a review: HQ and admins anywhere, and among leads only gb's own. */
const forGb: Record<Kind, Outcome> = { ...globalView, leadElsewhere: 'FORBIDDEN', leadNoRegion: 'FORBIDDEN' };
/** Signing for gb: only a lead of gb, named for it — never HQ or an admin, never a lead of elsewhere. */
const gbSigner: Record<Kind, Outcome> = { ...forGb, hq: 'FORBIDDEN', admin: 'FORBIDDEN' };

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
  // Stewardship is HQ's and admins' (README "Identity and access"); leads read the global view but never the queue or the alias list.
  'reconcile.decideItem': stewardsNotFound,
  'reconcile.decideAccount': stewardsNotFound,
  'reconcile.search': stewards,
  'reconcile.link': stewardsNotFound,
  'reconcile.split': stewardsNotFound,
  'reconcile.undoLink': stewardsNotFound,
  // The account page's "why": whoever may read the account.
  'reconcile.evidence': globalView,
  'aliases.list': stewards,
  'aliases.add': stewardsNotFound,
  'aliases.remove': stewards,
  'aliases.exportCsv': stewards,
  'aliases.importCsv': stewards,
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
  // Naming oneself as signer is allowed only for a region one leads, whoever one is.
  'reviews.open naming the caller as gb signer': gbSigner,
  'reviews.open naming someone else as gb signer': forGb,
  'reviews.addFinding for gb, named as its signer': forGb,
  'reviews.addAction, named as gb signer': forGb,
  'reviews.signOff for gb, named as its signer': gbSigner,
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

describe('a joint review is signed for a region only by a lead of that region', () => {
  const hkLead = kinds.leadElsewhere;
  const period = { periodFrom: '2026-11-01', periodTo: '2026-11-30' };

  it('refuses a Hong Kong lead who names himself the UK signer, saying which entry is wrong', async () => {
    const { data } = await failureOf(
      federation.hqAs(hkLead).reviews.open.mutate({ title: 'HK/UK', ...period, regions: [{ region: 'hk', lead: hkLead.login }, { region: 'gb', lead: hkLead.login }] }),
    );
    expect(data).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.not_region_lead', fieldErrors: { 'regions.1.lead': ['errors.not_region_lead'] } });
  });

  it('refuses a lead opening a review for regions none of which are theirs', async () => {
    const { data } = await failureOf(federation.hqAs(hkLead).reviews.open.mutate({ title: 'UK only', ...period, regions: [{ region: 'gb', lead: 'james.whitfield' }] }));
    expect(data).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.not_region_lead' });
  });

  it('keeps a Hong Kong lead named for the UK by someone else from writing or signing for the UK, while the UK lead can', async () => {
    const review = await federation.hqAs(hqUsers.steward).reviews.open.mutate({ title: 'Named wrongly', ...period, regions: [{ region: 'gb', lead: hkLead.login }] });
    const finding = await failureOf(federation.hqAs(hkLead).reviews.addFinding.mutate({ reviewId: review.id, region: 'gb', text: 'UK finding by HK' }));
    expect(finding.data).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.not_region_lead' });
    const sign = await failureOf(federation.hqAs(hkLead).reviews.signOff.mutate({ reviewId: review.id, region: 'gb' }));
    expect(sign.data).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.not_region_lead' });
    // Not named, so the UK's real lead cannot sign either: the review must be corrected, not worked around.
    const ukLead = await failureOf(federation.hqAs(kinds.lead).reviews.signOff.mutate({ reviewId: review.id, region: 'gb' }));
    expect(ukLead.data).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.not_review_participant' });
    const unsigned = await federation.hqAs(hqUsers.steward).reviews.get.query({ id: review.id });
    expect(unsigned.regions).toEqual([expect.objectContaining({ region: 'gb', signedAt: null })]);
    expect(unsigned.findings).toEqual([]);
  });

  it('checks the signer as they are when signing: a lead whose region group was removed cannot sign', async () => {
    const review = await federation.hqAs(kinds.lead).reviews.open.mutate({ title: 'UK review', ...period, regions: [{ region: 'gb', lead: kinds.lead.login }] });
    const moved = { login: kinds.lead.login, groups: 'crm-lead,crm-region-ae' };
    expect((await failureOf(federation.hqAs(moved).reviews.signOff.mutate({ reviewId: review.id, region: 'gb' }))).data.messageKey).toBe('errors.not_region_lead');
    expect(await federation.hqAs(kinds.lead).reviews.signOff.mutate({ reviewId: review.id, region: 'gb' })).toEqual({ signed: true, remaining: [] });
  });
});
