import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { RegionExecutor } from '../database.ts';
import { projects } from '../schema/index.ts';
import { decodeCursor, pageOf } from './pagination.ts';

export type ProjectRow = typeof projects.$inferSelect;

export interface ProjectFields {
  jobCode: string;
  customerId: string;
  name?: string | null;
  serviceCategory: string;
  country: string;
  city: string;
  site?: string | null;
  status?: string;
}

export async function insertProject(db: RegionExecutor, input: ProjectFields & { actor: string }): Promise<ProjectRow> {
  const { actor, ...fields } = input;
  const [row] = await db
    .insert(projects)
    .values({ ...fields, status: fields.status ?? 'active', createdBy: actor, updatedBy: actor })
    .returning();
  return row!;
}

export async function findProjectByJobCode(db: RegionExecutor, jobCode: string): Promise<ProjectRow | null> {
  const [row] = await db.select().from(projects).where(eq(projects.jobCode, jobCode));
  return row ?? null;
}

export async function listProjects(db: RegionExecutor, filter: { customerId?: string; cursor?: string; limit: number }) {
  const conditions: SQL[] = [];
  if (filter.customerId) conditions.push(eq(projects.customerId, filter.customerId));
  const after = decodeCursor(filter.cursor, 1);
  if (after) conditions.push(gt(projects.jobCode, String(after[0])));
  const rows = await db
    .select()
    .from(projects)
    .where(and(...conditions))
    .orderBy(asc(projects.jobCode))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit, (row) => [row.jobCode]);
}
