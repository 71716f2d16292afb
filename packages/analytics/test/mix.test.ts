import { expect, it } from 'vitest';
import { channelMix, contactTypeVolume, segmentMix } from '../src/index.ts';
import { q2 } from './fixture.ts';
import { onFixtureDatabases } from './support.ts';

onFixtureDatabases('mix', (database) => {
  it('segmentMix: each account once at HQ, in the sub-segment of its biggest member, with summed revenue', async () => {
    const mix = await segmentMix(database().db);
    // Accounts (c9 is deleted, c8's missing revenue counts 0); total revenue 650k + 200k + 90k + 50k + 20k = 1,010k:
    //   G1 = c1 300k + c2 250k + c3 100k = 650k, biggest member c1 → property/banks; 3 customers
    //   G2 = c4 120k + c5 80k = 200k, biggest c4 → property/hotels; 2 customers
    //   G3 = c6 90k → infrastructure/aviation;  G4 = c7 50k + c8 0 → industrial/petrochemical (2 customers);
    //   G5 = c10 20k → public/education.  Shares: accounts of 5, revenue of 1,010k.
    expect(mix.accounts).toEqual([
      { segment: 'industrial', subSegment: null, accounts: 1, customers: 2, revenueGbp: 50_000, accountShare: 0.2, revenueShare: 0.0495 }, // 50/1010
      { segment: 'industrial', subSegment: 'petrochemical', accounts: 1, customers: 2, revenueGbp: 50_000, accountShare: 0.2, revenueShare: 0.0495 },
      { segment: 'infrastructure', subSegment: null, accounts: 1, customers: 1, revenueGbp: 90_000, accountShare: 0.2, revenueShare: 0.0891 }, // 90/1010
      { segment: 'infrastructure', subSegment: 'aviation', accounts: 1, customers: 1, revenueGbp: 90_000, accountShare: 0.2, revenueShare: 0.0891 },
      { segment: 'property', subSegment: null, accounts: 2, customers: 5, revenueGbp: 850_000, accountShare: 0.4, revenueShare: 0.8416 }, // 850/1010
      { segment: 'property', subSegment: 'banks_financial_institutions', accounts: 1, customers: 3, revenueGbp: 650_000, accountShare: 0.2, revenueShare: 0.6436 }, // 650/1010
      { segment: 'property', subSegment: 'hotels', accounts: 1, customers: 2, revenueGbp: 200_000, accountShare: 0.2, revenueShare: 0.198 }, // 200/1010
      { segment: 'public', subSegment: null, accounts: 1, customers: 1, revenueGbp: 20_000, accountShare: 0.2, revenueShare: 0.0198 }, // 20/1010
      { segment: 'public', subSegment: 'education', accounts: 1, customers: 1, revenueGbp: 20_000, accountShare: 0.2, revenueShare: 0.0198 },
    ]);
    // Regions, shares within the region: cn 2 customers / 150k; gb 4 / 530k; hk 3 / 330k.
    expect(mix.regions).toEqual([
      { region: 'cn', segment: 'industrial', subSegment: null, customers: 1, revenueGbp: 50_000, customerShare: 0.5, revenueShare: 0.3333 }, // 50/150
      { region: 'cn', segment: 'industrial', subSegment: 'petrochemical', customers: 1, revenueGbp: 50_000, customerShare: 0.5, revenueShare: 0.3333 },
      { region: 'cn', segment: 'property', subSegment: null, customers: 1, revenueGbp: 100_000, customerShare: 0.5, revenueShare: 0.6667 },
      { region: 'cn', segment: 'property', subSegment: 'commercial_developers', customers: 1, revenueGbp: 100_000, customerShare: 0.5, revenueShare: 0.6667 },
      { region: 'gb', segment: 'infrastructure', subSegment: null, customers: 1, revenueGbp: 90_000, customerShare: 0.25, revenueShare: 0.1698 }, // 90/530
      { region: 'gb', segment: 'infrastructure', subSegment: 'aviation', customers: 1, revenueGbp: 90_000, customerShare: 0.25, revenueShare: 0.1698 },
      { region: 'gb', segment: 'property', subSegment: null, customers: 2, revenueGbp: 420_000, customerShare: 0.5, revenueShare: 0.7925 }, // 420/530
      { region: 'gb', segment: 'property', subSegment: 'banks_financial_institutions', customers: 1, revenueGbp: 300_000, customerShare: 0.25, revenueShare: 0.566 }, // 300/530
      { region: 'gb', segment: 'property', subSegment: 'hotels', customers: 1, revenueGbp: 120_000, customerShare: 0.25, revenueShare: 0.2264 }, // 120/530
      { region: 'gb', segment: 'public', subSegment: null, customers: 1, revenueGbp: 20_000, customerShare: 0.25, revenueShare: 0.0377 }, // 20/530
      { region: 'gb', segment: 'public', subSegment: 'education', customers: 1, revenueGbp: 20_000, customerShare: 0.25, revenueShare: 0.0377 },
      { region: 'hk', segment: 'industrial', subSegment: null, customers: 1, revenueGbp: 0, customerShare: 0.3333, revenueShare: 0 }, // c8: no revenue
      { region: 'hk', segment: 'industrial', subSegment: 'oil_gas', customers: 1, revenueGbp: 0, customerShare: 0.3333, revenueShare: 0 },
      { region: 'hk', segment: 'property', subSegment: null, customers: 2, revenueGbp: 330_000, customerShare: 0.6667, revenueShare: 1 },
      { region: 'hk', segment: 'property', subSegment: 'banks_financial_institutions', customers: 1, revenueGbp: 250_000, customerShare: 0.3333, revenueShare: 0.7576 }, // 250/330
      { region: 'hk', segment: 'property', subSegment: 'hotels', customers: 1, revenueGbp: 80_000, customerShare: 0.3333, revenueShare: 0.2424 }, // 80/330
    ]);
  });

  it('segmentMix with regions: only members there count (G1 is then c3 alone, in commercial_developers)', async () => {
    const mix = await segmentMix(database().db, { regions: ['cn'] });
    // G1 → c3 100k property/commercial_developers; G4 → c7 50k industrial/petrochemical; total 150k.
    expect(mix.accounts).toEqual([
      { segment: 'industrial', subSegment: null, accounts: 1, customers: 1, revenueGbp: 50_000, accountShare: 0.5, revenueShare: 0.3333 },
      { segment: 'industrial', subSegment: 'petrochemical', accounts: 1, customers: 1, revenueGbp: 50_000, accountShare: 0.5, revenueShare: 0.3333 },
      { segment: 'property', subSegment: null, accounts: 1, customers: 1, revenueGbp: 100_000, accountShare: 0.5, revenueShare: 0.6667 },
      { segment: 'property', subSegment: 'commercial_developers', accounts: 1, customers: 1, revenueGbp: 100_000, accountShare: 0.5, revenueShare: 0.6667 },
    ]);
    expect(mix.regions.every((row) => row.region === 'cn')).toBe(true);
    expect(await segmentMix(database().db, { regions: [] })).toEqual({ accounts: [], regions: [] });
  });

  it('contactTypeVolume by month over Q2: the amendment counts once as corrected, the deleted record not at all', async () => {
    const volume = await contactTypeVolume(database().db, { ...q2, bucket: 'month' });
    // Q2 = [Apr 1, Jul 1): 20 effective records (r01 on Apr 1 00:00 is in; r08 on Jul 1 00:00 is out; r02 → r03; r31 deleted).
    //   April: r01 complaint.timeliness, r09 help_request.technical_support, r14 enquiry.pricing, r18 enquiry.technical,
    //          r32 information.customer_update                                                              = 5
    //   May:   r03 complaint.billing, r04 complaint.timeliness, r10 help_request.routine, r15 order.new,
    //          r16 enquiry.capability, r17 order.change, r24 enquiry.availability                            = 7
    //   June:  r05 complaint.timeliness, r06 complaint.quality, r11/r12/r13 help_request.*, r21 order.new,
    //          r22 enquiry.general, r30 order.renewal                                                         = 8
    expect(volume.byPeriod.filter((row) => row.typeCode === null)).toEqual([
      { period: '2026-04-01', typeGroup: 'complaint', typeCode: null, records: 1 },
      { period: '2026-04-01', typeGroup: 'enquiry', typeCode: null, records: 2 },
      { period: '2026-04-01', typeGroup: 'help_request', typeCode: null, records: 1 },
      { period: '2026-04-01', typeGroup: 'information', typeCode: null, records: 1 },
      { period: '2026-05-01', typeGroup: 'complaint', typeCode: null, records: 2 },
      { period: '2026-05-01', typeGroup: 'enquiry', typeCode: null, records: 2 },
      { period: '2026-05-01', typeGroup: 'help_request', typeCode: null, records: 1 },
      { period: '2026-05-01', typeGroup: 'order', typeCode: null, records: 2 },
      { period: '2026-06-01', typeGroup: 'complaint', typeCode: null, records: 2 },
      { period: '2026-06-01', typeGroup: 'enquiry', typeCode: null, records: 1 },
      { period: '2026-06-01', typeGroup: 'help_request', typeCode: null, records: 3 },
      { period: '2026-06-01', typeGroup: 'order', typeCode: null, records: 2 },
    ]);
    expect(volume.byPeriod.filter((row) => row.period === '2026-05-01' && row.typeCode !== null)).toEqual([
      { period: '2026-05-01', typeGroup: 'complaint', typeCode: 'complaint.billing', records: 1 }, // r03, amending r02's "quality"
      { period: '2026-05-01', typeGroup: 'complaint', typeCode: 'complaint.timeliness', records: 1 },
      { period: '2026-05-01', typeGroup: 'enquiry', typeCode: 'enquiry.availability', records: 1 },
      { period: '2026-05-01', typeGroup: 'enquiry', typeCode: 'enquiry.capability', records: 1 },
      { period: '2026-05-01', typeGroup: 'help_request', typeCode: 'help_request.routine', records: 1 },
      { period: '2026-05-01', typeGroup: 'order', typeCode: 'order.change', records: 1 },
      { period: '2026-05-01', typeGroup: 'order', typeCode: 'order.new', records: 1 },
    ]);
    // gb: r01 r03 | r14 r16 r22 | r09 r10 | r15 r17 = 9;  hk: r04 r05 | r18 r24 | r11 r12 | r30 = 7;  cn: r06 | r13 | r32 | r21 = 4.
    expect(volume.byRegion.filter((row) => row.typeCode === null)).toEqual([
      { region: 'cn', typeGroup: 'complaint', typeCode: null, records: 1 },
      { region: 'cn', typeGroup: 'help_request', typeCode: null, records: 1 },
      { region: 'cn', typeGroup: 'information', typeCode: null, records: 1 },
      { region: 'cn', typeGroup: 'order', typeCode: null, records: 1 },
      { region: 'gb', typeGroup: 'complaint', typeCode: null, records: 2 },
      { region: 'gb', typeGroup: 'enquiry', typeCode: null, records: 3 },
      { region: 'gb', typeGroup: 'help_request', typeCode: null, records: 2 },
      { region: 'gb', typeGroup: 'order', typeCode: null, records: 2 },
      { region: 'hk', typeGroup: 'complaint', typeCode: null, records: 2 },
      { region: 'hk', typeGroup: 'enquiry', typeCode: null, records: 2 },
      { region: 'hk', typeGroup: 'help_request', typeCode: null, records: 2 },
      { region: 'hk', typeGroup: 'order', typeCode: null, records: 1 },
    ]);
    // Service category, falling back to the project's: r16/r17 (GB-002) and r30 (HK-003) are consulting.
    //   none: r01 r03 r04 r05 r06 (complaints) + r32 = 6; business_support: r24, r10 = 2;
    //   consulting: r14 r16 r22 | r09 r13 | r15 r17 r30 = 8; maintenance_construction: r18 | r11 r12 | r21 = 4.
    expect(volume.byServiceCategory).toEqual([
      { serviceCategory: null, typeGroup: 'complaint', typeCode: null, records: 5 },
      { serviceCategory: null, typeGroup: 'complaint', typeCode: 'complaint.billing', records: 1 },
      { serviceCategory: null, typeGroup: 'complaint', typeCode: 'complaint.quality', records: 1 },
      { serviceCategory: null, typeGroup: 'complaint', typeCode: 'complaint.timeliness', records: 3 },
      { serviceCategory: null, typeGroup: 'information', typeCode: null, records: 1 },
      { serviceCategory: null, typeGroup: 'information', typeCode: 'information.customer_update', records: 1 },
      { serviceCategory: 'business_support', typeGroup: 'enquiry', typeCode: null, records: 1 },
      { serviceCategory: 'business_support', typeGroup: 'enquiry', typeCode: 'enquiry.availability', records: 1 },
      { serviceCategory: 'business_support', typeGroup: 'help_request', typeCode: null, records: 1 },
      { serviceCategory: 'business_support', typeGroup: 'help_request', typeCode: 'help_request.routine', records: 1 },
      { serviceCategory: 'consulting', typeGroup: 'enquiry', typeCode: null, records: 3 },
      { serviceCategory: 'consulting', typeGroup: 'enquiry', typeCode: 'enquiry.capability', records: 1 },
      { serviceCategory: 'consulting', typeGroup: 'enquiry', typeCode: 'enquiry.general', records: 1 },
      { serviceCategory: 'consulting', typeGroup: 'enquiry', typeCode: 'enquiry.pricing', records: 1 },
      { serviceCategory: 'consulting', typeGroup: 'help_request', typeCode: null, records: 2 },
      { serviceCategory: 'consulting', typeGroup: 'help_request', typeCode: 'help_request.technical_support', records: 2 },
      { serviceCategory: 'consulting', typeGroup: 'order', typeCode: null, records: 3 },
      { serviceCategory: 'consulting', typeGroup: 'order', typeCode: 'order.change', records: 1 },
      { serviceCategory: 'consulting', typeGroup: 'order', typeCode: 'order.new', records: 1 },
      { serviceCategory: 'consulting', typeGroup: 'order', typeCode: 'order.renewal', records: 1 },
      { serviceCategory: 'maintenance_construction', typeGroup: 'enquiry', typeCode: null, records: 1 },
      { serviceCategory: 'maintenance_construction', typeGroup: 'enquiry', typeCode: 'enquiry.technical', records: 1 },
      { serviceCategory: 'maintenance_construction', typeGroup: 'help_request', typeCode: null, records: 2 },
      { serviceCategory: 'maintenance_construction', typeGroup: 'help_request', typeCode: 'help_request.emergency', records: 1 },
      { serviceCategory: 'maintenance_construction', typeGroup: 'help_request', typeCode: 'help_request.maintenance', records: 1 },
      { serviceCategory: 'maintenance_construction', typeGroup: 'order', typeCode: null, records: 1 },
      { serviceCategory: 'maintenance_construction', typeGroup: 'order', typeCode: 'order.new', records: 1 },
    ]);
  });

  it('contactTypeVolume: whole months read the monthly rollup, other windows the facts, with the same answer', async () => {
    const db = database().db;
    const rollup = await contactTypeVolume(db, { ...q2, bucket: 'quarter' });
    // Ends one millisecond earlier: not a month start, so the facts are read; nothing happened in that millisecond.
    const facts = await contactTypeVolume(db, { from: q2.from, to: new Date('2026-06-30T23:59:59.999Z'), bucket: 'quarter' });
    expect(facts).toEqual(rollup);
    // All 20 Q2 records in one quarter bucket.
    expect(rollup.byPeriod.filter((row) => row.typeCode === null).reduce((sum, row) => sum + row.records, 0)).toBe(20);
  });

  it('contactTypeVolume by quarter, week and day: a record one second before a quarter starts stays in the old quarter', async () => {
    const db = database().db;
    // information.* in H1 2026: r26 Jan 10, r27 Feb 10, r28 Mar 10, r29 Mar 31 23:59:59 → Q1 (4); r32 Apr 20 → Q2 (1).
    const quarters = await contactTypeVolume(db, { from: new Date('2026-01-01T00:00:00Z'), to: q2.to, bucket: 'quarter', typeGroup: 'information' });
    expect(quarters.byPeriod).toEqual([
      { period: '2026-01-01', typeGroup: 'information', typeCode: null, records: 4 },
      { period: '2026-01-01', typeGroup: 'information', typeCode: 'information.classification', records: 1 },
      { period: '2026-01-01', typeGroup: 'information', typeCode: 'information.customer_update', records: 1 },
      { period: '2026-01-01', typeGroup: 'information', typeCode: 'information.gathering', records: 1 },
      { period: '2026-01-01', typeGroup: 'information', typeCode: 'information.market_intelligence', records: 1 },
      { period: '2026-04-01', typeGroup: 'information', typeCode: null, records: 1 },
      { period: '2026-04-01', typeGroup: 'information', typeCode: 'information.customer_update', records: 1 },
    ]);
    // Complaints in Q2 by ISO week (Monday): r01 Wed Apr 1 → Mar 30; r03 Sun May 10 → May 4; r04 Wed May 20 → May 18;
    // r06 Mon Jun 1 → Jun 1; r05 Mon Jun 15 → Jun 15.
    const weeks = await contactTypeVolume(db, { ...q2, bucket: 'week', typeGroup: 'complaint' });
    expect(weeks.byPeriod.filter((row) => row.typeCode === null).map((row) => [row.period, row.records])).toEqual([
      ['2026-03-30', 1],
      ['2026-05-04', 1],
      ['2026-05-18', 1],
      ['2026-06-01', 1],
      ['2026-06-15', 1],
    ]);
    const days = await contactTypeVolume(db, { from: new Date('2026-03-31T00:00:00Z'), to: new Date('2026-04-02T00:00:00Z'), bucket: 'day' });
    // r29 at 23:59:59 on Mar 31 (UTC), r01 at 00:00 on Apr 1.
    expect(days.byPeriod.filter((row) => row.typeCode === null)).toEqual([
      { period: '2026-03-31', typeGroup: 'information', typeCode: null, records: 1 },
      { period: '2026-04-01', typeGroup: 'complaint', typeCode: null, records: 1 },
    ]);
  });

  it('channelMix: counts and shares per region and overall', async () => {
    // gb: phone r03 r09 r16 r17 r22 = 5, email r01 r10 r14 r15 = 4 (of 9);  hk: email r18 r30, phone r05 r11, visit r04 r12,
    // web r24 (of 7);  cn: email r13 r21, meeting r06 r32 (of 4);  overall of 20: email 8, phone 7, meeting 2, visit 2, web 1.
    expect(await channelMix(database().db, q2)).toEqual([
      { region: null, channel: 'email', records: 8, share: 0.4 },
      { region: null, channel: 'phone', records: 7, share: 0.35 },
      { region: null, channel: 'meeting', records: 2, share: 0.1 },
      { region: null, channel: 'visit', records: 2, share: 0.1 },
      { region: null, channel: 'web', records: 1, share: 0.05 },
      { region: 'cn', channel: 'email', records: 2, share: 0.5 },
      { region: 'cn', channel: 'meeting', records: 2, share: 0.5 },
      { region: 'gb', channel: 'phone', records: 5, share: 0.5556 }, // 5/9
      { region: 'gb', channel: 'email', records: 4, share: 0.4444 },
      { region: 'hk', channel: 'email', records: 2, share: 0.2857 }, // 2/7
      { region: 'hk', channel: 'phone', records: 2, share: 0.2857 },
      { region: 'hk', channel: 'visit', records: 2, share: 0.2857 },
      { region: 'hk', channel: 'web', records: 1, share: 0.1429 },
    ]);
    // Only cn: the overall row is cn's.
    expect(await channelMix(database().db, { ...q2, regions: ['cn'] })).toEqual([
      { region: null, channel: 'email', records: 2, share: 0.5 },
      { region: null, channel: 'meeting', records: 2, share: 0.5 },
      { region: 'cn', channel: 'email', records: 2, share: 0.5 },
      { region: 'cn', channel: 'meeting', records: 2, share: 0.5 },
    ]);
  });
});
