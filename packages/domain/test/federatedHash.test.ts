import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bucketDigests, bucketOf, divergingBuckets, federatedRowHash } from '../src/federatedHash.ts';

const record = {
  customerId: '0b7c1e8e-6a2f-4a43-9a39-0f3c1c7d2a11', jobCode: null, typeCode: 'complaint.timeliness', channel: 'phone',
  occurredAt: '2026-11-20T09:30:00.123456+00:00', place: '中環辦公室', content: '維修工程延誤兩星期', outcome: '已致電道歉', nextStep: '跟進',
  nextStepDue: null, language: 'zh-HK', status: 'open', closedAt: null, amendsId: null, serviceCategory: null, priority: null,
  slaResponseDueAt: null, slaCompletionDueAt: null, respondedAt: null, completedAt: null, createdBy: 'kaming.wong',
  createdAt: '2026-11-20T17:30:00.5+08:00', updatedAt: '2026-11-20T09:30:00Z',
};

describe('federatedRowHash', () => {
  it('hashes a region row (JSON from PostgreSQL, any offset, microseconds) and HQ’s copy (Dates to the millisecond) alike', () => {
    const atHq = {
      ...record,
      occurredAt: new Date('2026-11-20T09:30:00.123Z'),
      createdAt: new Date('2026-11-20T09:30:00.500Z'),
      updatedAt: new Date('2026-11-20T09:30:00.000Z'),
      // HQ keeps fields the hash does not cover (they are not HQ's to prove) and may lack others.
      closedBy: 'ignored', amendReason: 'ignored',
    };
    expect(federatedRowHash('contactRecord', atHq, [])).toBe(federatedRowHash('contactRecord', record, []));
  });

  it('changes with any covered field, including one character of text and a millisecond', () => {
    const base = federatedRowHash('contactRecord', record, []);
    expect(federatedRowHash('contactRecord', { ...record, content: '維修工程延誤兩星期。' }, [])).not.toBe(base);
    expect(federatedRowHash('contactRecord', { ...record, occurredAt: '2026-11-20T09:30:00.124+00:00' }, [])).not.toBe(base);
    expect(federatedRowHash('contactRecord', { ...record, jobCode: '' }, [])).not.toBe(base);
    expect(federatedRowHash('customer', { annualRevenueGbp: 100 }, [])).toBe(federatedRowHash('customer', { annualRevenueGbp: '100.00' }, []));
    expect(federatedRowHash('customer', { globalCountries: ['GB', 'HK'] }, [])).not.toBe(federatedRowHash('customer', { globalCountries: ['HK', 'GB'] }, []));
  });

  it('leaves withheld fields out while empty, and shows a withheld value that is held anyway', () => {
    const withheld = ['content', 'place', 'outcome', 'nextStep'];
    const { content, place, outcome, nextStep, ...federated } = record;
    const sent = federatedRowHash('contactRecord', federated, withheld);
    const heldAtHq = { ...federated, content: null, place: null, outcome: null, nextStep: null };
    expect(federatedRowHash('contactRecord', heldAtHq, [...withheld].reverse())).toBe(sent);
    expect(federatedRowHash('contactRecord', { ...heldAtHq, content }, withheld)).not.toBe(sent);
    // The policy itself is part of what is proven.
    expect(federatedRowHash('contactRecord', heldAtHq, ['content'])).not.toBe(sent);
    expect([place, outcome, nextStep].every(Boolean)).toBe(true);
  });
});

describe('buckets', () => {
  it('are uuid prefixes, and md5 prefixes of bigint assignment ids (as PostgreSQL computes them)', () => {
    expect(bucketOf('customer', 'AB12CD34-0000-4000-8000-000000000000', 2)).toBe('ab');
    expect(bucketOf('accountManagerAssignment', '42', 2)).toBe(createHash('md5').update('42').digest('hex').slice(0, 2));
  });

  it('digest in id order whatever order rows arrive in, and name every differing bucket on either side', () => {
    const rows = ['a1', 'a2', 'b1', 'c1'].map((prefix, index) => ({ id: `${prefix}000000-0000-4000-8000-00000000000${index}`, version: 1, hash: `h${index}` }));
    const region = bucketDigests('customer', rows, 1);
    expect(bucketDigests('customer', [...rows].reverse(), 1)).toEqual(region);
    expect(region.map((bucket) => [bucket.bucket, bucket.rows])).toEqual([['a', 2], ['b', 1], ['c', 1]]);
    const hq = bucketDigests('customer', [rows[0]!, { ...rows[1]!, version: 2 }, rows[3]!, { ...rows[3]!, id: 'd0000000-0000-4000-8000-000000000009' }], 1);
    expect(divergingBuckets(region, hq)).toEqual(['a', 'b', 'd']);
    expect(divergingBuckets(region, region)).toEqual([]);
  });
});
