import { describe, expect, it } from 'vitest';
import { matchThresholds, scorePair, type MatchableCustomer } from '../../src/index.ts';
import { foreignPartWeight, staticTokenWeight } from '../../src/tokenWeights.ts';

const customer = (key: string, name: string, extra: Partial<MatchableCustomer> = {}): MatchableCustomer => ({ key, region: key.split(':')[0]!, name, ...extra });

describe('qualifiers and generic words', () => {
  it('weighs a part of a Chinese or Arabic name by what it means: sector words little, unknown names fully', () => {
    expect(foreignPartWeight([['bank']], '银行', staticTokenWeight)).toBeLessThan(0.5);
    expect(foreignPartWeight([['hongkong']], '香港', staticTokenWeight)).toBeLessThan(0.5);
    expect(foreignPartWeight([['coffee']], '咖啡', staticTokenWeight)).toBe(1);
    expect(foreignPartWeight([], 'محدود', staticTokenWeight)).toBeLessThan(0.5);
  });

  it('lets a place qualifier on one side ((香港), UK) keep a link in the queue, and says it weighed little', () => {
    const evidence = scorePair(customer('hk:1', '星巴克咖啡（香港）'), customer('gb:1', 'Starbucks Coffee UK'));
    expect(evidence.score).toBeGreaterThanOrEqual(matchThresholds.review);
    expect(evidence.score).toBeLessThan(matchThresholds.auto);
    expect(evidence.reasons).toContain('different_place_qualifier');
    expect(evidence.explanation).toContainEqual({ kind: 'qualifier', word: '香港' });
    expect(evidence.explanation).toContainEqual({ kind: 'qualifier', word: 'unitedkingdom' });
  });

  it('never proposes a pair that shares only a sector word (bank / 银行 / بنك, airways / 航空)', () => {
    expect(scorePair(customer('cn:1', '招商银行'), customer('gb:1', 'Bank of Communications')).score).toBeLessThan(matchThresholds.review);
    expect(scorePair(customer('ae:1', 'بنك المشرق'), customer('gb:2', 'Standard Chartered Bank')).score).toBeLessThan(matchThresholds.review);
    expect(scorePair(customer('cn:2', '国泰航空'), customer('gb:3', 'Emirates Airways')).score).toBeLessThan(matchThresholds.review);
  });
});
