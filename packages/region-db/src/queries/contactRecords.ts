import { and, desc, eq, gte, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { RegionExecutor } from '../database.ts';
import { contactRecords } from '../schema/index.ts';
import { decodeCursor, escapeLike, pageOf } from './pagination.ts';

export type ContactRecordRow = typeof contactRecords.$inferSelect;
export type ContactRecordInsert = Omit<typeof contactRecords.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

export async function insertContactRecord(db: RegionExecutor, values: ContactRecordInsert): Promise<ContactRecordRow> {
  const [row] = await db.insert(contactRecords).values(values).returning();
  return row!;
}

export async function findContactRecord(
  db: RegionExecutor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ContactRecordRow | null> {
  const query = db.select().from(contactRecords).where(eq(contactRecords.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function findContactRecordByClientReference(db: RegionExecutor, clientReference: string): Promise<ContactRecordRow | null> {
  const [row] = await db.select().from(contactRecords).where(eq(contactRecords.clientReference, clientReference));
  return row ?? null;
}

export async function amendmentsOf(db: RegionExecutor, id: string): Promise<Array<Pick<ContactRecordRow, 'id' | 'createdAt' | 'createdBy' | 'amendReason'>>> {
  return db
    .select({ id: contactRecords.id, createdAt: contactRecords.createdAt, createdBy: contactRecords.createdBy, amendReason: contactRecords.amendReason })
    .from(contactRecords)
    .where(eq(contactRecords.amendsId, id))
    .orderBy(contactRecords.createdAt);
}

export async function updateContactRecord(
  db: RegionExecutor,
  id: string,
  changes: Partial<ContactRecordInsert>,
  actor: string,
): Promise<ContactRecordRow> {
  const [row] = await db
    .update(contactRecords)
    .set({ ...changes, updatedAt: new Date(), updatedBy: actor, version: sql`${contactRecords.version} + 1` })
    .where(eq(contactRecords.id, id))
    .returning();
  return row!;
}

export interface ContactRecordListFilter {
  customerId?: string;
  jobCode?: string;
  /** A full code (`complaint.timeliness`) or a group (`complaint`). */
  typeCode?: string;
  status?: 'open' | 'closed';
  createdBy?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

/** Newest first by the time the contact happened. */
export async function listContactRecords(db: RegionExecutor, filter: ContactRecordListFilter) {
  const conditions: SQL[] = [];
  if (filter.customerId) conditions.push(eq(contactRecords.customerId, filter.customerId));
  if (filter.jobCode) conditions.push(eq(contactRecords.jobCode, filter.jobCode));
  if (filter.typeCode) {
    conditions.push(
      filter.typeCode.includes('.')
        ? eq(contactRecords.typeCode, filter.typeCode)
        : like(contactRecords.typeCode, `${escapeLike(filter.typeCode)}.%`),
    );
  }
  if (filter.status) conditions.push(eq(contactRecords.status, filter.status));
  if (filter.createdBy) conditions.push(eq(contactRecords.createdBy, filter.createdBy));
  if (filter.from) conditions.push(gte(contactRecords.occurredAt, filter.from));
  if (filter.to) conditions.push(lte(contactRecords.occurredAt, filter.to));
  const after = decodeCursor(filter.cursor, 2);
  if (after) {
    const occurredAt = new Date(String(after[0]));
    const id = String(after[1]);
    conditions.push(or(lt(contactRecords.occurredAt, occurredAt), and(eq(contactRecords.occurredAt, occurredAt), lt(contactRecords.id, id)))!);
  }
  const rows = await db
    .select()
    .from(contactRecords)
    .where(and(...conditions))
    .orderBy(desc(contactRecords.occurredAt), desc(contactRecords.id))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (row) => [row.occurredAt.toISOString(), row.id]);
}
