import { describe, expect, it } from 'vitest';
import { findCandidatePairs, matchThresholds, scorePair, type MatchableCustomer } from '../src/index.ts';

const customer = (key: string, name: string, extra: Partial<MatchableCustomer> = {}): MatchableCustomer => ({
  key,
  region: key.split(':')[0]!,
  name,
  ...extra,
});

describe('HSBC entered by every office', () => {
  const holdings = customer('gb:1', 'HSBC Holdings plc', { website: 'https://www.hsbc.com' });
  const hongKong = customer('hk:1', '香港上海滙豐銀行有限公司', { website: 'www.hsbc.com.hk' });
  const china = customer('cn:1', '汇丰银行（中国）有限公司', { website: 'https://www.hsbc.com.cn/' });
  const middleEast = customer('ae:1', 'بنك إتش إس بي سي الشرق الأوسط المحدود', { website: 'hsbc.ae' });

  it('links names in four scripts through the shared brand domain', () => {
    for (const other of [hongKong, china, middleEast]) {
      const evidence = scorePair(holdings, other);
      expect(evidence.score).toBeGreaterThanOrEqual(matchThresholds.auto);
      expect(evidence.reasons).toContain('same_brand_domain');
    }
  });

  it('links Traditional and Simplified spellings of the same name without any identifier', () => {
    const evidence = scorePair(customer('hk:2', '滙豐銀行'), customer('cn:2', '汇丰银行'));
    expect(evidence.score).toBeGreaterThanOrEqual(matchThresholds.auto);
    expect(evidence.reasons).toContain('same_name_key');
  });

  it('sends "HSBC" vs "The Hongkong and Shanghai Banking Corporation" to a steward rather than guessing', () => {
    const evidence = scorePair(customer('gb:3', 'HSBC'), customer('hk:3', 'The Hongkong and Shanghai Banking Corporation Limited'));
    expect(evidence.reasons).toContain('acronym');
    expect(evidence.score).toBeGreaterThanOrEqual(matchThresholds.review);
    expect(evidence.score).toBeLessThan(matchThresholds.auto);
  });

  it('does not take Hang Seng Bank (an HSBC subsidiary with its own brand) for HSBC', () => {
    const hangSeng = customer('hk:4', '恒生銀行有限公司', { nameLatin: 'Hang Seng Bank Limited', website: 'hangseng.com' });
    expect(scorePair(hongKong, hangSeng).score).toBeLessThan(matchThresholds.review);
  });
});

describe('organisations that share generic words never auto-link', () => {
  const banks = [
    customer('gb:1', 'Bank of China Limited'),
    customer('hk:1', 'The Bank of East Asia, Limited'),
    customer('cn:1', 'China Construction Bank Corporation'),
    customer('cn:2', 'China State Construction Engineering Corporation'),
    customer('cn:3', "People's Bank of China"),
    customer('cn:4', '中国银行股份有限公司'),
    customer('hk:2', '東亞銀行有限公司'),
    customer('cn:5', '中国建设银行股份有限公司'),
    customer('cn:6', '中国建筑集团有限公司'),
    customer('cn:7', '中国人民银行'),
  ];

  it('keeps Bank of China, Bank of East Asia, China Construction Bank and China State Construction apart', () => {
    for (let i = 0; i < banks.length; i++) {
      for (let j = i + 1; j < banks.length; j++) {
        expect(scorePair(banks[i]!, banks[j]!).score, `${banks[i]!.name} ~ ${banks[j]!.name}`).toBeLessThan(matchThresholds.auto);
      }
    }
    expect(findCandidatePairs(banks).filter((pair) => pair.score >= matchThresholds.auto)).toEqual([]);
  });

  it('keeps Emirates NBD and Emirates (the airline) apart, with or without websites', () => {
    const bank = customer('ae:1', 'Emirates NBD Bank PJSC', { website: 'https://www.emiratesnbd.com' });
    const airline = customer('ae:2', 'Emirates', { website: 'https://www.emirates.com' });
    const bankArabic = customer('ae:3', 'بنك الإمارات دبي الوطني ش.م.ع');
    const airlineArabic = customer('ae:4', 'طيران الإمارات');
    expect(scorePair(bank, airline).score).toBeLessThan(matchThresholds.review);
    expect(scorePair(bankArabic, airlineArabic).score).toBeLessThan(matchThresholds.review);
    expect(scorePair(customer('gb:1', 'Emirates NBD'), customer('gb:2', 'Emirates Airline')).score).toBeLessThan(matchThresholds.review);
  });

  it('counts a conflicting registration id of the same kind against a match', () => {
    const a = customer('gb:1', 'Brightwater Consulting Limited', { registrationId: '09876543' });
    const b = customer('gb:2', 'Brightwater Consulting Ltd', { registrationId: '01234567' });
    const evidence = scorePair(a, b);
    expect(evidence.reasons).toContain('conflicting_registration_id');
    expect(evidence.score).toBeLessThan(matchThresholds.review);
    expect(scorePair(a, { ...b, registrationId: '09-876-543' }).reasons).toContain('same_registration_id');
  });
});

describe('findCandidatePairs', () => {
  it('returns each unordered pair once, a < b, with scores in [0,1]', () => {
    const customers = [
      customer('hk:2', '滙豐銀行'),
      customer('cn:2', '汇丰银行'),
      customer('gb:1', 'Jardine Matheson Holdings Limited'),
      customer('sg:1', 'Jardine Matheson Holdings Ltd'),
    ];
    const pairs = findCandidatePairs(customers);
    expect(pairs.map((pair) => [pair.a, pair.b])).toEqual([
      ['cn:2', 'hk:2'],
      ['gb:1', 'sg:1'],
    ]);
    for (const pair of pairs) expect(pair.score).toBeLessThanOrEqual(1);
  });
});
