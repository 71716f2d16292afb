import { and, asc, eq } from 'drizzle-orm';
import type { RegionExecutor } from '../database.ts';
import { auditLog } from '../schema/index.ts';

/** Every write to one row, oldest first: who, when, through which procedure, before and after. */
export async function auditTrailOf(db: RegionExecutor, tableName: string, rowId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tableName, tableName), eq(auditLog.rowId, rowId)))
    .orderBy(asc(auditLog.id));
}
