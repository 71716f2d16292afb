import { expect, it } from 'vitest';
import { churnRisk, crossSell, salesFunnel } from '../src/index.ts';
import { now, q2 } from './fixture.ts';
import { onFixtureDatabases } from './support.ts';

onFixtureDatabases('accounts', (database) => {
  it('churnRisk: an explainable score per account, relative to now', async () => {
    // now = Jul 1 2026: recent = [Apr 2, Jul 1), previous = [Jan 2, Apr 2). Records at or after now (r08) do not count.
    // G4 (c7 cn lost, c8 hk dormant): recent complaint r06 → 10; open r32 (cn, next step text withheld) due May 1 → 5;
    //    CN-001 cancelled and no live project → 20; dormant 1/2 × 20 = 10; lost 1/2 × 40 = 20.  Total 65 → high.
    // G1: recent complaints r03 r04 r05 (r01 on Apr 1 is "previous") → 30; open complaint r05 → 10 (the open amendment
    //    r03 is not an open complaint); overdue next step r18 (due Jun 10) → 5; recent 10 records ≥ previous 2.  45 → medium.
    // G3 (c6): previous r26 r27 r28 = 3, recent r16 r17 = 2 → drop round(100 × 1/3) = 33 % → round(25 × 0.33) = 8;
    //    GB-002 completed, nothing live → 20.  28 → medium.
    // G2: overdue next step r22 (due Jun 25) → 5; dormant c5 1/2 × 20 = 10; HK-002 still active; previous has 1 record
    //    (< 2, so no falling-contact signal).  15 → low.
    // G5: nothing → 0, low.
    const risk = await churnRisk(database().db, { now });
    expect(risk.accounts).toEqual([
      {
        globalCode: 'G4', accountName: 'Sinopec', revenueGbp: 50_000, score: 65, rating: 'high',
        reasons: [
          { code: 'ended_projects', value: 1, points: 20 },
          { code: 'lifecycle_lost', value: 1, points: 20 },
          { code: 'lifecycle_dormant', value: 1, points: 10 },
          { code: 'recent_complaints', value: 1, points: 10 },
          { code: 'overdue_next_steps', value: 1, points: 5 },
        ],
      },
      {
        globalCode: 'G1', accountName: 'HSBC', revenueGbp: 650_000, score: 45, rating: 'medium',
        reasons: [
          { code: 'recent_complaints', value: 3, points: 30 },
          { code: 'open_complaints', value: 1, points: 10 },
          { code: 'overdue_next_steps', value: 1, points: 5 },
        ],
      },
      {
        globalCode: 'G3', accountName: 'Heathrow', revenueGbp: 90_000, score: 28, rating: 'medium',
        reasons: [
          { code: 'ended_projects', value: 1, points: 20 },
          { code: 'falling_contact', value: 33, points: 8 },
        ],
      },
      {
        globalCode: 'G2', accountName: 'Hilton', revenueGbp: 200_000, score: 15, rating: 'low',
        reasons: [
          { code: 'lifecycle_dormant', value: 1, points: 10 },
          { code: 'overdue_next_steps', value: 1, points: 5 },
        ],
      },
      { globalCode: 'G5', accountName: 'Imperial College', revenueGbp: 20_000, score: 0, rating: 'low', reasons: [] },
    ]);
    expect(risk.ratings).toEqual({ high: 1, medium: 2, low: 2 });

    const atRisk = await churnRisk(database().db, { now, minRating: 'medium' });
    expect(atRisk.accounts.map((row) => row.globalCode)).toEqual(['G4', 'G1', 'G3']);
    expect(atRisk.ratings).toEqual({ high: 1, medium: 2, low: 2 });
    expect((await churnRisk(database().db, { now, limit: 1 })).accounts.map((row) => row.globalCode)).toEqual(['G4']);
  });

  it('churnRisk for one region counts only that region\'s members and records', async () => {
    // gb only. G3 unchanged (28). G2 = c4: r22 overdue → 5; GB-003 cancelled and HK-002 is not in gb → 20; c4 active.  25.
    // G1 = c1: recent r03 complaint → 10 (r01 is previous; r05 is hk); GB-001 active; previous 1 record.  10.  G5 0.
    const risk = await churnRisk(database().db, { now, regions: ['gb'] });
    expect(risk.accounts.map((row) => [row.globalCode, row.revenueGbp, row.score, row.rating, row.reasons.map((reason) => `${reason.code}=${reason.value}:${reason.points}`)])).toEqual([
      ['G3', 90_000, 28, 'medium', ['ended_projects=1:20', 'falling_contact=33:8']],
      ['G2', 120_000, 25, 'medium', ['ended_projects=1:20', 'overdue_next_steps=1:5']],
      ['G1', 300_000, 10, 'low', ['recent_complaints=1:10']],
      ['G5', 20_000, 0, 'low', []],
    ]);
  });

  it('churnRisk is deterministic relative to now: a year earlier nothing had happened yet', async () => {
    // now = Jul 1 2025: no records before it; only projects and lifecycle stages score (they describe the present).
    // G4: ended 20 + lost 20 + dormant 10 = 50 → high; G3: ended 20; G2: dormant 10; G1 and G5: 0.
    const risk = await churnRisk(database().db, { now: new Date('2025-07-01T00:00:00Z') });
    expect(risk.accounts.map((row) => [row.globalCode, row.score, row.rating])).toEqual([
      ['G4', 50, 'high'],
      ['G3', 20, 'low'],
      ['G2', 10, 'low'],
      ['G1', 0, 'low'],
      ['G5', 0, 'low'],
    ]);
  });

  it('salesFunnel: enquiries → orders → won projects, with the forecast', async () => {
    const funnel = await salesFunnel(database().db, { ...q2, now });
    // Window Q2; history [Jul 1 2025, Jul 1 2026).
    // gb/consulting: enquiries r14, r16 (category from project GB-002), r22 = 3; orders r15 (new), r17 (change) = 2;
    //   won GB-001 (active), GB-002 (completed) = 2. Open opportunity: r22, next step due Jun 25 → 1.
    //   History: enquiries r14 r16 r22 r25 = 4 (r31 deleted), won 2 → 0.5; converting customers c1 300k, c6 90k → 195k.
    //   Forecast 1 × 0.5 × 195,000 = 97,500.
    // hk/maintenance_construction: enquiry r18 = 1, open, next step due Jun 10 → 1 opportunity. History: enquiries r18, r20
    //   = 2, won HK-001 (r19, Oct 2025) = 1 → 0.5; converting c2 250k. Forecast 1 × 0.5 × 250,000 = 125,000.
    // hk/business_support: enquiry r24 (next step Aug 1: outside the window, no opportunity); history 1 enquiry, 0 won → 0.
    // cn/maintenance_construction: order r21 for CN-001, cancelled → not won; no enquiries ever → conversion null.
    // (r30 order.renewal is neither an enquiry nor an order: no hk/consulting cell.)
    const cell = { total: false, enquiries: 0, orders: 0, won: 0, enquiryToOrder: null, orderToWon: null, enquiryToWon: null, openOpportunities: 0, historicalConversion: null, avgConvertingRevenueGbp: null, forecastRevenueGbp: 0 };
    expect(funnel).toEqual([
      { ...cell, region: 'cn', serviceCategory: 'maintenance_construction', orders: 1, orderToWon: 0 },
      {
        ...cell, region: 'gb', serviceCategory: 'consulting', enquiries: 3, orders: 2, won: 2,
        enquiryToOrder: 0.6667, orderToWon: 1, enquiryToWon: 0.6667, // 2/3, 2/2, 2/3
        openOpportunities: 1, historicalConversion: 0.5, avgConvertingRevenueGbp: 195_000, forecastRevenueGbp: 97_500,
      },
      { ...cell, region: 'hk', serviceCategory: 'business_support', enquiries: 1, enquiryToOrder: 0, enquiryToWon: 0, historicalConversion: 0 },
      {
        ...cell, region: 'hk', serviceCategory: 'maintenance_construction', enquiries: 1, enquiryToOrder: 0, enquiryToWon: 0,
        openOpportunities: 1, historicalConversion: 0.5, avgConvertingRevenueGbp: 250_000, forecastRevenueGbp: 125_000,
      },
      // Total: 5 enquiries, 3 orders, 2 won → 0.6, 0.6667, 0.4; forecast 97,500 + 125,000.
      {
        ...cell, region: null, serviceCategory: null, total: true, enquiries: 5, orders: 3, won: 2,
        enquiryToOrder: 0.6, orderToWon: 0.6667, enquiryToWon: 0.4, openOpportunities: 2, forecastRevenueGbp: 222_500,
      },
    ]);
  });

  it('salesFunnel with no data in the window (and no history before it) is one empty total row', async () => {
    const early = { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-04-01T00:00:00Z'), now: new Date('2020-04-01T00:00:00Z') };
    expect(await salesFunnel(database().db, early)).toEqual([
      {
        region: null, serviceCategory: null, total: true, enquiries: 0, orders: 0, won: 0, enquiryToOrder: null, orderToWon: null, enquiryToWon: null,
        openOpportunities: 0, historicalConversion: null, avgConvertingRevenueGbp: null, forecastRevenueGbp: 0,
      },
    ]);
  });

  it('crossSell: multinational accounts missing office countries, biggest first', async () => {
    // Offices: AE, CN, GB, HK (ae is registered with no customers).
    //   G1 (650k) members gb hk cn, projects GB HK SG → missing AE;  G2 (200k) gb hk → missing AE, CN;
    //   G3 (90k) one region but served in GB and AE (GB-002 delivered in AE) → missing CN, HK;  G4 (50k) cn hk → AE, GB;
    //   G5 (20k) one region, one country → not multinational.
    expect(await crossSell(database().db)).toEqual({
      total: 4,
      accounts: [
        { globalCode: 'G1', accountName: 'HSBC', revenueGbp: 650_000, regions: ['cn', 'gb', 'hk'], servedCountries: ['CN', 'GB', 'HK', 'SG'], missingCountries: ['AE'] },
        { globalCode: 'G2', accountName: 'Hilton', revenueGbp: 200_000, regions: ['gb', 'hk'], servedCountries: ['GB', 'HK'], missingCountries: ['AE', 'CN'] },
        { globalCode: 'G3', accountName: 'Heathrow', revenueGbp: 90_000, regions: ['gb'], servedCountries: ['AE', 'GB'], missingCountries: ['CN', 'HK'] },
        { globalCode: 'G4', accountName: 'Sinopec', revenueGbp: 50_000, regions: ['cn', 'hk'], servedCountries: ['CN', 'HK'], missingCountries: ['AE', 'GB'] },
      ],
    });
    // Offices of gb and hk only: G1 and G2 are served in both; G3 misses HK, G4 misses GB.
    const gbHk = await crossSell(database().db, { regions: ['gb', 'hk'], limit: 1 });
    expect(gbHk.total).toBe(2);
    expect(gbHk.accounts.map((row) => [row.globalCode, row.missingCountries])).toEqual([['G3', ['HK']]]);
  });
});
