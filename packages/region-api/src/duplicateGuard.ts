import { aliasKeysOf, matchableCustomer, matchThresholds, scorePair, type MatchableCustomer } from '@meridian/matching';
import { foldForComparison, latinise, nameKey, registrationKey, stripLegalForms, websiteDomain } from '@meridian/names';
import { findDuplicatePrefilter, type CustomerRow, type DuplicateProbe, type RegionExecutor } from '@meridian/region-db';

/** What staff typed for a new customer that can tell it apart from, or tie it to, an existing one. */
export interface NewCustomerEvidence {
  name: string;
  nameLatin?: string | null;
  registrationId?: string | null;
  lei?: string | null;
  website?: string | null;
}

export interface DuplicateCandidate {
  customer: CustomerRow;
  score: number;
  /** The matcher's reason kinds (snake_case), identifiers first; `same_lei` is the guard's own. */
  reasons: string[];
}

/** Evidence that names the legal entity rather than describing its name: shown, and ranked, first. */
const identifierReasons = new Set(['same_lei', 'same_registration_id', 'same_website_domain', 'same_brand_domain']);
/** Staff read the warning while they type: a handful of candidates, strongest first. */
const maxCandidates = 5;
/**
 * Customers scored per new customer; the SQL pre-filter ranks which (identifiers, then whole names, then
 * shared distinctive words). Scoring costs about 1–3 ms a pair, and staff wait for it.
 */
const prefilterLimit = 40;
const acronymStopWords = new Set(['the', 'of', 'and', 'for', 'a', 'an', 'de', 'du', 'des', 'la', 'le', 'les', 'et', 'der', 'die', 'das', 'und']);
const genericDomainLabels = new Set(['www', 'com', 'co', 'net', 'org', 'gov', 'edu', 'ac', 'biz', 'info']);

/** Latin words of a name, legal forms ("Ltd", "plc") left out: they are nobody's initials. */
function latinWords(name: string | null | undefined): string[] {
  if (!name) return [];
  return stripLegalForms(foldForComparison(name.replace(/['’ʼ`]s\b/giu, '')))
    .split(' ')
    .filter((word) => /^[a-z0-9]+$/.test(word));
}

/** Initials of a Latin name's words ("thsbc…" less its small words: "hsbc…"), at least three letters. */
function initialsOf(name: string | null | undefined): string[] {
  const words = latinWords(name).filter((word) => !acronymStopWords.has(word));
  const initials: string[] = [];
  for (let n = 3; n <= Math.min(words.length, 6); n++) initials.push(words.slice(0, n).map((word) => word[0]).join(''));
  return initials;
}

function brandLabelsOf(domain: string | null): string[] {
  if (!domain) return [];
  const labels = domain.split('.').slice(0, -1);
  return labels.filter((label) => label.length >= 3 && !genericDomainLabels.has(label));
}

function asMatchable(evidence: NewCustomerEvidence, region: string): MatchableCustomer {
  const typedLatin = evidence.nameLatin?.trim() || null;
  const generated = typedLatin ? null : latinise(evidence.name);
  return {
    key: 'new',
    region,
    name: evidence.name,
    nameLatin: typedLatin ?? (generated && generated !== evidence.name ? generated : null),
    nameLatinGenerated: typedLatin === null,
    registrationId: evidence.registrationId ?? null,
    website: evidence.website ?? null,
  };
}

function rowAsMatchable(row: CustomerRow, region: string): MatchableCustomer {
  return matchableCustomer(row.id, region, row);
}

/**
 * The clues the SQL pre-filter looks for: identifiers, whole-name keys, and the matcher's own alias keys
 * (whole names and distinctive cores such as 汇丰 of 香港上海滙豐銀行), which are found inside other names
 * whatever else surrounds them; plus initials both ways, for acronyms.
 */
export function probeOf(evidence: NewCustomerEvidence, matchable: MatchableCustomer): DuplicateProbe {
  const typedLatin = matchable.nameLatinGenerated ? null : matchable.nameLatin;
  const domain = websiteDomain(evidence.website);
  // Each fragment costs a pass over the node's names, so only the matcher's own keys, less any that
  // contains another (whatever contains "汇丰银行" contains "汇丰"), and this name's 3- and 4-letter initials.
  const keys = aliasKeysOf(matchable).filter((key) => key.length >= 2);
  const cores = keys.filter((key) => !keys.some((other) => other !== key && key.includes(other)));
  const fragments = new Map<string, number>();
  for (const key of cores) fragments.set(key, 2);
  for (const initials of [...initialsOf(evidence.name), ...initialsOf(typedLatin)].filter((value) => value.length <= 4)) {
    if (!fragments.has(initials)) fragments.set(initials, 1);
  }
  const acronyms = [...latinWords(evidence.name), ...latinWords(typedLatin)].filter((word) => word.length >= 2 && word.length <= 6);
  return {
    nameKeys: [...new Set([nameKey(evidence.name), ...(typedLatin ? [nameKey(typedLatin)] : [])].filter(Boolean))],
    registrationKey: registrationKey(evidence.registrationId),
    lei: evidence.lei ?? null,
    websiteDomain: domain,
    brandLabels: brandLabelsOf(domain),
    fragments: [...fragments].map(([text, weight]) => ({ text, weight })),
    acronyms: [...new Set(acronyms)],
  };
}

/**
 * Likely duplicates of a new customer among the node's customers, scored by the matcher HQ reconciles
 * with (so every signal it learns applies here too): a candidate is one HQ would at least put in front
 * of a steward. An equal LEI names one legal entity by definition (ISO 17442), whatever the names say.
 */
export async function findDuplicateCandidates(db: RegionExecutor, evidence: NewCustomerEvidence, region: string): Promise<DuplicateCandidate[]> {
  const matchable = asMatchable(evidence, region);
  const rows = await findDuplicatePrefilter(db, probeOf(evidence, matchable), prefilterLimit);
  const candidates: DuplicateCandidate[] = [];
  for (const row of rows) {
    const { score, reasons } = scorePair(matchable, rowAsMatchable(row, region));
    const sameLei = evidence.lei != null && row.lei === evidence.lei;
    if (!sameLei && score < matchThresholds.review) continue;
    candidates.push({ customer: row, score: sameLei ? Math.max(score, 1) : score, reasons: sameLei ? ['same_lei', ...reasons] : reasons });
  }
  const byIdentifier = (candidate: DuplicateCandidate) => (candidate.reasons.some((reason) => identifierReasons.has(reason)) ? 1 : 0);
  return candidates
    .sort((x, y) => byIdentifier(y) - byIdentifier(x) || y.score - x.score || (x.customer.code < y.customer.code ? -1 : 1))
    .slice(0, maxCandidates);
}
