import { describe, expect, it } from 'vitest';
import {
  belongsToRegion,
  contactRecordCreateInput,
  customerCreateInput,
  fieldErrorsOf,
  identityFromHeaders,
  isSubSegmentOf,
  pyramidTierOf,
  regionConfigSchema,
  serviceLevelDue,
} from '../src/index.ts';

describe('customer pyramid', () => {
  it.each([
    [500_001, 'key'],
    [500_000, 'large'],
    [200_000, 'large'],
    [199_999.99, 'medium'],
    [100_000, 'medium'],
    [99_999, 'small'],
    [0, 'small'],
    [null, 'small'],
  ] as const)('£%s a year is %s', (revenue, tier) => {
    expect(pyramidTierOf(revenue)).toBe(tier);
  });
});

describe('segments', () => {
  it('knows which sub-segments belong to which segment', () => {
    expect(isSubSegmentOf('property', 'banks_financial_institutions')).toBe(true);
    expect(isSubSegmentOf('industrial', 'telecom')).toBe(true);
    expect(isSubSegmentOf('public', 'hotels')).toBe(false);
  });
});

describe('service levels', () => {
  it('sets response and completion deadlines from category and priority', () => {
    const due = serviceLevelDue(new Date('2026-11-20T09:00:00Z'), 'business_support', 'high');
    expect(due.responseDueAt.toISOString()).toBe('2026-11-20T13:00:00.000Z');
    expect(due.completionDueAt.toISOString()).toBe('2026-11-21T09:00:00.000Z');
  });
});

describe('identity from SSO headers', () => {
  it('reads roles and home regions from groups, ignoring unknown groups and case', () => {
    const identity = identityFromHeaders({ user: ' li.na ', groups: 'CRM-Staff, intranet, crm-region-cn,crm-lead' });
    expect(identity).toEqual({ login: 'li.na', email: null, roles: ['staff', 'lead'], homeRegions: ['cn'] });
    expect(belongsToRegion(identity!, 'cn')).toBe(true);
    expect(belongsToRegion(identity!, 'hk')).toBe(false);
  });

  it('has no identity without a user, and no roles without crm groups', () => {
    expect(identityFromHeaders({ user: '', groups: 'crm-admin' })).toBeNull();
    expect(identityFromHeaders({ user: 'guest', groups: null })?.roles).toEqual([]);
  });
});

describe('shared input schemas', () => {
  it('normalises what staff type: trimmed, NFC, lower-case e-mail', () => {
    const parsed = customerCreateInput.parse({
      name: '  Cafe\u0301 Holdings  ',
      segment: 'property',
      subSegment: 'retail',
      city: 'Paris',
      accountManager: 'amelie',
      email: ' Info@Cafe.FR ',
    });
    expect(parsed.name).toBe('Café Holdings');
    expect(parsed.email).toBe('info@cafe.fr');
  });

  it('reports every problem at once, keyed by field', () => {
    const result = contactRecordCreateInput.safeParse({ typeCode: 'help_request.routine', channel: 'phone' });
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!)).toMatchObject({
      customerId: ['errors.required'],
      occurredAt: ['errors.required'],
      place: ['errors.required'],
      content: ['errors.required'],
      outcome: ['errors.required'],
      nextStep: ['errors.required'],
    });
  });
});

describe('region configuration', () => {
  it('rejects an unknown time zone and a malformed currency', () => {
    const result = regionConfigSchema.safeParse({
      code: 'sg',
      name: 'Singapore',
      country: 'SG',
      locales: ['en-SG'],
      timezone: 'Asia/Atlantis',
      currency: 'sgd',
    });
    expect(result.success).toBe(false);
    expect(Object.keys(fieldErrorsOf(result.error!)).sort()).toEqual(['currency', 'timezone']);
  });
});
