import { similarityEvidence } from './evidenceCurve.ts';
import { matchThresholds } from './thresholds.ts';
import { compareNames, keySimilarity } from './nameSimilarity.ts';
import { latinForm, type CustomerProfile, type NameForm } from './profile.ts';
import { totalWeight, type TokenWeight } from './tokenWeights.ts';
import { compareForeignWithLatin, latinUnitsOf, pivotUnitsOf, strongestCrossScriptEvidence, type CrossScriptComparison, type LatinUnit } from './signals/crossScript.ts';
import type { ForeignName } from './signals/crossScriptForm.ts';
import type { AliasIndex, MatchEvidence, MatchExplanation } from './types.ts';

/** Learned-alias groups of one customer: from whole name keys, and from distinctive cores only. */
export interface AliasGroups {
  full: Set<string>;
  core: Set<string>;
}

export function aliasGroupsOf(profile: CustomerProfile, aliases: AliasIndex | undefined): AliasGroups {
  const lookup = (keys: string[]): Set<string> =>
    new Set(keys.map((key) => aliases?.groupOf(key)).filter((group): group is string => group !== undefined));
  return { full: lookup(profile.aliasFullKeys), core: lookup(profile.aliasCoreKeys) };
}

export interface ScoringContext {
  weightOf: TokenWeight;
  groupsOf: (profile: CustomerProfile) => AliasGroups;
}

interface Signal {
  reason: string;
  p: number;
}

/** A name made only of common words ("Bank of China", "Emirates") is a weaker key than "Jardine Matheson". */
function sameKeyEvidence(form: NameForm, weightOf: TokenWeight): number {
  return totalWeight(form.tokens, weightOf) >= 0.7 ? 0.96 : 0.85;
}

const capForGenerated = 0.6;
const capForCommonWordsOnly = 0.75;
const capForPlace = 0.8;
/** "Siemens Energy" vs "Siemens", "Deutsche Bank Trust" vs "Deutsche Bank": often a different company. */
const capForExtraWords = 0.85;

function compareForms(a: NameForm, b: NameForm, prefix: string, context: ScoringContext, signals: Signal[]): number {
  const generated = !a.typed || !b.typed;
  const tag = generated ? `${prefix}generated_` : prefix;
  if (a.key && a.key === b.key) {
    const p = sameKeyEvidence(a, context.weightOf);
    signals.push({ reason: prefix ? `same_${tag}name` : 'same_name_key', p: generated ? Math.min(p, capForGenerated) : p });
    return 1;
  }
  const comparison = compareNames(a.tokens, b.tokens, context.weightOf);
  // Names split or joined differently ("Good Will" / "Goodwill Trading") compare better as whole keys.
  const joined = a.key.length >= 6 && b.key.length >= 6 ? keySimilarity(a.key, b.key) : 0;
  const similarity = joined >= 0.9 ? Math.max(joined, comparison.similarity) : comparison.similarity;
  let p = similarityEvidence(similarity);
  if (generated) p = Math.min(p, capForGenerated);
  if (comparison.sharedDistinctiveWeight < 0.5 && joined < 0.9) p = Math.min(p, capForCommonWordsOnly);
  if (comparison.hasExtraWords && p > capForExtraWords) {
    p = capForExtraWords;
    signals.push({ reason: 'extra_words', p: 0 });
  }
  if (comparison.differsByPlace && p > capForPlace) {
    p = capForPlace;
    signals.push({ reason: 'different_place_qualifier', p: 0 });
  }
  if (p > 0) signals.push({ reason: `similar_${tag}name`, p });
  return similarity;
}

function isAcronymOf(short: NameForm, long: NameForm): boolean {
  return short.tokens.some((token) => token.length >= 2 && token.length <= 6 && long.initials.includes(token));
}

const latinUnitsCache = new WeakMap<CustomerProfile, LatinUnit[]>();
const pivotUnitsCache = new WeakMap<CustomerProfile, LatinUnit[]>();

