import { latinise } from '@meridian/names';
import { clusterCustomers, findCandidatePairs, matchThresholds, type CandidateSearchStatistics } from '../src/index.ts';
import { benchRegions, syntheticPopulation } from './syntheticPopulation.ts';

const size = Number(process.env.MATCHING_BENCH_SIZE ?? 100_000);
const targetSeconds = 20;
const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const customers = syntheticPopulation(size);
// HQ stores a generated Latin name for every non-Latin name without a typed one; do the same, untimed.
for (const customer of customers) {
  if (!customer.nameLatin && /[^\p{Script=Latin}\p{N}\p{P}\p{S}\p{Z}]/u.test(customer.name)) {
    customer.nameLatin = latinise(customer.name);
    customer.nameLatinGenerated = true;
  }
}
console.log(`population: ${customers.length} customers across ${benchRegions.length} regions`);
const before = process.memoryUsage();
const statistics: CandidateSearchStatistics = { pairsScored: 0, blocks: 0, oversizedBlocks: 0 };
const start = performance.now();
const pairs = findCandidatePairs(customers, { statistics });
const matched = performance.now();
const clusters = clusterCustomers(customers.map((customer) => customer.key), pairs, {});
const end = performance.now();
const after = process.memoryUsage();

const automatic = pairs.filter((pair) => pair.score >= matchThresholds.auto).length;
console.log(`findCandidatePairs: ${((matched - start) / 1000).toFixed(2)} s — ${statistics.pairsScored} pairs scored in ${statistics.blocks} blocks (${statistics.oversizedBlocks} oversized, walked in name order)`);
console.log(`  → ${pairs.length} candidate pairs: ${automatic} automatic, ${pairs.length - automatic} for review`);
console.log(`clusterCustomers: ${((end - matched) / 1000).toFixed(2)} s — ${clusters.length} clusters, ${clusters.filter((c) => c.length > 1).length} with more than one member`);
const total = (end - start) / 1000;
console.log(`total: ${total.toFixed(2)} s (target < ${targetSeconds} s, single thread) ${total < targetSeconds ? 'OK' : 'TOO SLOW'}`);
console.log(`memory: rss ${megabytes(after.rss)}, heap used ${megabytes(after.heapUsed)} (was ${megabytes(before.heapUsed)} before matching)`);
