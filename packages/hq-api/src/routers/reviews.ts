import { AppError, fieldError, notFound } from '@meridian/api-errors';
import { fieldErrorMap, leadsRegion, messageKeys, regionCode, requiredText, rowId, type Identity } from '@meridian/domain';
import { actionsOwnedBy, addAction, addFinding, findAction, findReview, listReviews, openReview, setActionStatus, signReview, type ReviewDetails } from '@meridian/hq-db';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { createRouter, globalViewProcedure, signedInProcedure } from '../trpc.ts';

const isoDate = z.iso.date();

/**
 * HQ and admins take part in every review. A lead acts for a region only when the review names them for
 * it AND their identity makes them a lead of it (`crm-lead` + `crm-region-<code>`): the name alone was
 * typed by whoever opened the review, so it proves nothing. Leads see the reviews naming them or
 * covering a region of theirs.
 */
function participation(identity: Identity, review: ReviewDetails) {
  const everywhere = identity.roles.includes('hq') || identity.roles.includes('admin');
  const named = review.regions.filter((entry) => entry.lead === identity.login).map((entry) => entry.region);
  const leadOf = named.filter((region) => leadsRegion(identity, region));
  const covers = identity.homeRegions.some((region) => review.regions.some((entry) => entry.region === region));
  return { everywhere, named, leadOf, canSee: everywhere || (identity.roles.includes('lead') && (named.length > 0 || covers)) };
}

async function visibleReview(ctx: { db: Parameters<typeof findReview>[0]; identity: Identity }, id: string) {
  const review = await findReview(ctx.db, id);
  if (!review) throw notFound(messageKeys.reviewNotFound);
  const access = participation(ctx.identity, review);
  if (!access.canSee) throw new AppError('FORBIDDEN', { messageKey: messageKeys.notReviewParticipant });
  return { review, access };
}

function requireOpen(review: ReviewDetails) {
  if (review.status === 'signed') throw new AppError('PRECONDITION_FAILED', { messageKey: messageKeys.reviewSigned });
}

/** Acting for one region (a finding), or for the review as a whole (an action item) when none is given. */
function requireParticipant(access: ReturnType<typeof participation>, region?: string) {
  if (access.everywhere) return;
  const allowed = region ? access.leadOf.includes(region) : access.leadOf.length > 0;
  if (allowed) return;
  // Named but not a lead of that region by identity: say so, the fix is the SSO group, not the review.
  const named = region ? access.named.includes(region) : access.named.length > 0;
  throw new AppError('FORBIDDEN', { messageKey: named ? messageKeys.notRegionLead : messageKeys.notReviewParticipant });
}

/**
 * Who may open a review naming these signers. HQ and admins open any; a lead only one covering a region
 * they lead. Whoever names themselves must lead that region. Other names are checked when they act:
 * HQ has no directory of who leads where, only the identity of the person asking.
 */
function requireMayOpen(identity: Identity, regions: Array<{ region: string; lead: string }>) {
  const everywhere = identity.roles.includes('hq') || identity.roles.includes('admin');
  if (!everywhere && !regions.some((entry) => leadsRegion(identity, entry.region))) {
    throw new AppError('FORBIDDEN', { messageKey: messageKeys.notRegionLead });
  }
  const selfNamed = regions.findIndex((entry) => entry.lead === identity.login && !leadsRegion(identity, entry.region));
  if (selfNamed >= 0) {
    throw new AppError('FORBIDDEN', { messageKey: messageKeys.notRegionLead, fieldErrors: fieldErrorMap([[`regions.${selfNamed}.lead`, messageKeys.notRegionLead]]) });
  }
}

/** The review as a spreadsheet: formulas escaped, so a finding typed as "=HYPERLINK(…)" stays text. */
export function reviewCsv(review: ReviewDetails): string {
  const rows: unknown[][] = [
    ['section', 'region', 'who', 'text', 'due', 'status'],
    ...review.agenda.map((item) => ['agenda', '', '', `${item.position}. ${item.title}: ${JSON.stringify(item.detail)}`, '', '']),
    ...review.findings.map((finding) => ['finding', finding.region, finding.author, finding.text, '', '']),
    ...review.actions.map((action) => ['action', action.region, action.owner, action.title, action.due, action.status]),
    ...review.regions.map((entry) => ['sign-off', entry.region, entry.lead, entry.signedAt ? 'signed' : 'not signed', '', entry.signedAt?.toISOString() ?? '']),
  ];
  return stringify(rows, { escape_formulas: true, bom: true });
}

