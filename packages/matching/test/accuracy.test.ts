import { describe, expect, it } from 'vitest';
import { evaluateLabelledSet } from '../scripts/labelledEvaluation.ts';
import { loadLabelledSet } from '../scripts/labelledSet.ts';
import { evaluateOrgNamePairs } from '../scripts/orgNamePairs.ts';

// Floors sit a margin below what the engine achieves (see npm run evaluate), so a regression fails.
describe('accuracy on the labelled clusters (data/labelled-clusters.json)', () => {
  const set = loadLabelledSet();
  const result = evaluateLabelledSet(set);

  it('has a test set of the promised size', () => {
    expect(set.customers.length).toBeGreaterThanOrEqual(300);
    expect(set.clusterCount).toBeGreaterThanOrEqual(60);
  });

  it('links automatically with high precision, before and after clustering', () => {
    expect(result.automatic.precision).toBeGreaterThanOrEqual(0.97);
    expect(result.clustered.precision).toBeGreaterThanOrEqual(0.97);
    expect(result.automatic.recall).toBeGreaterThanOrEqual(0.33);
  });

  it('proposes most true pairs as candidates (auto or steward queue)', () => {
    expect(result.candidates.recall).toBeGreaterThanOrEqual(0.58);
    expect(result.candidates.precision).toBeGreaterThanOrEqual(0.88);
  });
});

const orgNamePairs = evaluateOrgNamePairs();
describe.skipIf(orgNamePairs === null)('accuracy on OpenSanctions org-name pairs (shared/datasets)', () => {
  it('beats the reference F1 (0.86) with its candidates and keeps automatic links precise', () => {
    expect(orgNamePairs!.candidates.f1).toBeGreaterThanOrEqual(0.86);
    expect(orgNamePairs!.automatic.precision).toBeGreaterThanOrEqual(0.95);
  });
});
