import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookupGloss, segmentHan } from '../../src/signals/cedict.ts';
import { matchThresholds, scorePair, type MatchableCustomer } from '../../src/index.ts';

const customer = (key: string, name: string, extra: Partial<MatchableCustomer> = {}): MatchableCustomer => ({ key, region: key.split(':')[0]!, name, ...extra });

describe('CC-CEDICT glossary', () => {
  it('segments Chinese by longest dictionary match, Traditional and Simplified alike', () => {
    expect(segmentHan('国际商业机器有限').map((segment) => segment.text)).toEqual(['国际商业机器', '有限']);
    expect(segmentHan('星巴克咖啡').map((segment) => segment.text)).toEqual(['星巴克', '咖啡']);
    expect(segmentHan('滙豐銀行').map((segment) => segment.text)).toEqual(segmentHan('汇丰银行').map((segment) => segment.text));
  });

  it('glosses common words and flags the names CC-CEDICT knows as proper nouns', () => {
    expect(lookupGloss('銀行')).toEqual({ proper: false, senses: [['bank']] });
    expect(lookupGloss('星巴克')?.proper).toBe(true);
    expect(lookupGloss('星巴克')?.senses[0]).toEqual(['starbucks']);
    expect(lookupGloss('商业')?.senses.map((sense) => sense.join(' '))).toContain('business');
  });

  it('ships as a data file with its CC BY-SA attribution beside it', () => {
    const table = readFileSync(new URL('../../data/cedict-glosses.tsv', import.meta.url), 'utf8');
    const licence = readFileSync(new URL('../../data/CEDICT-LICENSE', import.meta.url), 'utf8');
    expect(table.split('\n', 2)[0]).toMatch(/CC-CEDICT/);
    expect(licence).toMatch(/CC BY-SA 4\.0/);
    expect(Buffer.byteLength(table)).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('gloss signal', () => {
  it('links 星巴克咖啡 to Starbucks Coffee by meaning, and says which words meant what', () => {
    const evidence = scorePair(customer('cn:1', '星巴克咖啡（上海）'), customer('gb:1', 'Starbucks Coffee Company (UK) Ltd'));
    expect(evidence.reasons).toContain('cross_script_gloss');
    expect(evidence.explanation).toContainEqual({ kind: 'gloss', zh: '星巴克', en: 'starbucks', proper: true });
    expect(evidence.explanation).toContainEqual({ kind: 'gloss', zh: '咖啡', en: 'coffee', proper: false });
    expect(evidence.score).toBeGreaterThanOrEqual(matchThresholds.review);
  });

  it('links a dictionary name that is the whole of both names automatically (星巴克 = Starbucks, 麥肯錫 = McKinsey)', () => {
    expect(scorePair(customer('hk:1', '星巴克'), customer('gb:1', 'Starbucks')).score).toBeGreaterThanOrEqual(matchThresholds.auto);
    expect(scorePair(customer('hk:2', '麥肯錫'), customer('gb:2', 'McKinsey & Company')).score).toBeGreaterThanOrEqual(matchThresholds.auto);
  });

  it('queues a translation made only of common words (中国银行 / Bank of China) instead of linking it', () => {
    const evidence = scorePair(customer('cn:1', '中国银行'), customer('gb:1', 'Bank of China'));
    expect(evidence.reasons).toContain('cross_script_gloss');
    expect(evidence.score).toBeGreaterThanOrEqual(matchThresholds.review);
    expect(evidence.score).toBeLessThan(matchThresholds.auto);
  });

  it('says nothing when the meanings differ (中国建设银行 is not Bank of China)', () => {
    expect(scorePair(customer('cn:1', '中国建设银行'), customer('gb:1', 'Bank of China')).score).toBeLessThan(matchThresholds.review);
  });
});