export const reviewsRouter = createRouter({
  /** A lead (or HQ) opens a review for a period and regions; the agenda is drafted from the records. */
  open: globalViewProcedure
    .input(
      z.strictObject({
        title: requiredText(200),
        periodFrom: isoDate,
        periodTo: isoDate,
        regions: z
          .array(z.strictObject({ region: regionCode, lead: requiredText(100) }))
          .min(1)
          .max(30)
          .superRefine((regions, ctx) => {
            // One signer per region (the table's key): a second entry is the caller's mistake to fix.
            regions.forEach((entry, index) => {
              if (regions.findIndex((other) => other.region === entry.region) < index) {
                ctx.addIssue({ code: 'custom', path: [index, 'region'], message: messageKeys.regionListedTwice });
              }
            });
          }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.periodTo < input.periodFrom) throw fieldError('periodTo', messageKeys.dueBeforeOccurred);
      requireMayOpen(ctx.identity, input.regions);
      const id = await openReview(ctx.db, { ...input, createdBy: ctx.identity.login });
      return (await findReview(ctx.db, id))!;
    }),

  list: globalViewProcedure.query(({ ctx }) => {
    const everywhere = ctx.identity.roles.includes('hq') || ctx.identity.roles.includes('admin');
    return listReviews(ctx.db, everywhere ? {} : { regions: ctx.identity.homeRegions, lead: ctx.identity.login });
  }),

  get: globalViewProcedure.input(z.strictObject({ id: z.uuid() })).query(async ({ ctx, input }) => (await visibleReview(ctx, input.id)).review),

  addFinding: globalViewProcedure
    .input(z.strictObject({ reviewId: z.uuid(), region: regionCode, agendaItemId: z.number().int().min(1).max(2_147_483_647).optional(), text: requiredText(5_000) }))
    .mutation(async ({ ctx, input }) => {
      const { review, access } = await visibleReview(ctx, input.reviewId);
      requireOpen(review);
      if (!review.regions.some((entry) => entry.region === input.region)) throw fieldError('region', messageKeys.regionNotInReview);
      requireParticipant(access, input.region);
      return addFinding(ctx.db, { reviewId: review.id, region: input.region, agendaItemId: input.agendaItemId ?? null, author: ctx.identity.login, text: input.text });
    }),

  addAction: globalViewProcedure
    .input(z.strictObject({ reviewId: z.uuid(), region: regionCode, title: requiredText(500), owner: requiredText(100), due: isoDate }))
    .mutation(async ({ ctx, input }) => {
      const { review, access } = await visibleReview(ctx, input.reviewId);
      requireOpen(review);
      if (!review.regions.some((entry) => entry.region === input.region)) throw fieldError('region', messageKeys.regionNotInReview);
      requireParticipant(access);
      return addAction(ctx.db, { reviewId: review.id, region: input.region, title: input.title, owner: input.owner, due: input.due, createdBy: ctx.identity.login });
    }),

  /** Owners (and the review's participants) keep action items current, even after sign-off. */
  setActionStatus: signedInProcedure
    .input(z.strictObject({ actionId: rowId, status: z.enum(['open', 'done', 'cancelled']) }))
    .mutation(async ({ ctx, input }) => {
      const action = await findAction(ctx.db, input.actionId);
      if (!action) throw notFound(messageKeys.actionNotFound);
      if (action.owner !== ctx.identity.login) {
        const review = await findReview(ctx.db, action.reviewId);
        requireParticipant(participation(ctx.identity, review!));
      }
      return setActionStatus(ctx.db, action.id, input.status);
    }),

  /** The lead listed for a region signs for it; staff never sign. */
  signOff: globalViewProcedure.input(z.strictObject({ reviewId: z.uuid(), region: regionCode })).mutation(async ({ ctx, input }) => {
    const { review } = await visibleReview(ctx, input.reviewId);
    requireOpen(review);
    const entry = review.regions.find((candidate) => candidate.region === input.region);
    if (!entry) throw fieldError('region', messageKeys.regionNotInReview);
    if (entry.lead !== ctx.identity.login) throw new AppError('FORBIDDEN', { messageKey: messageKeys.notReviewParticipant });
    if (!leadsRegion(ctx.identity, entry.region)) throw new AppError('FORBIDDEN', { messageKey: messageKeys.notRegionLead });
    const { remaining } = await signReview(ctx.db, review.id, input.region);
    return { signed: remaining.length === 0, remaining };
  }),

  exportCsv: globalViewProcedure.input(z.strictObject({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const { review } = await visibleReview(ctx, input.id);
    return { filename: `review-${review.periodFrom}-${review.periodTo}.csv`, csv: reviewCsv(review) };
  }),

  /** Action items I own, from every review: they belong in "my open items". */
  myActions: signedInProcedure.query(({ ctx }) => actionsOwnedBy(ctx.db, ctx.identity.login)),
});
