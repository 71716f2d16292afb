import { describe, expect, it } from 'vitest';
import { matchThresholds, scorePair, type MatchableCustomer } from '../../src/index.ts';
import { arabicLetterAcronyms, expansionInitials } from '../../src/signals/acronyms.ts';
import { segmentHan } from '../../src/signals/cedict.ts';

const customer = (key: string, name: string, extra: Partial<MatchableCustomer> = {}): MatchableCustomer => ({ key, region: key.split(':')[0]!, name, ...extra });

describe('acronym signal', () => {
  it('reads Arabic letter names as Latin letters, every reading of an ambiguous one', () => {
    expect(arabicLetterAcronyms('آي بي إم'.split(' '))[0]!.readings).toContain('ibm');
    const hsbc = arabicLetterAcronyms('بنك إتش إس بي سي الشرق الأوسط'.split(' '));
    expect(hsbc.map((acronym) => acronym.arabic)).toEqual(['إتش إس بي سي']);
    expect(hsbc[0]!.readings).toEqual(expect.arrayContaining(['hsbc', 'hspc']));
    expect(arabicLetterAcronyms('بنك دبي الإسلامي'.split(' '))).toEqual([]);
  });

  it('takes the initials of a translated expansion: 国际 商业 机器 → International Business Machines → IBM', () => {
    const parts = ['国际', '商业', '机器'].map((word) => segmentHan(word)[0]!.entry!.senses);
    expect(expansionInitials(parts)).toContain('ibm');
  });

  it('queues آي بي إم against IBM and against International Business Machines, with the acronym as evidence', () => {
    const arabic = customer('ae:1', 'آي بي إم');
    const short = scorePair(arabic, customer('gb:1', 'IBM'));
    expect(short.explanation).toContainEqual({ kind: 'acronym', acronym: 'ibm', via: 'arabic_letters', source: 'اي بي ام' });
    const long = scorePair(arabic, customer('gb:2', 'International Business Machines Corporation'));
    expect(long.reasons).toContain('cross_script_acronym');
    expect(long.explanation).toContainEqual(expect.objectContaining({ kind: 'acronym', acronym: 'ibm', via: 'latin_initials' }));
    for (const evidence of [short, long]) {
      expect(evidence.score).toBeGreaterThanOrEqual(matchThresholds.review);
      expect(evidence.score).toBeLessThan(matchThresholds.auto);
    }
  });

  it('matches a dictionary name glossed in several words with its initials (惠普 Hewlett-Packard ~ HP)', () => {
    const evidence = scorePair(customer('hk:1', '惠普香港有限公司'), customer('gb:1', 'HP UK'));
    expect(evidence.explanation).toContainEqual({ kind: 'acronym', acronym: 'hp', via: 'gloss_initials', source: '惠普' });
    expect(evidence.score).toBeGreaterThanOrEqual(matchThresholds.review);
  });

  it('keeps letter-spelled acronyms whole, so BHP is not HP', () => {
    expect(scorePair(customer('ae:1', 'بي إتش بي'), customer('ae:2', 'إتش بي')).score).toBeLessThan(matchThresholds.auto);
  });
});
