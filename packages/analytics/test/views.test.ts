import { regionContactRecords, regionCustomers, type HqExecutor } from '@meridian/hq-db';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  channelMix,
  churnRisk,
  complaintAnalysis,
  contactTypeVolume,
  crossSell,
  refreshAnalytics,
  salesFunnel,
  segmentMix,
  serviceLevelBreaches,
  serviceLevelCompliance,
  setupAnalytics,
} from '../src/index.ts';
import { customerId, now, q2, recordId } from './fixture.ts';
import { onFixtureDatabases } from './support.ts';

/** Every metric for Q2 at `now`. */
async function everything(db: HqExecutor) {
  const filter = { ...q2, now };
  return {
    segmentMix: await segmentMix(db),
    volume: await contactTypeVolume(db, { ...q2, bucket: 'week' }),
    channels: await channelMix(db, q2),
    complaints: await complaintAnalysis(db, q2),
    compliance: await serviceLevelCompliance(db, filter),
    breaches: await serviceLevelBreaches(db, filter),
    churn: await churnRisk(db, { now }),
    funnel: await salesFunnel(db, filter),
    crossSell: await crossSell(db),
  };
}

onFixtureDatabases('views', (database) => {
  it('a window with no data gives empty breakdowns and zero totals', async () => {
    const db = database().db;
    const empty = { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-04-01T00:00:00Z') };
    expect(await contactTypeVolume(db, empty)).toEqual({ byPeriod: [], byRegion: [], byServiceCategory: [] });
    expect(await channelMix(db, empty)).toEqual([]);
    expect(await complaintAnalysis(db, empty)).toEqual({
      byRootCause: [{ rootCause: null, complaints: 0, open: 0, resolved: 0, medianHoursToResolve: null, p90HoursToResolve: null }],
      recurrence: [],
    });
    const none = { met: 0, breached: 0, overdue: 0, pending: 0, complianceRate: null };
    expect(await serviceLevelCompliance(db, { ...empty, now })).toEqual({ rows: [], total: { requests: 0, response: none, completion: none } });
    expect(await serviceLevelBreaches(db, { ...empty, now })).toEqual([]);
    // A region with no customers: nothing anywhere.
    expect(await churnRisk(db, { now, regions: ['ae'] })).toEqual({ accounts: [], ratings: { high: 0, medium: 0, low: 0 } });
    expect(await segmentMix(db, { regions: ['ae'] })).toEqual({ accounts: [], regions: [] });
  });

  it('setupAnalytics is idempotent, and a plain refresh gives the same answers as a concurrent one', async () => {
    const db = database().db;
    const before = await everything(db);
    await setupAnalytics(database().ownerDb);
    await refreshAnalytics(db, { concurrently: false });
    expect(await everything(db)).toEqual(before);
  });

  it('no metric depends on free text: blanking every text field the regions may withhold changes nothing', async () => {
    const db = database().db;
    const before = await everything(db);
    await db.update(regionContactRecords).set({ place: null, content: null, outcome: null, nextStep: null, withheld: ['place', 'content', 'outcome', 'nextStep'] });
    await db.update(regionCustomers).set({ phone: null, email: null, website: null, registrationId: null, nameLatin: null });
    await refreshAnalytics(db);
    expect(await everything(db)).toEqual(before);
  });

  it('the views change only on refresh; a chain of amendments counts once, newest values, resolved at the first close', async () => {
    const db = database().db;
    const base = {
      version: 1, channel: 'phone', language: 'en-GB', region: 'gb', customerId: customerId(6), occurredAt: new Date('2026-06-02T00:00:00Z'),
    };
    // A: complaint.safety on G3, closed after 6 h; B amends A (→ quality, closed later); C amends B (→ communication,
    // still open); D amends A again but before C was written, so C is newest. The case counts once, as
    // communication, resolved 6 h after it occurred, not open.
    await db.insert(regionContactRecords).values([
      { ...base, id: recordId(101), typeCode: 'complaint.safety', status: 'closed', closedAt: new Date('2026-06-02T06:00:00Z'), createdAt: new Date('2026-06-02T00:00:00Z') },
      { ...base, id: recordId(102), typeCode: 'complaint.quality', status: 'closed', closedAt: new Date('2026-06-05T00:00:00Z'), amendsId: recordId(101), createdAt: new Date('2026-06-04T00:00:00Z') },
      { ...base, id: recordId(104), typeCode: 'complaint.timeliness', status: 'closed', closedAt: new Date('2026-06-07T00:00:00Z'), amendsId: recordId(101), createdAt: new Date('2026-06-06T00:00:00Z') },
      { ...base, id: recordId(103), typeCode: 'complaint.communication', status: 'open', amendsId: recordId(102), createdAt: new Date('2026-06-08T00:00:00Z') },
    ]);
    const stale = await complaintAnalysis(db, q2);
    expect(stale.byRootCause.find((row) => row.rootCause === null)?.complaints).toBe(5);

    await refreshAnalytics(db);
    const fresh = await complaintAnalysis(db, q2);
    // Q2 had 5 complaints with hours [10, 30, 48, 48]; now 6, with 6 more: [6, 10, 30, 48, 48] → median 30,
    // p90 rank 3.6 → 48.
    expect(fresh.byRootCause).toEqual([
      { rootCause: 'timeliness', complaints: 3, open: 1, resolved: 2, medianHoursToResolve: 20, p90HoursToResolve: 28 },
      { rootCause: 'billing', complaints: 1, open: 0, resolved: 1, medianHoursToResolve: 48, p90HoursToResolve: 48 },
      { rootCause: 'communication', complaints: 1, open: 0, resolved: 1, medianHoursToResolve: 6, p90HoursToResolve: 6 },
      { rootCause: 'quality', complaints: 1, open: 0, resolved: 1, medianHoursToResolve: 48, p90HoursToResolve: 48 },
      { rootCause: null, complaints: 6, open: 1, resolved: 5, medianHoursToResolve: 30, p90HoursToResolve: 48 },
    ]);
    const facts = await db.execute(sql`select count(*)::int as n from analytics_contact_facts where id in (${recordId(101)}, ${recordId(102)}, ${recordId(103)}, ${recordId(104)})`);
    expect((facts as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(1);
  });
});
