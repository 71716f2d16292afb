import type { AccountLinkRow, GlobalAccountRow } from '@meridian/hq-db';

export interface CodeAssignment {
  /** Cluster index → the global code it is given. */
  codes: string[];
  /** Codes to create (new clusters). */
  created: string[];
  /** Codes that lost all their members to another account: redirect to the survivor. */
  redirects: Array<{ from: string; to: string }>;
  /** Codes brought back from a redirect because a split gave them members again. */
  revived: string[];
}

/** Follows merge redirects to the code a bookmark of `code` resolves to today. */
export function resolveCode(code: string, accounts: Map<string, GlobalAccountRow>): string {
  let current = code;
  for (let hops = 0; hops < 50; hops++) {
    const next = accounts.get(current)?.mergedInto;
    if (!next) return current;
    current = next;
  }
  return current;
}

const codeNumber = (code: string) => Number(code.replace(/\D/g, '')) || Number.MAX_SAFE_INTEGER;

/**
 * Gives each cluster a global code that changes as little as possible: a cluster keeps the code most
 * of its members already have (the oldest on a tie); a cluster split off by an undo gets its members'
 * original code back; only a truly new account gets a new code. A code left without members redirects.
 */
export async function assignGlobalCodes(
  clusters: string[][],
  links: Map<string, AccountLinkRow>,
  accounts: Map<string, GlobalAccountRow>,
  issueCodes: (count: number) => Promise<string[]>,
): Promise<CodeAssignment> {
  const order = clusters.map((_, index) => index).sort((a, b) => clusters[b]!.length - clusters[a]!.length || a - b);
  const claimed = new Set<string>();
  const codes: string[] = new Array(clusters.length);
  const revived: string[] = [];
  const needNew: number[] = [];
  for (const index of order) {
    const members = clusters[index]!;
    const votes = new Map<string, number>();
    for (const key of members) {
      const link = links.get(key);
      if (link) {
        const code = resolveCode(link.globalCode, accounts);
        votes.set(code, (votes.get(code) ?? 0) + 1);
      }
    }
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1] || codeNumber(a[0]) - codeNumber(b[0]));
    const kept = ranked.find(([code]) => !claimed.has(code))?.[0];
    if (kept) {
      codes[index] = kept;
      claimed.add(kept);
      continue;
    }
    const original = members
      .map((key) => links.get(key)?.firstGlobalCode)
      .filter((code): code is string => Boolean(code) && !claimed.has(code!))
      .sort((a, b) => codeNumber(a) - codeNumber(b))[0];
    if (original) {
      codes[index] = original;
      claimed.add(original);
      if (accounts.get(original)?.mergedInto) revived.push(original);
      continue;
    }
    needNew.push(index);
  }
  const created = await issueCodes(needNew.length);
  needNew.forEach((index, position) => {
    codes[index] = created[position]!;
    claimed.add(created[position]!);
  });
  const redirects: CodeAssignment['redirects'] = [];
  clusters.forEach((members, index) => {
    for (const key of members) {
      const link = links.get(key);
      if (!link) continue;
      const previous = resolveCode(link.globalCode, accounts);
      if (!claimed.has(previous) && !redirects.some((redirect) => redirect.from === previous)) {
        redirects.push({ from: previous, to: codes[index]! });
      }
    }
  });
  return { codes, created, redirects, revived };
}
