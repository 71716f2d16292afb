import { readFileSync } from 'node:fs';
import { latinise } from '@meridian/names';
import type { MatchableCustomer } from '../src/index.ts';
import type { KindedName, PairKind, Script, ZhLatin } from './pairKinds.ts';
import { splitOf, type Split } from './split.ts';

export interface LabelledMember {
  region: string;
  name: string;
  script: Script;
  form?: 'acronym';
  zhLatin?: ZhLatin;
  nameLatin?: string;
  website?: string;
  registrationId?: string;
}

export interface LabelledCluster {
  id: string;
  label: string;
  /** false for the fictional local firms that share words with each other. */
  real: boolean;
  /** false for public bodies (HMRC, HKMA …): real, but not multinationals. */
  multinational?: boolean;
  zhLatin?: ZhLatin;
  kinds: PairKind[];
  hardNegatives?: string[];
  members: LabelledMember[];
}

export interface LabelledFile {
  file: string;
  /** Seen while the matcher was tuned (the first labelled file): never part of the untuned split. */
  seenBefore: boolean;
  clusters: LabelledCluster[];
}

/** labelled-clusters.json came first and was looked at while the matcher was built; the others were not. */
export const labelledFiles: Array<{ file: string; seenBefore: boolean }> = [
  { file: 'labelled-clusters.json', seenBefore: true },
  { file: 'labelled-multinationals.json', seenBefore: false },
];

export function readLabelledFile(file: string, seenBefore: boolean): LabelledFile {
  const document = JSON.parse(readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8')) as { clusters: LabelledCluster[] };
  return { file, seenBefore, clusters: document.clusters };
}

export interface LabelledSet {
  customers: MatchableCustomer[];
  /** customer key → cluster id (the truth). */
  clusterOf: Map<string, string>;
  clusterCount: number;
}

export interface EvaluationCustomer {
  customer: MatchableCustomer;
  member: KindedName;
  cluster: LabelledCluster;
  split: Split;
}

export interface EvaluationSet extends LabelledSet {
  byKey: Map<string, EvaluationCustomer>;
  clusters: Array<{ cluster: LabelledCluster; split: Split; file: string }>;
}

const latinOnly = /^[\p{Script=Latin}\p{N}\p{P}\p{S}\p{Z}]*$/u;

/**
 * A member as HQ would receive it: a name that is not Latin and has no typed Latin name gets a generated
 * one (pinyin, any-ascii), flagged as generated. The key is `${region}:${cluster id}-${position}`.
 */
function customerOf(cluster: LabelledCluster, member: LabelledMember, index: number): MatchableCustomer {
  const generate = !member.nameLatin && !latinOnly.test(member.name);
  return {
    key: `${member.region}:${cluster.id}-${index + 1}`,
    region: member.region,
    country: member.region.toUpperCase(),
    name: member.name,
    nameLatin: member.nameLatin ?? (generate ? latinise(member.name) : null),
    nameLatinGenerated: generate,
    website: member.website ?? null,
    registrationId: member.registrationId ?? null,
  };
}

function setOf(files: LabelledFile[], include: (split: Split) => boolean): EvaluationSet {
  const customers: MatchableCustomer[] = [];
  const clusterOf = new Map<string, string>();
  const byKey = new Map<string, EvaluationCustomer>();
  const clusters: EvaluationSet['clusters'] = [];
  for (const file of files) {
    for (const cluster of file.clusters) {
      const split = splitOf(cluster.id, file.seenBefore);
      if (!include(split)) continue;
      clusters.push({ cluster, split, file: file.file });
      cluster.members.forEach((member, i) => {
        const customer = customerOf(cluster, member, i);
        customers.push(customer);
        clusterOf.set(customer.key, cluster.id);
        byKey.set(customer.key, { customer, member, cluster, split });
      });
    }
  }
  return { customers, clusterOf, clusterCount: clusters.length, byKey, clusters };
}

/** The first labelled file alone, as the accuracy floors in test/accuracy.test.ts were set on it. */
export function loadLabelledSet(): LabelledSet {
  return setOf([readLabelledFile('labelled-clusters.json', true)], () => true);
}

/** Every labelled file; `split` keeps only the tuned or only the untuned clusters. */
export function loadEvaluationSet(split?: Split): EvaluationSet {
  return setOf(
    labelledFiles.map(({ file, seenBefore }) => readLabelledFile(file, seenBefore)),
    (s) => split === undefined || s === split,
  );
}
