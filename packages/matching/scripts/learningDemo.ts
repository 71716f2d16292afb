import {
  aliasKeysOf,
  clusterCustomers,
  createAliasIndex,
  findCandidatePairs,
  matchThresholds,
  scorePair,
  type MatchableCustomer,
} from '../src/index.ts';

export interface LearningStep {
  newcomer: MatchableCustomer;
  before: number;
  after: number;
  linkedAutomatically: boolean;
}

/** Customers a steward merged into global account G-HSBC (the HK and CN offices' entries). */
export const stewardMergedHsbc: MatchableCustomer[] = [
  { key: 'hk:101', region: 'hk', name: '香港上海滙豐銀行有限公司', nameLatin: 'The Hongkong and Shanghai Banking Corporation Limited' },
  { key: 'cn:202', region: 'cn', name: '汇丰银行（中国）有限公司' },
  { key: 'gb:303', region: 'gb', name: 'HSBC Holdings plc' },
];

/** Entries typed later, with no website and no registration id: only what was learned can link them. */
export const laterEntries: MatchableCustomer[] = [
  { key: 'sg:900', region: 'sg', name: '滙豐' },
  { key: 'fr:901', region: 'fr', name: '汇丰银行' },
  { key: 'ae:902', region: 'ae', name: 'HSBC Bank Middle East' },
];

/**
 * Before the steward's merge, a bare "滙豐" typed in Singapore cannot link to anything; after teaching
 * aliasKeysOf(members) → G-HSBC, it links automatically to the HSBC account.
 */
export function runLearningDemo(): { taughtKeys: string[]; steps: LearningStep[]; clusters: string[][] } {
  const taught = stewardMergedHsbc.flatMap((customer) => aliasKeysOf(customer).map((aliasKey) => ({ aliasKey, group: 'G-HSBC' })));
  const aliases = createAliasIndex(taught);
  const anchor = stewardMergedHsbc[0]!;
  const steps = laterEntries.map((newcomer) => {
    const before = scorePair(anchor, newcomer).score;
    const after = scorePair(anchor, newcomer, aliases).score;
    return { newcomer, before, after, linkedAutomatically: after >= matchThresholds.auto };
  });
  const everyone = [...stewardMergedHsbc, ...laterEntries];
  const pairs = findCandidatePairs(everyone, { aliases });
  const mustLink = stewardMergedHsbc.slice(1).map((customer): [string, string] => [anchor.key, customer.key]);
  const clusters = clusterCustomers(everyone.map((customer) => customer.key), pairs, { mustLink });
  return { taughtKeys: [...new Set(taught.map((entry) => entry.aliasKey))], steps, clusters };
}
