/**
 * The kinds of true pair the labelled set measures separately: what a matcher must understand to see that
 * two names of one cluster name the same organisation. A pair's kind follows from the two names' scripts
 * and forms (written down by hand in the data), and, for Chinese ↔ Latin, from how the Chinese name was
 * made: by sound (transliteration: 星巴克 ~ Starbucks) or by meaning or a separate Chinese brand
 * (translation: 国际商业机器 = International Business Machines, 汇丰 for HSBC).
 */
export const scripts = ['Latn', 'Hant', 'Hans', 'Arab'] as const;
export type Script = (typeof scripts)[number];

export const pairKinds = [
  'latin',
  'chinese',
  'arabic',
  'trad_simp',
  'zh_latin_translation',
  'zh_latin_transliteration',
  'acronym',
  'ar_latin',
  'zh_ar',
] as const;
export type PairKind = (typeof pairKinds)[number];

/** The cross-script kinds the issue names, in the order the evaluation prints them. */
export const crossScriptKinds: PairKind[] = [
  'trad_simp',
  'zh_latin_translation',
  'zh_latin_transliteration',
  'acronym',
  'ar_latin',
  'zh_ar',
];

export const pairKindLabels: Record<PairKind, string> = {
  latin: 'Latin ↔ Latin',
  chinese: 'Chinese, same script',
  arabic: 'Arabic ↔ Arabic',
  trad_simp: 'Trad ↔ Simp',
  zh_latin_translation: 'Chinese ↔ Latin, translation',
  zh_latin_transliteration: 'Chinese ↔ Latin, transliteration',
  acronym: 'acronym',
  ar_latin: 'Arabic ↔ Latin',
  zh_ar: 'Chinese ↔ Arabic',
};

export type ZhLatin = 'translation' | 'transliteration';

export interface KindedName {
  name: string;
  script: Script;
  /** An acronym, typed as letters (IBM, HSBC) or spelled out in Arabic letter names (آي بي إم). */
  form?: 'acronym';
  /** How this Chinese name relates to the Latin names, when it differs from its cluster's. */
  zhLatin?: ZhLatin;
}

const isHan = (script: Script): boolean => script === 'Hant' || script === 'Hans';

/** The script a name is written in, as Unicode sees it (Han is not split into Traditional and Simplified here). */
export function unicodeScriptOf(name: string): 'Latn' | 'Han' | 'Arab' | 'mixed' {
  const han = /\p{Script=Han}/u.test(name);
  const arab = /\p{Script=Arabic}/u.test(name);
  const latin = /\p{Script=Latin}/u.test(name);
  if ([han, arab].filter(Boolean).length > 1 || ((han || arab) && latin)) return 'mixed';
  if (han) return 'Han';
  if (arab) return 'Arab';
  return 'Latn';
}

/** null when the pair cannot be classified (a Chinese ↔ Latin pair in a cluster that says neither). */
export function pairKindOf(a: KindedName, b: KindedName, clusterZhLatin: ZhLatin | undefined): PairKind | null {
  const acronymA = a.form === 'acronym';
  const acronymB = b.form === 'acronym';
  if ((acronymA || acronymB) && !(acronymA && acronymB && a.script === b.script)) return 'acronym';
  const [x, y] = [a, b].sort((p, q) => scripts.indexOf(p.script) - scripts.indexOf(q.script)) as [KindedName, KindedName];
  if (x.script === y.script) return x.script === 'Latn' ? 'latin' : x.script === 'Arab' ? 'arabic' : 'chinese';
  if (isHan(x.script) && isHan(y.script)) return 'trad_simp';
  if (x.script === 'Latn' && isHan(y.script)) {
    const relation = y.zhLatin ?? clusterZhLatin;
    return relation ? (`zh_latin_${relation}` as const) : null;
  }
  if (x.script === 'Latn' && y.script === 'Arab') return 'ar_latin';
  return 'zh_ar';
}

/** Every kind of pair a cluster's members form, sorted as pairKinds. */
export function kindsOfCluster(members: KindedName[], clusterZhLatin: ZhLatin | undefined): Array<PairKind | null> {
  const found = new Set<PairKind | null>();
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) found.add(pairKindOf(members[i]!, members[j]!, clusterZhLatin));
  }
  return [...found].sort((p, q) => (p === null ? -1 : q === null ? 1 : pairKinds.indexOf(p) - pairKinds.indexOf(q)));
}
