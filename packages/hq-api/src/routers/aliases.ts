import { fieldError, notFound } from '@meridian/api-errors';
import { boundedText, messageKeys, pageInput, requiredText, rowId, text } from '@meridian/domain';
import { keysOfAlias } from '@meridian/federation';
import {
  accountsByCodeOrName,
  addAccountAlias,
  listAccountAliases,
  recordHqAudit,
  removeAccountAlias,
  scriptOf,
  type AliasSource,
  type HqDatabase,
  resolveGlobalCode,
} from '@meridian/hq-db';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { createRouter, stewardProcedure } from '../trpc.ts';

export const aliasCsvColumns = ['account', 'alias', 'script', 'source'] as const;

// A spreadsheet runs a cell that starts like a formula. Export prefixes such cells (and any that already
// start with the prefix) with an apostrophe; import takes exactly one away, so the round trip is exact.
const formulaStart = /^['=+\-@\t\r]/;
export const escapeCell = (value: string) => (formulaStart.test(value) ? `'${value}` : value);
export const unescapeCell = (value: string) => (/^'['=+\-@\t\r]/.test(value) ? value.slice(1) : value);

const maxImportRows = 10_000;

function decodeAfterId(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  if (!/^\d{1,15}$/.test(cursor)) throw fieldError('cursor', messageKeys.invalidCursor);
  return Number(cursor);
}

export interface ImportOutcome {
  rows: number;
  added: number;
  unchanged: number;
  skipped: Array<{ row: number; messageKey: string }>;
}

/** Imports an alias list: each row names an account by global code (old codes follow redirects) or by its exact display name. */
export async function importAliasCsv(db: HqDatabase, csv: string, actor: string): Promise<ImportOutcome> {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as string[][];
  } catch {
    throw fieldError('csv', messageKeys.invalidFormat);
  }
  const header = records[0]?.map((cell) => cell.trim().toLowerCase());
  if (!header || header[0] !== 'account' || header[1] !== 'alias') throw fieldError('csv', messageKeys.invalidFormat);
  const body = records.slice(1);
  if (body.length > maxImportRows) throw fieldError('csv', messageKeys.batchTooLarge);
  const outcome: ImportOutcome = { rows: body.length, added: 0, unchanged: 0, skipped: [] };
  const refs = [...new Set(body.map((row) => unescapeCell(row[0] ?? '').trim()).filter(Boolean))];
  const known = await accountsByCodeOrName(db, refs);
  await db.transaction(async (tx) => {
    for (const [index, row] of body.entries()) {
      const line = index + 2;
      const ref = unescapeCell(row[0] ?? '').trim();
      const alias = unescapeCell(row[1] ?? '').normalize('NFC').trim();
      if (!ref || !alias) {
        outcome.skipped.push({ row: line, messageKey: messageKeys.required });
        continue;
      }
      if (alias.length > 200 || /[\u0000\p{Cs}]/u.test(alias)) {
        outcome.skipped.push({ row: line, messageKey: alias.length > 200 ? messageKeys.tooLong : messageKeys.invalidText });
        continue;
      }
      const byCode = known.find((account) => account.globalCode === ref);
      const byName = known.filter((account) => account.displayName === ref && !account.mergedInto);
      const code = byCode ? await resolveGlobalCode(tx, byCode.globalCode) : byName.length === 1 ? byName[0]!.globalCode : null;
      if (!code) {
        outcome.skipped.push({ row: line, messageKey: byName.length > 1 ? messageKeys.invalidOption : messageKeys.accountNotFound });
        continue;
      }
      const keys = keysOfAlias(alias);
      if (keys.length === 0) {
        outcome.skipped.push({ row: line, messageKey: messageKeys.invalidFormat });
        continue;
      }
      const added = await addAccountAlias(tx, { globalCode: code, alias, script: scriptOf(alias), source: 'imported', addedBy: actor }, keys);
      if (added) outcome.added += 1;
      else outcome.unchanged += 1;
    }
    await recordHqAudit(tx, { actor, action: 'aliases.import', subject: 'aliases', detail: { rows: outcome.rows, added: outcome.added, unchanged: outcome.unchanged, skipped: outcome.skipped.length } });
  });
  return outcome;
}

