import { expect, it } from 'vitest';
import { complaintAnalysis, serviceLevelBreaches, serviceLevelCompliance } from '../src/index.ts';
import { customerId, now, q2, recordId } from './fixture.ts';
import { onFixtureDatabases } from './support.ts';

onFixtureDatabases('complaints_sla', (database) => {
  it('complaintAnalysis: root causes with time to resolve, and accounts that complain again', async () => {
    const analysis = await complaintAnalysis(database().db, q2);
    // Q2 complaints: r01 timeliness 10 h (Apr 1 00:00 → 10:00, on the window's first instant); r02 "quality" amended by
    // r03 to billing: resolved when r02 closed, 48 h (the amendment being edited does not reopen it); r04 timeliness
    // 30 h; r05 timeliness still open; r06 quality 48 h (cn, text withheld). r07 (March) and r08 (Jul 1 00:00) are outside.
    //   timeliness: hours [10, 30] → median 20, p90 10 + 0.9 × 20 = 28
    //   all: [10, 30, 48, 48] → median (30 + 48) / 2 = 39, p90 at rank 0.9 × 3 = 2.7 → 48 + 0.7 × 0 = 48
    expect(analysis.byRootCause).toEqual([
      { rootCause: 'timeliness', complaints: 3, open: 1, resolved: 2, medianHoursToResolve: 20, p90HoursToResolve: 28 },
      { rootCause: 'billing', complaints: 1, open: 0, resolved: 1, medianHoursToResolve: 48, p90HoursToResolve: 48 },
      { rootCause: 'quality', complaints: 1, open: 0, resolved: 1, medianHoursToResolve: 48, p90HoursToResolve: 48 },
      { rootCause: null, complaints: 5, open: 1, resolved: 4, medianHoursToResolve: 39, p90HoursToResolve: 48 },
    ]);
    // G1: r01 + r03 (gb, c1), r04 + r05 (hk, c2) = 4, one open. G4 has only r06; G2's r07/r08 are outside the window.
    expect(analysis.recurrence).toEqual([
      { globalCode: 'G1', accountName: 'HSBC', complaints: 4, open: 1, rootCauses: ['billing', 'timeliness'], regions: ['gb', 'hk'] },
    ]);
  });

  it('complaintAnalysis over a whole year and for one region', async () => {
    const db = database().db;
    // 2026: adds r07 (hk c5, G2, timeliness 24 h) and r08 (gb c4, G2, staff_conduct, open).
    //   timeliness [10, 24, 30] → median 24, p90 rank 1.8 → 24 + 0.8 × 6 = 28.8;  G2 now has 2 complaints.
    const year = await complaintAnalysis(db, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(year.byRootCause[0]).toEqual({ rootCause: 'timeliness', complaints: 4, open: 1, resolved: 3, medianHoursToResolve: 24, p90HoursToResolve: 28.8 });
    expect(year.recurrence.map((row) => [row.globalCode, row.complaints, row.open, row.rootCauses, row.regions])).toEqual([
      ['G1', 4, 1, ['billing', 'timeliness'], ['gb', 'hk']],
      ['G2', 2, 1, ['staff_conduct', 'timeliness'], ['gb', 'hk']],
    ]);
    // cn alone in Q2: r06 only; no account repeats.
    const cn = await complaintAnalysis(db, { ...q2, regions: ['cn'] });
    expect(cn.byRootCause).toEqual([
      { rootCause: 'quality', complaints: 1, open: 0, resolved: 1, medianHoursToResolve: 48, p90HoursToResolve: 48 },
      { rootCause: null, complaints: 1, open: 0, resolved: 1, medianHoursToResolve: 48, p90HoursToResolve: 48 },
    ]);
    expect(cn.recurrence).toEqual([]);
  });

  it('serviceLevelCompliance: met (on the due instant too), breached, overdue and pending per region and category', async () => {
    const compliance = await serviceLevelCompliance(database().db, { ...q2, now });
    // now = Jul 1 00:00.
    //   r09 gb consulting: responded Apr 10 08:00 ≤ Apr 11 → met; completed Apr 22 > Apr 20 → breached
    //   r10 gb business_support: responded exactly at the due 08:00 → met; completed May 3 ≤ May 4 → met
    //   r11 hk maintenance: responded 20:00 > 08:00 → breached; not completed, due Jun 25 < now → overdue
    //   r12 hk maintenance: not responded, due Jun 30 14:00 < now → overdue; completion due Jul 1 12:00 → pending
    //   r13 cn consulting: responded Jun 28 10:00 ≤ Jun 29 → met; completion due Jul 8 → pending
    const zero = { met: 0, breached: 0, overdue: 0, pending: 0 };
    expect(compliance.rows).toEqual([
      { region: 'cn', serviceCategory: 'consulting', requests: 1, response: { ...zero, met: 1, complianceRate: 1 }, completion: { ...zero, pending: 1, complianceRate: null } },
      { region: 'gb', serviceCategory: 'business_support', requests: 1, response: { ...zero, met: 1, complianceRate: 1 }, completion: { ...zero, met: 1, complianceRate: 1 } },
      { region: 'gb', serviceCategory: 'consulting', requests: 1, response: { ...zero, met: 1, complianceRate: 1 }, completion: { ...zero, breached: 1, complianceRate: 0 } },
      {
        region: 'hk',
        serviceCategory: 'maintenance_construction',
        requests: 2,
        response: { ...zero, breached: 1, overdue: 1, complianceRate: 0 },
        completion: { ...zero, overdue: 1, pending: 1, complianceRate: 0 },
      },
    ]);
    // Response 3 met of 5 due = 0.6; completion 1 met of 3 due (r09 breached, r11 overdue) = 0.3333.
    expect(compliance.total).toEqual({
      requests: 5,
      response: { met: 3, breached: 1, overdue: 1, pending: 0, complianceRate: 0.6 },
      completion: { met: 1, breached: 1, overdue: 1, pending: 2, complianceRate: 0.3333 },
    });
  });

  it('serviceLevelCompliance judges "overdue" against now: a day earlier r11 was still pending', async () => {
    // now = Jun 24 00:00, window Q2 up to then: r12 and r13 had not happened; r11 response breached, completion pending.
    const earlier = new Date('2026-06-24T00:00:00Z');
    const compliance = await serviceLevelCompliance(database().db, { from: q2.from, to: earlier, now: earlier, regions: ['hk'] });
    expect(compliance.rows).toEqual([
      {
        region: 'hk',
        serviceCategory: 'maintenance_construction',
        requests: 1,
        response: { met: 0, breached: 1, overdue: 0, pending: 0, complianceRate: 0 },
        completion: { met: 0, breached: 0, overdue: 0, pending: 1, complianceRate: null },
      },
    ]);
  });

  it('serviceLevelBreaches: late or overdue targets, most hours late first', async () => {
    const breaches = await serviceLevelBreaches(database().db, { ...q2, now });
    // r11 completion: due Jun 25, not done → now − due = 6 days = 144 h; r09 completion: Apr 22 − Apr 20 = 48 h;
    // r11 response: 20:00 − 08:00 = 12 h; r12 response: due Jun 30 14:00, not done → 10 h.
    expect(breaches).toEqual([
      {
        region: 'hk', id: recordId(11), customerId: customerId(2), customerCode: 'HK-C2', customerName: '香港上海滙豐銀行有限公司',
        typeCode: 'help_request.maintenance', serviceCategory: 'maintenance_construction', target: 'completion',
        dueAt: new Date('2026-06-25T00:00:00Z'), actualAt: null, hoursLate: 144,
      },
      {
        region: 'gb', id: recordId(9), customerId: customerId(1), customerCode: 'GB-C1', customerName: 'HSBC UK Bank plc',
        typeCode: 'help_request.technical_support', serviceCategory: 'consulting', target: 'completion',
        dueAt: new Date('2026-04-20T00:00:00Z'), actualAt: new Date('2026-04-22T00:00:00Z'), hoursLate: 48,
      },
      {
        region: 'hk', id: recordId(11), customerId: customerId(2), customerCode: 'HK-C2', customerName: '香港上海滙豐銀行有限公司',
        typeCode: 'help_request.maintenance', serviceCategory: 'maintenance_construction', target: 'response',
        dueAt: new Date('2026-06-20T08:00:00Z'), actualAt: new Date('2026-06-20T20:00:00Z'), hoursLate: 12,
      },
      {
        region: 'hk', id: recordId(12), customerId: customerId(5), customerCode: 'HK-C5', customerName: '希爾頓酒店',
        typeCode: 'help_request.emergency', serviceCategory: 'maintenance_construction', target: 'response',
        dueAt: new Date('2026-06-30T14:00:00Z'), actualAt: null, hoursLate: 10,
      },
    ]);
    const top = await serviceLevelBreaches(database().db, { ...q2, now, limit: 2 });
    expect(top.map((breach) => [breach.id, breach.target])).toEqual([
      [recordId(11), 'completion'],
      [recordId(9), 'completion'],
    ]);
    expect(await serviceLevelBreaches(database().db, { ...q2, now, regions: ['cn'] })).toEqual([]);
  });
});
