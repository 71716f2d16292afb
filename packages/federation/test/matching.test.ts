import { describe, expect, it } from 'vitest';
import { matchCustomers, type MatchingInput } from '../src/reconcile/matching.ts';

const input: MatchingInput = {
  customers: [
    { key: 'gb:1', region: 'gb', name: 'HSBC Holdings plc', website: 'https://www.hsbc.com' },
    { key: 'hk:1', region: 'hk', name: '香港上海滙豐銀行有限公司', nameLatin: 'The Hongkong and Shanghai Banking Corporation Limited', website: 'www.hsbc.com.hk' },
    { key: 'hk:2', region: 'hk', name: '東亞銀行有限公司', website: 'www.hkbea.com' },
    { key: 'cn:1', region: 'cn', name: '中国建设银行股份有限公司', website: 'www.ccb.com' },
    { key: 'gb:2', region: 'gb', name: 'China Construction Bank (London) Limited', website: 'www.ccb.com' },
  ],
  aliases: [],
  keepApart: [],
  mustLink: [],
};

// A worker starts its own TypeScript loader and loads the matcher with its dictionary: seconds on a busy
// two-core machine, so these get more than vitest's default 5 s (a cap on a hang, not a speed target).
describe('matching off the main thread', { timeout: 60_000 }, () => {
  it('gives the same pairs and accounts on a worker thread as inline', async () => {
    const inline = await matchCustomers(input, { worker: false });
    const threaded = await matchCustomers(input, { worker: true });
    expect(threaded).toEqual(inline);
    const together = (a: string, b: string) => inline.clusters.some((cluster) => cluster.includes(a) && cluster.includes(b));
    expect(together('gb:1', 'hk:1')).toBe(true);
    expect(together('cn:1', 'gb:2')).toBe(true);
    expect(together('hk:2', 'hk:1')).toBe(false);
  });

  it('honours a steward keep-apart on the worker too', async () => {
    const threaded = await matchCustomers({ ...input, keepApart: [['gb:1', 'hk:1']] }, { worker: true });
    expect(threaded.clusters.some((cluster) => cluster.includes('gb:1') && cluster.includes('hk:1'))).toBe(false);
  });
});