/** Every alias (or one account's) as CSV: account code, alias, script, source; formulas escaped, UTF-8 with a BOM for spreadsheets. */
export async function exportAliasCsv(db: HqDatabase, globalCode?: string): Promise<{ csv: string; rows: number }> {
  const rows: string[][] = [];
  let afterId: number | undefined;
  for (;;) {
    const page = await listAccountAliases(db, { globalCode, afterId, limit: 5_000 });
    const slice = page.slice(0, 5_000);
    for (const entry of slice) rows.push([entry.globalCode, entry.alias, entry.script, entry.source].map(escapeCell));
    if (page.length <= 5_000) break;
    afterId = slice.at(-1)!.id;
  }
  return { csv: stringify([[...aliasCsvColumns], ...rows], { bom: true }), rows: rows.length };
}

const sources = ['learned', 'steward', 'imported'] as const satisfies readonly AliasSource[];

export const aliasesRouter = createRouter({
  /** The alias list the matcher links by: learned from merges, typed by stewards, imported. */
  list: stewardProcedure
    .input(z.strictObject({ ...pageInput, globalCode: boundedText(40).optional(), query: boundedText(200).optional(), source: z.enum(sources).optional() }).optional())
    .query(async ({ ctx, input }) => {
      const limit = input?.limit ?? 25;
      const rows = await listAccountAliases(ctx.db, { globalCode: input?.globalCode, query: input?.query, source: input?.source, afterId: decodeAfterId(input?.cursor), limit });
      const items = rows.slice(0, limit);
      return { items, nextCursor: rows.length > limit ? String(items.at(-1)!.id) : null };
    }),

  add: stewardProcedure.input(z.strictObject({ globalCode: boundedText(40).min(1), alias: requiredText(200) })).mutation(async ({ ctx, input }) => {
    const code = await resolveGlobalCode(ctx.db, input.globalCode);
    if (!code) throw notFound(messageKeys.accountNotFound);
    const keys = keysOfAlias(input.alias);
    if (keys.length === 0) throw fieldError('alias', messageKeys.invalidFormat);
    const row = await ctx.db.transaction(async (tx) => {
      const added = await addAccountAlias(tx, { globalCode: code, alias: input.alias, script: scriptOf(input.alias), source: 'steward', addedBy: ctx.identity.login }, keys);
      if (added) await recordHqAudit(tx, { actor: ctx.identity.login, action: 'aliases.add', subject: `account:${code}`, detail: { alias: input.alias, id: added.id } });
      return added;
    });
    if (row) await ctx.services.reconcileNow();
    return { added: Boolean(row), alias: row };
  }),

  /** Removing an alias that is already gone changes nothing and says so. */
  remove: stewardProcedure.input(z.strictObject({ id: rowId })).mutation(async ({ ctx, input }) => {
    const removed = await ctx.db.transaction(async (tx) => {
      const row = await removeAccountAlias(tx, input.id);
      if (row) await recordHqAudit(tx, { actor: ctx.identity.login, action: 'aliases.remove', subject: `account:${row.globalCode}`, detail: { alias: row.alias, id: row.id, source: row.source } });
      return row;
    });
    if (removed) await ctx.services.reconcileNow();
    return { removed: Boolean(removed) };
  }),

  exportCsv: stewardProcedure.input(z.strictObject({ globalCode: boundedText(40).optional() }).optional()).query(({ ctx, input }) => exportAliasCsv(ctx.db, input?.globalCode)),

  importCsv: stewardProcedure.input(z.strictObject({ csv: text().max(2_000_000) })).mutation(async ({ ctx, input }) => {
    const outcome = await importAliasCsv(ctx.db, input.csv, ctx.identity.login);
    if (outcome.added > 0) await ctx.services.reconcileNow();
    return outcome;
  }),
});
