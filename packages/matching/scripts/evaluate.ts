import { matchThresholds } from '../src/index.ts';
import { evaluateCrossScript, type CrossScriptEvaluation } from './crossScriptEvaluation.ts';
import { evaluateLabelledSet } from './labelledEvaluation.ts';
import { loadEvaluationSet, loadLabelledSet, type EvaluationSet } from './labelledSet.ts';
import { runLearningDemo } from './learningDemo.ts';
import { formatMetrics } from './metrics.ts';
import { evaluateOrgNamePairs } from './orgNamePairs.ts';
import { crossScriptKinds, pairKindLabels, pairKinds } from './pairKinds.ts';
import { evaluateRanking } from './ranking.ts';
import { untunedShare } from './split.ts';
import { formatTarget, targetsOf } from './targets.ts';

const verbose = process.argv.includes('--verbose');
const f = (value: number): string => value.toFixed(3);
console.log(`thresholds: auto ≥ ${matchThresholds.auto}, review ≥ ${matchThresholds.review}; alias table empty\n`);

const all = loadEvaluationSet();
const tunedSet = loadEvaluationSet('tuned');
const untunedSet = loadEvaluationSet('untuned');
const describe = (label: string, set: EvaluationSet): string => {
  const entries = [...set.byKey.values()];
  const nonLatin = entries.filter((entry) => entry.member.script !== 'Latn').length;
  const real = set.clusters.filter(({ cluster }) => cluster.real && cluster.multinational !== false).length;
  return `${label.padEnd(8)} ${String(set.customers.length).padStart(5)} names (${nonLatin} Chinese or Arabic) in ${set.clusterCount} clusters (${real} real multinationals)`;
};
console.log('labelled sets: data/labelled-clusters.json (seen while tuning: all "tuned") + data/labelled-multinationals.json');
console.log(`(written by hand from public knowledge; untuned = clusters of the second file whose SHA-256(id) falls in the lowest ${untunedShare * 100}%, see scripts/split.ts)`);
for (const [label, set] of [['all', all], ['tuned', tunedSet], ['untuned', untunedSet]] as const) console.log(describe(label, set));

console.log('\nHQ production path (runMatching: blocking, scoring, clustering; queue as reconcileCustomers writes it, folded as stewardQueue shows it)');
const results: Array<[string, CrossScriptEvaluation]> = [
  ['all', evaluateCrossScript(all)],
  ['tuned', evaluateCrossScript(tunedSet)],
  ['untuned', evaluateCrossScript(untunedSet)],
];
console.log(`${''.padEnd(8)} ${'auto P'.padStart(7)} ${'auto R'.padStart(7)} ${'wrong'.padStart(6)} ${'cand R'.padStart(7)} ${'queue/cust'.padStart(11)} ${'pairs/cust'.padStart(11)} ${'max/cust'.padStart(9)}  true pairs`);
for (const [label, result] of results) {
  const a = result.overall.automatic;
  console.log(
    `${label.padEnd(8)} ${f(a.precision).padStart(7)} ${f(a.recall).padStart(7)} ${String(a.predicted - a.truePositives).padStart(6)} ${f(result.overall.candidateRecall).padStart(7)} ${result.queueItemsPerCustomer.toFixed(2).padStart(11)} ${result.queuedPairsPerCustomer.toFixed(2).padStart(11)} ${String(result.maxQueueItemsPerCustomer).padStart(9)}  ${result.overall.truePairs}`,
  );
}
console.log('(auto = pairs inside HQ\'s automatic clusters; cand R = true pairs connected by automatic links and queued pairs, transitively)');
for (const [label, result] of results) {
  console.log(`  ${label.padEnd(8)} true pairs scoring ≥ review alone (scorePair) that HQ's run never returned (blocking, or population word weights): ${result.lostToBlocking} (${f(result.lostToBlocking / Math.max(1, result.overall.truePairs))} of true pairs)`);
}

console.log('\nper kind of pair: auto P / auto R / candidate recall (true pairs)');
console.log(`${''.padEnd(34)} ${'tuned'.padEnd(36)} untuned`);
for (const kind of [...crossScriptKinds, ...pairKinds.filter((k) => !crossScriptKinds.includes(k))]) {
  const cell = (result: CrossScriptEvaluation): string => {
    const figures = result.byKind.get(kind)!;
    // A ratio over nothing is not a figure: no links means no precision, no true pairs no recall.
    const precision = figures.automatic.predicted === 0 ? '—' : f(figures.automatic.precision);
    const recall = (value: number): string => (figures.truePairs === 0 ? '—' : f(value));
    return `${precision} / ${recall(figures.automatic.recall)} / ${recall(figures.candidateRecall)} (${figures.truePairs})`;
  };
  console.log(`${pairKindLabels[kind].padEnd(34)} ${cell(results[1]![1]).padEnd(36)} ${cell(results[2]![1])}`);
}

console.log('\nhard negatives (clusters the data marks as sharing words): wrong automatic merges between them');
for (const [label, result] of results) {
  console.log(`  ${label.padEnd(8)} ${result.hardNegativeMerges.length} of ${result.hardNegativePairs} hard-negative pairs merged; all wrong merges: ${result.wrongMerges.length}`);
}
if (verbose) {
  // Only the tuned split is shown in detail: looking at the untuned split's errors would be tuning on it.
  const tuned = results[1]![1];
  const name = (key: string): string => tunedSet.byKey.get(key)!.customer.name;
  for (const [a, b] of tuned.wrongMerges) console.log(`  WRONG ${a} ${name(a)} ~ ${b} ${name(b)}`);
  for (const { a, b, kind } of tuned.missed) console.log(`  missed (tuned, ${kind}) ${a} ${name(a)} ~ ${b} ${name(b)}`);
}

console.log('\nEnglish ↔ Chinese ranking (names only; each Chinese name against every Latin name of the whole set)');
const rankTuned = evaluateRanking(tunedSet, all);
const rankUntuned = evaluateRanking(untunedSet, all);
for (const [label, ranking] of [['tuned', rankTuned], ['untuned', rankUntuned]] as const) {
  console.log(`  ${label.padEnd(8)} top-1 ${f(ranking.top1)}  top-5 ${f(ranking.top5)}  (${ranking.queries} Chinese names against ${ranking.candidates} Latin names; ${ranking.zeroScore} whose right names all score 0)`);
}

console.log('\ntargets, on the untuned split:');
for (const target of targetsOf(results[2]![1], rankUntuned)) console.log(formatTarget(target));

console.log('');
const first = evaluateLabelledSet(loadLabelledSet());
console.log('first labelled file alone (the floors of test/accuracy.test.ts; queue counted as pairs, no closure):');
console.log(formatMetrics('  automatic, after clustering', first.clustered));
console.log(formatMetrics('  candidates (auto ∪ review queue)', first.candidates));

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
