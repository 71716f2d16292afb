import { readFileSync } from 'node:fs';
import { latinise } from '@meridian/names';
import type { MatchableCustomer } from '../src/index.ts';

interface LabelledMember {
  region: string;
  name: string;
  nameLatin?: string;
  website?: string;
  registrationId?: string;
}

export interface LabelledSet {
  customers: MatchableCustomer[];
  /** customer key → cluster id (the truth). */
  clusterOf: Map<string, string>;
  clusterCount: number;
}

const latinOnly = /^[\p{Script=Latin}\p{N}\p{P}\p{S}\p{Z}]*$/u;

/**
 * Loads data/labelled-clusters.json as HQ would see it: a name that is not Latin and has no typed
 * Latin name gets a generated one (pinyin, any-ascii), flagged as generated.
 */
export function loadLabelledSet(): LabelledSet {
  const document = JSON.parse(readFileSync(new URL('../data/labelled-clusters.json', import.meta.url), 'utf8')) as {
    clusters: Array<{ id: string; members: LabelledMember[] }>;
  };
  const customers: MatchableCustomer[] = [];
  const clusterOf = new Map<string, string>();
  for (const cluster of document.clusters) {
    cluster.members.forEach((member, i) => {
      const key = `${member.region}:${cluster.id}-${i + 1}`;
      const generate = !member.nameLatin && !latinOnly.test(member.name);
      customers.push({
        key,
        region: member.region,
        country: member.region.toUpperCase(),
        name: member.name,
        nameLatin: member.nameLatin ?? (generate ? latinise(member.name) : null),
        nameLatinGenerated: generate,
        website: member.website ?? null,
        registrationId: member.registrationId ?? null,
      });
      clusterOf.set(key, cluster.id);
    });
  }
  return { customers, clusterOf, clusterCount: document.clusters.length };
}
