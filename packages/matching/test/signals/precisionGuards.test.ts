import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCandidatePairs, matchThresholds, scorePair, type MatchableCustomer } from '../../src/index.ts';

const customer = (key: string, name: string, extra: Partial<MatchableCustomer> = {}): MatchableCustomer => ({ key, region: key.split(':')[0]!, name, ...extra });

/** Different banks whose names share words in every script: each inner list is one bank. */
const banks: string[][] = [
  ['Agricultural Bank of China Limited', '中国农业银行股份有限公司', '中國農業銀行', 'البنك الزراعي الصيني'],
  ['China Merchants Bank Co., Ltd.', '招商银行股份有限公司', '招商銀行'],
  ['Bank of Communications Co., Ltd.', '交通银行股份有限公司', '交通銀行'],
  ['Bank of China Limited', '中国银行股份有限公司', '中國銀行', 'بنك الصين'],
  ['China Construction Bank Corporation', '中国建设银行股份有限公司', '中國建設銀行', 'بنك الصين للتعمير'],
  ['Industrial and Commercial Bank of China', '中国工商银行', '中國工商銀行'],
];
const qualifiers = ['', ' (Hong Kong)', '（中国）', '（香港）', ' UK', ' Middle East', ' London Branch', '香港分行'];

describe('precision guards: different companies sharing words never link automatically', () => {
  it('keeps the big Chinese banks apart in Latin, Simplified, Traditional and Arabic', () => {
    const customers = banks.flatMap((names, bank) => names.map((name, i) => customer(`r${i}:${bank}-${i}`, name)));
    const bankOf = (key: string): string => key.split(':')[1]!.split('-')[0]!;
    const wrong = findCandidatePairs(customers).filter((pair) => pair.score >= matchThresholds.auto && bankOf(pair.a) !== bankOf(pair.b));
    expect(wrong).toEqual([]);
  });

  it('keeps 中国银行 and 中国建设银行 apart, and Bank of China away from 中国建设银行', () => {
    expect(scorePair(customer('cn:1', '中国银行'), customer('cn:2', '中国建设银行')).score).toBeLessThan(matchThresholds.auto);
    expect(scorePair(customer('gb:1', 'Bank of China'), customer('cn:2', '中国建设银行')).score).toBeLessThan(matchThresholds.review);
  });

  it('never links two different banks, whatever qualifier either office adds and in whichever script', () => {
    const name = fc.record({ bank: fc.nat({ max: banks.length - 1 }), script: fc.nat({ max: 3 }), qualifier: fc.constantFrom(...qualifiers) });
    fc.assert(
      fc.property(name, name, (x, y) => {
        fc.pre(x.bank !== y.bank);
        const nameOf = (n: typeof x): string => banks[n.bank]![n.script % banks[n.bank]!.length]! + n.qualifier;
        expect(scorePair(customer('a:1', nameOf(x)), customer('b:1', nameOf(y))).score).toBeLessThan(matchThresholds.auto);
      }),
      { numRuns: 300 },
    );
  });

  it('does not let sound alone link: a transliteration that sounds right still goes to a steward', () => {
    const evidence = scorePair(customer('ae:1', 'ماكنزي'), customer('gb:1', 'McKinsey'));
    expect(evidence.score).toBeGreaterThanOrEqual(matchThresholds.review);
    expect(evidence.score).toBeLessThan(matchThresholds.auto);
  });
});
