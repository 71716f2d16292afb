import { describe, expect, it } from 'vitest';
import { matchThresholds, scorePair, type MatchableCustomer } from '../../src/index.ts';
import { transliterateArabic } from '../../src/signals/arabicLatin.ts';
import { englishSpellingOfPinyin, phoneticSimilarity } from '../../src/signals/phonetic.ts';
import { hanRenderings } from '../../src/signals/sound.ts';

const customer = (key: string, name: string, extra: Partial<MatchableCustomer> = {}): MatchableCustomer => ({ key, region: key.split(':')[0]!, name, ...extra });

describe('renderings by sound', () => {
  it('renders Chinese in Mandarin and Cantonese, and mixes sound with meaning as brand names do', () => {
    const renderings = (text: string): string[] => hanRenderings(text).map((rendering) => rendering.text);
    expect(renderings('麦肯锡')).toContain('maikensi');
    // Cantonese, for Hong Kong names: 恒生 is hang-sang, not Mandarin heng-sheng.
    expect(hanRenderings('恒生').find((rendering) => rendering.scheme === 'jyutping')?.text).toBe('hangsang');
    expect(renderings('星巴克')).toContain('starbake');
    expect(englishSpellingOfPinyin('xi')).toBe('si');
  });

  it('renders Arabic letters in Latin, without the vowels Arabic leaves unwritten', () => {
    expect(transliterateArabic('ستاربكس')).toContain('starbks');
    expect(transliterateArabic('جوجل')).toContain('gugl');
  });

  it('compares by Double Metaphone key and spelling', () => {
    expect(phoneticSimilarity('maikensi', 'mckinsey')).toBeGreaterThanOrEqual(0.9);
    expect(phoneticSimilarity('starbks', 'starbucks')).toBeGreaterThanOrEqual(0.9);
    // Keys shorter than three letters (tata, toyota: TT) say nothing; only near-identical spellings count.
    expect(phoneticSimilarity('tata', 'toyota')).toBe(0);
    expect(phoneticSimilarity('tata', 'tata')).toBe(1);
    expect(phoneticSimilarity('starbks', 'siemens')).toBeLessThan(0.5);
  });
});

describe('sound signal', () => {
  it('queues ستاربكس against Starbucks, explaining the rendering, without linking on sound alone', () => {
    const evidence = scorePair(customer('ae:1', 'ستاربكس'), customer('gb:1', 'Starbucks'));
    expect(evidence.reasons).toContain('cross_script_sound');
    expect(evidence.explanation).toContainEqual({ kind: 'sound', ar: 'ستاربكس', scheme: 'arabic', rendering: 'starbks', en: 'starbucks', similarity: 1 });
    expect(evidence.score).toBeGreaterThanOrEqual(matchThresholds.review);
    expect(evidence.score).toBeLessThan(matchThresholds.auto);
  });

  it('compares with the website brand label when the other side has no Latin name', () => {
    const evidence = scorePair(customer('ae:1', 'ستاربكس'), customer('hk:1', '某咖啡店', { website: 'https://www.starbucks.com.hk' }));
    expect(evidence.explanation).toContainEqual(expect.objectContaining({ kind: 'sound', en: 'starbucks' }));
  });

  it('lets a name the dictionary knows sound only like itself: 西门子 is Siemens, not Simmons & Simmons', () => {
    expect(scorePair(customer('cn:1', '西门子'), customer('gb:1', 'Simmons & Simmons')).score).toBeLessThan(matchThresholds.review);
    expect(scorePair(customer('cn:1', '西门子'), customer('gb:1', 'Siemens AG')).score).toBeGreaterThanOrEqual(matchThresholds.review);
  });
});
