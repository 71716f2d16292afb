import { matchThresholds } from '../src/index.ts';
import { evaluateLabelledSet } from './labelledEvaluation.ts';
import { loadLabelledSet } from './labelledSet.ts';
import { runLearningDemo } from './learningDemo.ts';
import { formatMetrics } from './metrics.ts';
import { evaluateOrgNamePairs } from './orgNamePairs.ts';

const verbose = process.argv.includes('--verbose');
console.log(`thresholds: auto ≥ ${matchThresholds.auto}, review ≥ ${matchThresholds.review}\n`);

const set = loadLabelledSet();
const generated = set.customers.filter((customer) => customer.nameLatinGenerated).length;
console.log(`labelled set: ${set.customers.length} entries in ${set.clusterCount} clusters (${generated} with generated Latin names)`);
const labelled = evaluateLabelledSet(set);
console.log(formatMetrics('automatic links (pairs ≥ auto)', labelled.automatic));
console.log(formatMetrics('automatic, after clustering', labelled.clustered));
console.log(formatMetrics('candidates (auto ∪ review queue)', labelled.candidates));
console.log(`review queue: ${labelled.candidates.predicted - labelled.automatic.predicted} pairs; true pairs never proposed: ${labelled.missedPairs}`);
console.log(`wrong automatic links: ${labelled.wrongAutomatic.length}`);
for (const pair of labelled.wrongAutomatic) console.log(`  ${pair.a} ~ ${pair.b} ${pair.score} ${pair.reasons.join(',')}`);

console.log('');
const pairs = evaluateOrgNamePairs();
if (!pairs) {
  console.log('org-name-pairs: ../shared/datasets/org-name-pairs/cases.csv not found beside the repository; skipped');
} else {
  console.log(`org-name-pairs (OpenSanctions cases.csv, Company/Organization rows): ${pairs.rows} pairs, ${pairs.matches} matches, names only`);
  console.log(formatMetrics('automatic (score ≥ auto)', pairs.automatic));
  console.log(formatMetrics('candidates (score ≥ review)', pairs.candidates));
  console.log('reference: OpenSanctions logic-v2 P 0.856 R 0.865 F1 0.86; legal forms + ASCII + Jaro-Winkler ≥ 0.9 F1 0.815');
  if (verbose) for (const e of pairs.errors) console.log(`  ${e.isMatch ? 'missed' : 'WRONG '} ${e.score.toFixed(3)} ${e.name1} | ${e.name2}`);
}

console.log('\nlearning: a steward merges the HSBC entries of hk, cn and gb; aliasKeysOf teaches their keys');
const demo = runLearningDemo();
console.log(`  taught keys: ${demo.taughtKeys.join(', ')}`);
for (const step of demo.steps) {
  console.log(
    `  later entry "${step.newcomer.name}" (${step.newcomer.region}): score before ${step.before.toFixed(3)}, after ${step.after.toFixed(3)} → ${step.linkedAutomatically ? 'linked automatically' : 'not linked'}`,
  );
}
console.log(`  clusters after: ${demo.clusters.map((cluster) => `[${cluster.join(' ')}]`).join(' ')}`);
if (verbose) {
  const same = (a: string, b: string): boolean => set.clusterOf.get(a) === set.clusterOf.get(b);
  for (const pair of labelled.pairs.filter((p) => p.score < matchThresholds.auto)) {
    console.log(`  queue ${same(pair.a, pair.b) ? 'same' : 'DIFF'} ${pair.score} ${pair.a} ~ ${pair.b} ${pair.reasons.join(',')}`);
  }
}
