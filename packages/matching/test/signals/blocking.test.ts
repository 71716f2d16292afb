import { describe, expect, it } from 'vitest';
import { findCandidatePairs, type CandidateSearchStatistics, type MatchableCustomer } from '../../src/index.ts';
import { maxSoundBlockSize } from '../../src/blocking.ts';

const customer = (key: string, name: string, extra: Partial<MatchableCustomer> = {}): MatchableCustomer => ({ key, region: key.split(':')[0]!, name, ...extra });

/** Unrelated Latin names, so the cross-script pairs have to be found by blocking, not by a tiny population. */
function filler(count: number): MatchableCustomer[] {
  const words = ['Alder', 'Birch', 'Cedar', 'Dunmore', 'Elmstead', 'Foxley', 'Garrow', 'Hartwell', 'Ivybridge', 'Juniper'];
  const kinds = ['Logistics', 'Dental Practice', 'Bakery', 'Architects', 'Joinery'];
  return Array.from({ length: count }, (_, i) => customer(`gb:f${i}`, `${words[i % 10]} ${words[Math.floor(i / 10) % 10]} ${kinds[i % 5]} ${i}`));
}

describe('blocking proposes cross-script pairs', () => {
  const planted: Array<[MatchableCustomer, MatchableCustomer]> = [
    [customer('cn:1', '星巴克咖啡'), customer('gb:1', 'Starbucks Coffee Company')],
    [customer('hk:2', '麥肯錫'), customer('gb:2', 'McKinsey & Company')],
    [customer('ae:3', 'ستاربكس'), customer('gb:3', 'Starbucks')],
    [customer('ae:4', 'آي بي إم'), customer('gb:4', 'IBM United Kingdom Limited')],
    [customer('cn:5', '星巴克'), customer('ae:5', 'ستاربكس')],
  ];

  it('finds each planted pair among hundreds of unrelated names', () => {
    const pairs = findCandidatePairs([...filler(400), ...planted.flat()]);
    for (const [a, b] of planted) {
      const [first, second] = a.key < b.key ? [a.key, b.key] : [b.key, a.key];
      expect(pairs.find((pair) => pair.a === first && pair.b === second), `${a.name} ~ ${b.name}`).toBeDefined();
    }
  });

  it('carries the explanation on each candidate pair', () => {
    const pairs = findCandidatePairs(planted[0]!);
    expect(pairs[0]!.explanation).toContainEqual({ kind: 'gloss', zh: '星巴克', en: 'starbucks', proper: true });
  });

  it('skips a sound key shared by more names than a block may hold, instead of comparing them all', () => {
    // Different words that all sound like "Tamson" (vowels do not count): one sound key, far over the cap.
    const v = 'aeiou';
    const alike = Array.from({ length: maxSoundBlockSize * 3 }, (_, i) =>
      customer(`gb:t${i}`, `T${v[i % 5]}ms${v[Math.floor(i / 5) % 5]}n${v[Math.floor(i / 25) % 5]}${v[Math.floor(i / 125) % 5]}`),
    );
    const statistics: CandidateSearchStatistics = { pairsScored: 0, blocks: 0, oversizedBlocks: 0 };
    findCandidatePairs(alike, { statistics });
    expect(statistics.skippedSoundBlocks).toBeGreaterThan(0);
    // Other keys (word starts and ends) still walk their oversized blocks by neighbours: far from all pairs.
    expect(statistics.pairsScored).toBeLessThan((alike.length * (alike.length - 1)) / 2 / 4);
  });
});
