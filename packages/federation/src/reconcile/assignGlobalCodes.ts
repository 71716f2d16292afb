import type { AccountLinkRow, GlobalAccountRow } from '@meridian/hq-db';

export interface CodeAssignment {
  /** Cluster index → the global code it is given. */
  codes: string[];
  /** Codes to create (new clusters). */
  created: string[];
  /** Codes that lost all their members to another account: redirect to the survivor. */
  redirects: Array<{ from: string; to: string }>;
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

/** A founder's claim on its code outweighs any number of members that merely joined. */
const founderWeight = 1_000_000;

/**
 * Gives each cluster a global code that changes as little as possible. Every (cluster, code) pairing is
 * scored: the code's founders in the cluster count most, then members currently linked to it; the best
 * pairings are taken first. So a merge keeps the older code, and an undo (or a split) gives each side back
 * the code its founders brought. Only a truly new account gets a new code; a code left without members redirects.
 */
export async function assignGlobalCodes(
  clusters: string[][],
  links: Map<string, AccountLinkRow>,
  accounts: Map<string, GlobalAccountRow>,
  issueCodes: (count: number) => Promise<string[]>,
): Promise<CodeAssignment> {
  const pairings: Array<{ cluster: number; code: string; score: number }> = [];
  clusters.forEach((members, cluster) => {
    const scores = new Map<string, number>();
    for (const key of members) {
      const link = links.get(key);
      if (!link) continue;
      const current = resolveCode(link.globalCode, accounts);
      scores.set(current, (scores.get(current) ?? 0) + 1);
      if (link.foundedCode) scores.set(link.foundedCode, (scores.get(link.foundedCode) ?? 0) + founderWeight);
    }
    for (const [code, score] of scores) pairings.push({ cluster, code, score });
  });
  // Codes whose founders are in the cluster come first, the older first: a merge keeps the older code
  // however many members each side has. Between clusters claiming one code, more founders win.
  const founded = (pairing: { score: number }) => pairing.score >= founderWeight;
  pairings.sort(
    (a, b) =>
      Number(founded(b)) - Number(founded(a)) ||
      (founded(a) ? codeNumber(a.code) - codeNumber(b.code) : 0) ||
      b.score - a.score ||
      codeNumber(a.code) - codeNumber(b.code) ||
      a.cluster - b.cluster,
  );

  const codes: Array<string | undefined> = new Array(clusters.length);
  const claimed = new Set<string>();
  for (const { cluster, code } of pairings) {
    if (codes[cluster] || claimed.has(code)) continue;
    codes[cluster] = code;
    claimed.add(code);
  }
  const needNew = clusters.map((_, cluster) => cluster).filter((cluster) => !codes[cluster]);
  const created = await issueCodes(needNew.length);
  needNew.forEach((cluster, position) => {
    codes[cluster] = created[position]!;
    claimed.add(created[position]!);
  });

  const redirects: CodeAssignment['redirects'] = [];
  clusters.forEach((members, cluster) => {
    for (const key of members) {
      const link = links.get(key);
      if (!link) continue;
      const previous = resolveCode(link.globalCode, accounts);
      if (!claimed.has(previous) && !redirects.some((redirect) => redirect.from === previous)) {
        redirects.push({ from: previous, to: codes[cluster]! });
      }
    }
  });
  return { codes: codes as string[], created, redirects };
}
