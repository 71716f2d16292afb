import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { HqExecutor } from '../database.ts';
import { reviewActions, reviewAgendaItems, reviewFindings, reviewRegions, reviews } from '../schema/index.ts';
import { draftReviewAgenda } from './reviewAgenda.ts';

export type ReviewRow = typeof reviews.$inferSelect;

export interface OpenReviewInput {
  title: string;
  periodFrom: string;
  periodTo: string;
  regions: Array<{ region: string; lead: string }>;
  createdBy: string;
}

/** Opens a review and drafts its agenda from the data, in one transaction. */
export async function openReview(db: { transaction<T>(work: (tx: HqExecutor) => Promise<T>): Promise<T> }, input: OpenReviewInput): Promise<string> {
  return db.transaction(async (tx) => {
    const [review] = await tx
      .insert(reviews)
      .values({ title: input.title, periodFrom: input.periodFrom, periodTo: input.periodTo, createdBy: input.createdBy })
      .returning({ id: reviews.id });
    await tx.insert(reviewRegions).values(input.regions.map((entry) => ({ reviewId: review!.id, ...entry })));
    const agenda = await draftReviewAgenda(tx, { regions: input.regions.map((entry) => entry.region), from: input.periodFrom, to: input.periodTo });
    if (agenda.length) await tx.insert(reviewAgendaItems).values(agenda.map((item, index) => ({ reviewId: review!.id, position: index + 1, ...item })));
    return review!.id;
  });
}

export async function findReview(db: HqExecutor, id: string) {
  const [review] = await db.select().from(reviews).where(eq(reviews.id, id));
  if (!review) return null;
  const [regions, agenda, findings, actions] = [
    await db.select().from(reviewRegions).where(eq(reviewRegions.reviewId, id)).orderBy(asc(reviewRegions.region)),
    await db.select().from(reviewAgendaItems).where(eq(reviewAgendaItems.reviewId, id)).orderBy(asc(reviewAgendaItems.position)),
    await db.select().from(reviewFindings).where(eq(reviewFindings.reviewId, id)).orderBy(asc(reviewFindings.id)),
    await db.select().from(reviewActions).where(eq(reviewActions.reviewId, id)).orderBy(asc(reviewActions.due), asc(reviewActions.id)),
  ];
  return { ...review, regions, agenda, findings, actions };
}

export type ReviewDetails = NonNullable<Awaited<ReturnType<typeof findReview>>>;

/** Reviews newest first; `regions` limits to reviews covering at least one of them. */
export async function listReviews(db: HqExecutor, filter: { regions?: string[]; lead?: string }) {
  const visible =
    filter.regions || filter.lead
      ? sql`exists (select 1 from review_regions rr where rr.review_id = ${reviews.id}
            and (${filter.regions ? sql`rr.region = any(${sql.param(filter.regions)}::text[])` : sql`false`}
              or ${filter.lead ? sql`rr.lead = ${filter.lead}` : sql`false`}))`
      : undefined;
  return db.select().from(reviews).where(visible).orderBy(desc(reviews.createdAt)).limit(100);
}

export async function addFinding(db: HqExecutor, values: typeof reviewFindings.$inferInsert) {
  const [row] = await db.insert(reviewFindings).values(values).returning();
  return row!;
}

export async function addAction(db: HqExecutor, values: typeof reviewActions.$inferInsert) {
  const [row] = await db.insert(reviewActions).values(values).returning();
  return row!;
}

export async function findAction(db: HqExecutor, id: number) {
  const [row] = await db.select().from(reviewActions).where(eq(reviewActions.id, id));
  return row ?? null;
}

export async function setActionStatus(db: HqExecutor, id: number, status: 'open' | 'done' | 'cancelled') {
  const [row] = await db.update(reviewActions).set({ status, updatedAt: new Date() }).where(eq(reviewActions.id, id)).returning();
  return row!;
}

/** Action items a person owns across all reviews, open ones first by due date ("my open items"). */
export async function actionsOwnedBy(db: HqExecutor, owner: string) {
  return db
    .select({ action: reviewActions, reviewTitle: reviews.title })
    .from(reviewActions)
    .innerJoin(reviews, eq(reviews.id, reviewActions.reviewId))
    .where(eq(reviewActions.owner, owner))
    .orderBy(sql`${reviewActions.status} <> 'open'`, asc(reviewActions.due));
}

/** A lead signs for a region; when every region has signed, the review is signed and frozen. */
export async function signReview(db: { transaction<T>(work: (tx: HqExecutor) => Promise<T>): Promise<T> }, reviewId: string, region: string) {
  return db.transaction(async (tx) => {
    await tx
      .update(reviewRegions)
      .set({ signedAt: new Date() })
      .where(and(eq(reviewRegions.reviewId, reviewId), eq(reviewRegions.region, region), isNull(reviewRegions.signedAt)));
    const unsigned = await tx.select({ region: reviewRegions.region }).from(reviewRegions).where(and(eq(reviewRegions.reviewId, reviewId), isNull(reviewRegions.signedAt)));
    if (unsigned.length === 0) await tx.update(reviews).set({ status: 'signed', signedAt: new Date() }).where(eq(reviews.id, reviewId));
    return { remaining: unsigned.map((row) => row.region) };
  });
}


