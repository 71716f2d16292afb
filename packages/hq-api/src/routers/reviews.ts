import { AppError, fieldError, notFound } from '@meridian/api-errors';
import { messageKeys, requiredText, type Identity } from '@meridian/domain';
import { actionsOwnedBy, addAction, addFinding, findAction, findReview, listReviews, openReview, setActionStatus, signReview, type ReviewDetails } from '@meridian/hq-db';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { createRouter, globalViewProcedure, signedInProcedure } from '../trpc.ts';

const isoDate = z.iso.date();
const regionCode = z.string().regex(/^[a-z]{2,8}$/);

/** HQ and admins take part in every review; a lead in those listing them or covering their region. */
function participation(identity: Identity, review: ReviewDetails) {
  const everywhere = identity.roles.includes('hq') || identity.roles.includes('admin');
  const leadOf = review.regions.filter((entry) => entry.lead === identity.login).map((entry) => entry.region);
  const covers = identity.homeRegions.some((region) => review.regions.some((entry) => entry.region === region));
  return { everywhere, leadOf, canSee: everywhere || leadOf.length > 0 || (identity.roles.includes('lead') && covers) };
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

function requireParticipant(access: ReturnType<typeof participation>, region?: string) {
  if (access.everywhere) return;
  if (access.leadOf.length === 0 || (region && !access.leadOf.includes(region))) {
    throw new AppError('FORBIDDEN', { messageKey: messageKeys.notReviewParticipant });
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
        regions: z.array(z.strictObject({ region: regionCode, lead: requiredText(100) })).min(1).max(30),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.periodTo < input.periodFrom) throw fieldError('periodTo', messageKeys.dueBeforeOccurred);
      const id = await openReview(ctx.db, { ...input, createdBy: ctx.identity.login });
      return (await findReview(ctx.db, id))!;
    }),

  list: globalViewProcedure.query(({ ctx }) => {
    const everywhere = ctx.identity.roles.includes('hq') || ctx.identity.roles.includes('admin');
    return listReviews(ctx.db, everywhere ? {} : { regions: ctx.identity.homeRegions, lead: ctx.identity.login });
  }),

  get: globalViewProcedure.input(z.strictObject({ id: z.uuid() })).query(async ({ ctx, input }) => (await visibleReview(ctx, input.id)).review),

  addFinding: globalViewProcedure
    .input(z.strictObject({ reviewId: z.uuid(), region: regionCode, agendaItemId: z.number().int().positive().optional(), text: requiredText(5_000) }))
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
    .input(z.strictObject({ actionId: z.number().int().positive(), status: z.enum(['open', 'done', 'cancelled']) }))
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
    if (entry.lead !== ctx.identity.login || !ctx.identity.roles.includes('lead')) {
      throw new AppError('FORBIDDEN', { messageKey: messageKeys.notReviewParticipant });
    }
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
