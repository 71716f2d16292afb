import { describe, expect, it } from 'vitest';
import { matchThresholds, scorePair, type MatchableCustomer } from '../../src/index.ts';

const customer = (key: string, name: string, extra: Partial<MatchableCustomer> = {}): MatchableCustomer => ({ key, region: key.split(':')[0]!, name, ...extra });

describe('Chinese ↔ Arabic through Latin renderings', () => {
  it('queues 星巴克 against ستاربكس (the gloss "starbucks" sounds like "starbks"), never linking on its own', () => {
    const evidence = scorePair(customer('cn:1', '星巴克'), customer('ae:1', 'ستاربكس'));
    expect(evidence.reasons).toEqual(expect.arrayContaining(['cross_script_sound', 'pivot_latin']));
    expect(evidence.explanation).toContainEqual({ kind: 'pivot', via: 'latin' });
    expect(evidence.score).toBeGreaterThanOrEqual(matchThresholds.review);
    expect(evidence.score).toBeLessThan(matchThresholds.auto);
  });

  it('compares meanings both sides know (银行 = bank = بنك) and keeps different banks apart', () => {
    expect(scorePair(customer('cn:1', '中国银行'), customer('ae:1', 'بنك الصين')).score).toBeGreaterThanOrEqual(matchThresholds.review);
    expect(scorePair(customer('cn:2', '中国建设银行'), customer('ae:1', 'بنك الصين')).score).toBeLessThan(matchThresholds.review);
  });

  it('uses a typed Latin name when one side has it, instead of the pivot', () => {
    const evidence = scorePair(customer('ae:1', 'ستاربكس'), customer('hk:1', '星巴克', { nameLatin: 'Starbucks Hong Kong' }));
    expect(evidence.reasons).toContain('cross_script_sound');
    expect(evidence.reasons).not.toContain('pivot_latin');
  });
});
