import { assignGlobalCodes } from '@meridian/federation';
import type { AccountLinkRow, GlobalAccountRow } from '@meridian/hq-db';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The code rules on their own: which code a merged or split account keeps, whatever the sizes.
const code = (n: number) => `G-${String(n).padStart(6, '0')}`;

function state(accounts: Array<{ code: number; founders: number; joined: number }>) {
  const links = new Map<string, AccountLinkRow>();
  const rows = new Map<string, GlobalAccountRow>();
  const membersOf = new Map<number, string[]>();
  for (const account of accounts) {
    rows.set(code(account.code), { globalCode: code(account.code), displayName: `A${account.code}`, createdAt: new Date(0), mergedInto: null, mergedAt: null });
    const members: string[] = [];
    for (let i = 0; i < account.founders + account.joined; i++) {
      const key = `gb:${account.code}-${i}`;
      members.push(key);
      links.set(key, {
        region: 'gb', customerId: key, globalCode: code(account.code), foundedCode: i < account.founders ? code(account.code) : null,
        method: 'auto', score: null, reasons: [], explanation: [], linkedAt: new Date(0), pushedState: null,
      });
    }
    membersOf.set(account.code, members);
  }
  return { links, rows, membersOf };
}

let issued = 900_000;
const issue = async (count: number) => Array.from({ length: count }, () => code(++issued));

describe('global codes under merges and splits', () => {
  it('a merge keeps the older code however many members each side has, and redirects the other (fast-check)', async () => {
    const side = fc.record({ founders: fc.integer({ min: 1, max: 5 }), joined: fc.integer({ min: 0, max: 20 }) });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), side, side, async (first, gap, older, newer) => {
        const { links, rows, membersOf } = state([
          { code: first, ...older },
          { code: first + gap, ...newer },
        ]);
        const merged = [...membersOf.get(first)!, ...membersOf.get(first + gap)!].sort();
        const result = await assignGlobalCodes([merged], links, rows, issue);
        expect(result.codes).toEqual([code(first)]);
        expect(result.created).toEqual([]);
        expect(result.redirects).toEqual([{ from: code(first + gap), to: code(first) }]);
      }),
      { numRuns: 200 },
    );
  });

  it('after a merge, splitting the sides apart gives each the code its founders brought', async () => {
    const { links, rows, membersOf } = state([
      { code: 7, founders: 1, joined: 0 },
      { code: 3, founders: 2, joined: 9 },
    ]);
    // Merged: the 7-side now carries code 3 (7 was redirected into it).
    for (const key of membersOf.get(7)!) links.set(key, { ...links.get(key)!, globalCode: code(3) });
    rows.set(code(7), { ...rows.get(code(7))!, mergedInto: code(3) });
    const result = await assignGlobalCodes([membersOf.get(3)!, membersOf.get(7)!], links, rows, issue);
    expect(result.codes).toEqual([code(3), code(7)]);
    expect(result.created).toEqual([]);
  });

  it('a member split out that founded nothing gets a new code; the account keeps its own', async () => {
    const { links, rows, membersOf } = state([{ code: 5, founders: 1, joined: 2 }]);
    const [founder, joinedA, joinedB] = membersOf.get(5)!;
    const result = await assignGlobalCodes([[founder!, joinedA!], [joinedB!]], links, rows, async (count) => Array.from({ length: count }, (_, i) => code(800_000 + i)));
    expect(result.codes).toEqual([code(5), code(800_000)]);
    expect(result.created).toEqual([code(800_000)]);
  });
});
