import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { matchThresholds, scorePair } from '../src/index.ts';
import { pairMetrics, type PairMetrics } from './metrics.ts';

/** The OpenSanctions name-pair benchmark, kept beside the repository in shared/datasets. */
export const orgNamePairsPath = new URL('../../../../shared/datasets/org-name-pairs/cases.csv', import.meta.url);

export interface OrgNamePairsEvaluation {
  rows: number;
  matches: number;
  automatic: PairMetrics;
  candidates: PairMetrics;
  errors: Array<{ name1: string; name2: string; isMatch: boolean; score: number }>;
}

/** Organisation rows only (schema Company or Organization); null when the file is not there. */
export function evaluateOrgNamePairs(): OrgNamePairsEvaluation | null {
  if (!existsSync(orgNamePairsPath)) return null;
  const records = parse(readFileSync(orgNamePairsPath, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  const rows = records.filter((row) => row.schema === 'Company' || row.schema === 'Organization');
  const scored = rows.map((row, i) => {
    const name1 = row.name1 ?? '';
    const name2 = row.name2 ?? '';
    const { score } = scorePair({ key: `x:${i}a`, region: 'x', name: name1 }, { key: `x:${i}b`, region: 'x', name: name2 });
    return { name1, name2, isMatch: row.is_match === 'true', score };
  });
  const at = (threshold: number): PairMetrics => {
    const predicted = scored.filter((row) => row.score >= threshold);
    return pairMetrics(
      predicted.length,
      predicted.filter((row) => row.isMatch).length,
      scored.filter((row) => row.isMatch).length,
    );
  };
  return {
    rows: rows.length,
    matches: scored.filter((row) => row.isMatch).length,
    automatic: at(matchThresholds.auto),
    candidates: at(matchThresholds.review),
    errors: scored.filter(
      (row) => (row.score >= matchThresholds.auto && !row.isMatch) || (row.score < matchThresholds.review && row.isMatch),
    ),
  };
}