function latinUnitsFor(profile: CustomerProfile, latin: string[] | null): LatinUnit[] {
  let units = latinUnitsCache.get(profile);
  if (!units) latinUnitsCache.set(profile, (units = latinUnitsOf(latin ?? [])));
  return units;
}

function pivotUnitsFor(profile: CustomerProfile, foreign: ForeignName): LatinUnit[] {
  let units = pivotUnitsCache.get(profile);
  if (!units) pivotUnitsCache.set(profile, (units = pivotUnitsOf(foreign)));
  return units;
}

/** The typed Latin words of a customer (its own name, or a Latin name staff typed); generated ones say nothing. */
function typedLatinTokens(profile: CustomerProfile): string[] | null {
  const latin = latinForm(profile);
  return latin?.typed && latin.tokens.length > 0 ? latin.tokens : null;
}

/**
 * A Chinese or Arabic name against the other customer's typed Latin name and website brand, and a
 * Chinese name against an Arabic one through its Latin renderings (pivot). The best comparison counts.
 */
function crossScriptComparison(a: CustomerProfile, b: CustomerProfile, context: ScoringContext): CrossScriptComparison | null {
  let best: CrossScriptComparison | null = null;
  const consider = (result: CrossScriptComparison | null): void => {
    if (result && (!best || result.p > best.p)) best = result;
  };
  for (const [self, other] of [[a, b], [b, a]] as const) {
    if (!self.foreign || self.native.script === other.native.script) continue;
    const latin = typedLatinTokens(other);
    const brand = other.web?.brand ?? null;
    if (latin || brand) {
      consider(compareForeignWithLatin(self.foreign, latinUnitsFor(other, latin), brand, context.weightOf, { latinInitials: latinForm(other)?.typed ? latinForm(other)!.initials : [] }));
    }
    if (self.foreign.script === 'han' && other.foreign?.script === 'arabic') {
      consider(compareForeignWithLatin(self.foreign, pivotUnitsFor(other, other.foreign), null, context.weightOf, { pivot: true }));
    }
  }
  return best;
}

/** Name evidence is the best single comparison: native and Latin agreement are not independent. */
function nameSignals(
  a: CustomerProfile,
  b: CustomerProfile,
  context: ScoringContext,
  signals: Signal[],
  explanation: MatchExplanation[],
  crossScript: boolean,
): void {
  let bestTypedSimilarity = -1;
  if (a.native.script === b.native.script && a.native.script !== 'other') {
    bestTypedSimilarity = compareForms(a.native, b.native, '', context, signals);
  }
  const latinA = latinForm(a);
  const latinB = latinForm(b);
  if (latinA && latinB && !(latinA === a.native && latinB === b.native)) {
    const similarity = compareForms(latinA, latinB, 'latin_', context, signals);
    if (latinA.typed && latinB.typed) bestTypedSimilarity = Math.max(bestTypedSimilarity, similarity);
  }
  if (latinA?.typed && latinB?.typed && (isAcronymOf(latinA, latinB) || isAcronymOf(latinB, latinA))) {
    signals.push({ reason: 'acronym', p: 0.75 });
    bestTypedSimilarity = Math.max(bestTypedSimilarity, 1);
  }
  if (bestTypedSimilarity >= 0 && bestTypedSimilarity < 0.3) signals.push({ reason: 'dissimilar_names', p: 0 });
  // Cross-script evidence never exceeds what a same-script comparison already found at that level.
  if (!crossScript || strongest(signals) >= strongestCrossScriptEvidence) return;
  const cross = crossScriptComparison(a, b, context);
  if (cross) {
    const [first, ...rest] = cross.reasons;
    signals.push({ reason: first!, p: cross.p });
    for (const reason of rest) signals.push({ reason, p: capReasons.has(reason) ? 0 : cross.p });
    explanation.push(...cross.explanation);
  }
}

const capReasons = new Set(['different_place_qualifier', 'extra_words']);

function strongest(signals: Signal[]): number {
  let p = 0;
  for (const signal of signals) p = Math.max(p, signal.p);
  return p;
}

interface Negative {
  reason: string;
  factor: number;
}

