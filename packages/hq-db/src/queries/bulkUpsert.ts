import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { HqExecutor } from '../database.ts';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface BulkUpsertOptions {
  /** Column properties that identify a row (the conflict target). */
  key: string[];
  /** Column properties to overwrite on conflict; default: every column but the key. */
  update?: string[];
  /** Extra condition for the update, in terms of the table and `excluded` (e.g. a version guard). */
  updateWhere?: SQL;
  chunkSize?: number;
}

/**
 * Inserts or updates many rows with one parameter per statement: the rows travel as a JSON array and
 * PostgreSQL unpacks them (jsonb_populate_recordset). Building a 500-row VALUES list in the ORM costs
 * more CPU than the database spends storing it; this keeps HQ's apply and reconcile paths database-bound.
 */
export async function bulkUpsert(db: HqExecutor, table: PgTable, rows: Array<Record<string, unknown>>, options: BulkUpsertOptions): Promise<void> {
  if (rows.length === 0) return;
  // Only the columns the rows carry: the others keep their database defaults (created_at, received_at …).
  const carried = new Set(rows.flatMap((row) => Object.keys(row).filter((key) => row[key] !== undefined)));
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(([property]) => carried.has(property));
  const names = columns.map(([, column]) => quote(column.name)).join(', ');
  const keyNames = options.key.map((property) => quote((getTableColumns(table) as Record<string, PgColumn>)[property]!.name)).join(', ');
  const updated = (options.update ?? columns.map(([property]) => property).filter((property) => !options.key.includes(property))).filter((property) => carried.has(property)).map(
    (property) => quote((getTableColumns(table) as Record<string, PgColumn>)[property]!.name),
  );
  const tableName = quote(getTableName(table));
  const onConflict =
    updated.length === 0
      ? sql.raw(`on conflict (${keyNames}) do nothing`)
      : sql.join(
          [sql.raw(`on conflict (${keyNames}) do update set ${updated.map((name) => `${name} = excluded.${name}`).join(', ')}`), ...(options.updateWhere ? [sql`where ${options.updateWhere}`] : [])],
          sql` `,
        );
  const chunkSize = options.chunkSize ?? 1_000;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const json = rows.slice(start, start + chunkSize).map((row) => {
      const out: Record<string, unknown> = {};
      for (const [property, column] of columns) if (row[property] !== undefined) out[column.name] = row[property];
      return out;
    });
    await db.execute(sql`insert into ${sql.raw(tableName)} (${sql.raw(names)})
      select ${sql.raw(names)} from jsonb_populate_recordset(null::${sql.raw(tableName)}, ${JSON.stringify(json)}::jsonb)
      ${onConflict}`);
  }
}
