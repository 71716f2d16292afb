import { describe, expect, it } from 'vitest';
import { clusterCustomers, type CandidatePair, type ClusterConflict } from '../src/index.ts';

const pair = (a: string, b: string, score: number): CandidatePair => ({ a, b, score, reasons: [] });
const keys = ['a', 'b', 'c', 'd'];

describe('clusterCustomers', () => {
  it('joins automatic links at or above the threshold, transitively, and nothing below', () => {
    const clusters = clusterCustomers(keys, [pair('a', 'b', 0.95), pair('b', 'c', 0.9), pair('c', 'd', 0.7)], {});
    expect(clusters).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('never lets automatic links put a steward keep-apart pair into one cluster, even through a chain', () => {
    const clusters = clusterCustomers(keys, [pair('a', 'b', 0.99), pair('b', 'c', 0.95)], { keepApart: [['a', 'c']] });
    expect(clusters).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it('joins steward must-links below the threshold', () => {
    expect(clusterCustomers(keys, [], { mustLink: [['a', 'd']] })).toEqual([['a', 'd'], ['b'], ['c']]);
  });

  it('lets keep-apart win over a contradicting must-link and reports it', () => {
    const conflicts: ClusterConflict[] = [];
    const clusters = clusterCustomers(keys, [], {
      mustLink: [['a', 'b'], ['b', 'c']],
      keepApart: [['a', 'c']],
      onConflict: (conflict) => conflicts.push(conflict),
    });
    expect(clusters).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(conflicts).toEqual([{ a: 'b', b: 'c', kind: 'must_link', keptApart: ['a', 'c'] }]);
  });
});