/**
 * One brand extending the other (bmw / bmwgroup, mtr / mtruk, icbc / icbcasia) is not a contradiction;
 * it is not evidence either, since emirates / emiratesnbd extend each other the same way.
 */
function brandsRelated(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= 3 && longer.startsWith(shorter);
}

function identifierSignals(a: CustomerProfile, b: CustomerProfile, signals: Signal[], negatives: Negative[]): void {
  if (a.registration && b.registration) {
    if (a.registration === b.registration) signals.push({ reason: 'same_registration_id', p: 0.99 });
    // Ids of different shapes come from different registers (a UK company number vs a Chinese USCC),
    // so only same-shaped ids can contradict each other.
    else if (a.registrationShape === b.registrationShape) negatives.push({ reason: 'conflicting_registration_id', factor: 0.2 });
  }
  if (a.web && b.web) {
    if (a.web.domain === b.web.domain) signals.push({ reason: 'same_website_domain', p: 0.95 });
    else if (a.web.brand && a.web.brand === b.web.brand) {
      signals.push({ reason: 'same_brand_domain', p: a.web.brand.length >= 4 ? 0.9 : 0.8 });
    } else if (!brandsRelated(a.web.brand, b.web.brand)) negatives.push({ reason: 'different_brand_domain', factor: 0.65 });
  }
}

function aliasSignals(a: AliasGroups, b: AliasGroups, signals: Signal[], negatives: Negative[]): void {
  // Most customers have no learned alias: say so before building sets for every pair.
  if ((a.full.size === 0 && a.core.size === 0) || (b.full.size === 0 && b.core.size === 0)) return;
  const groupsA = new Set([...a.full, ...a.core]);
  const groupsB = new Set([...b.full, ...b.core]);
  if (groupsA.size === 0 || groupsB.size === 0) return;
  const shared = [...groupsA].filter((group) => groupsB.has(group));
  if (shared.length === 0) {
    negatives.push({ reason: 'conflicting_learned_alias', factor: 0.15 });
    return;
  }
  const viaFullKeys = shared.some((group) => a.full.has(group) && b.full.has(group));
  signals.push({ reason: 'learned_alias', p: viaFullKeys ? 0.96 : 0.92 });
}

/**
 * Identifiers, names and learned aliases are independent kinds of evidence (noisy-OR across kinds);
 * within names only the best comparison counts. Contradictions multiply the result down.
 */
export function scoreProfiles(a: CustomerProfile, b: CustomerProfile, context: ScoringContext): MatchEvidence {
  const nameEvidence: Signal[] = [];
  const otherEvidence: Signal[] = [];
  const negatives: Negative[] = [];
  const explanation: MatchExplanation[] = [];
  identifierSignals(a, b, otherEvidence, negatives);
  aliasSignals(context.groupsOf(a), context.groupsOf(b), otherEvidence, negatives);
  // A shared registration id or website already links on its own: the costlier cross-script comparison
  // would add nothing to the score.
  const identified = otherEvidence.some((signal) => signal.p >= matchThresholds.auto) && negatives.length === 0;
  nameSignals(a, b, context, nameEvidence, explanation, !identified);

  const bestName = strongest(nameEvidence);
  const hasStrongEvidence = bestName > 0 || otherEvidence.length > 0;
  if (nameEvidence.some((signal) => signal.reason === 'dissimilar_names') && bestName < 0.5) {
    negatives.push({ reason: 'dissimilar_names', factor: 0.75 });
  }
  let missing = 1 - bestName;
  for (const signal of otherEvidence) missing *= 1 - signal.p;
  let score = hasStrongEvidence ? 1 - missing : 0;
  for (const negative of negatives) score *= negative.factor;

  const reasons = [
    ...otherEvidence.map((signal) => signal.reason),
    ...nameEvidence.filter((signal) => signal.p >= 0.3 || capReasons.has(signal.reason)).map((s) => s.reason),
    ...negatives.map((negative) => negative.reason),
  ];
  const evidence: MatchEvidence = { score: Math.round(score * 1000) / 1000, reasons: [...new Set(reasons)] };
  if (explanation.length > 0) evidence.explanation = explanation;
  return evidence;
}
