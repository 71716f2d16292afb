import { nameKey, toSimplifiedChinese } from '@meridian/names';
import { describe, expect, it } from 'vitest';
import { labelledFiles, loadEvaluationSet, readLabelledFile } from '../scripts/labelledSet.ts';
import { kindsOfCluster, pairKinds, scripts, unicodeScriptOf } from '../scripts/pairKinds.ts';
import { splitOf, untunedShare } from '../scripts/split.ts';

// The labelled set is the yardstick of npm run evaluate: a wrong label or a drifting split would make
// every figure in README lie, so its shape is checked here rather than trusted.
const files = labelledFiles.map(({ file, seenBefore }) => readLabelledFile(file, seenBefore));
const clusters = files.flatMap((file) => file.clusters.map((cluster) => ({ ...cluster, file: file.file, seenBefore: file.seenBefore })));
const members = clusters.flatMap((cluster) => cluster.members.map((member) => ({ member, cluster })));

describe('labelled evaluation set', () => {
  it('holds at least 300 Chinese or Arabic names of clusters that also have Latin names, and 100 real multinationals', () => {
    const crossScript = clusters.filter((cluster) => new Set(cluster.members.map((m) => m.script === 'Latn')).size === 2);
    const nonLatin = crossScript.flatMap((cluster) => cluster.members.filter((m) => m.script !== 'Latn'));
    expect(nonLatin.length).toBeGreaterThanOrEqual(300);
    expect(clusters.filter((cluster) => cluster.real && cluster.multinational !== false).length).toBeGreaterThanOrEqual(100);
    for (const script of scripts) expect(members.filter(({ member }) => member.script === script).length).toBeGreaterThan(100);
  });

  it('labels each name with the script it is written in', () => {
    for (const { member, cluster } of members) {
      const unicode = unicodeScriptOf(member.name);
      const expected = member.script === 'Hant' || member.script === 'Hans' ? 'Han' : member.script;
      expect(unicode, `${cluster.id}: ${member.name}`).toBe(expected);
      // A name labelled Simplified must not carry Traditional-only characters (中國銀行 is not Simplified).
      if (member.script === 'Hans') expect(toSimplifiedChinese(member.name), `${cluster.id}: ${member.name}`).toBe(member.name);
      if (member.form === 'acronym' && member.script === 'Latn') expect(member.name, cluster.id).toMatch(/[A-Z][^\s]*[A-Z]/);
      if (member.form === 'acronym') expect(['Latn', 'Arab'], `${cluster.id}: ${member.name}`).toContain(member.script);
    }
  });

  it('tags every cluster with exactly the kinds of pair its scripts and forms make', () => {
    for (const cluster of clusters) {
      const derived = kindsOfCluster(cluster.members, cluster.zhLatin);
      expect(derived, `${cluster.id}: a Chinese ↔ Latin pair needs zhLatin`).not.toContain(null);
      expect(cluster.kinds, cluster.id).toEqual(derived);
      for (const kind of cluster.kinds) expect(pairKinds).toContain(kind);
      const has = (script: string): boolean => cluster.members.some((m) => m.script === script);
      if (cluster.kinds.includes('trad_simp')) expect(has('Hant') && has('Hans'), cluster.id).toBe(true);
      if (cluster.kinds.includes('zh_ar')) expect((has('Hant') || has('Hans')) && has('Arab'), cluster.id).toBe(true);
      if (cluster.kinds.includes('ar_latin')) expect(has('Arab') && has('Latn'), cluster.id).toBe(true);
    }
  });

  it('has unique cluster ids, hard negatives that name other clusters, and at least two names per cluster', () => {
    const ids = new Set(clusters.map((cluster) => cluster.id));
    expect(ids.size).toBe(clusters.length);
    for (const cluster of clusters) {
      expect(cluster.members.length, cluster.id).toBeGreaterThanOrEqual(2);
      for (const other of cluster.hardNegatives ?? []) {
        expect(ids.has(other), `${cluster.id} → ${other}`).toBe(true);
        expect(other).not.toBe(cluster.id);
      }
    }
  });

  it('never puts one name in two clusters, whatever its case, width, Chinese script or legal form', () => {
    const owner = new Map<string, string>();
    for (const { member, cluster } of members) {
      const key = nameKey(member.name);
      const previous = owner.get(key);
      if (previous !== undefined) expect(previous, `${member.name} is in ${previous} and ${cluster.id}`).toBe(cluster.id);
      owner.set(key, cluster.id);
    }
  });

  it('splits deterministically by cluster id, holds out about 40% of the new clusters and none seen while tuning', () => {
    const first = loadEvaluationSet();
    const again = loadEvaluationSet();
    expect(first.clusters.map(({ cluster, split }) => `${cluster.id}:${split}`)).toEqual(again.clusters.map(({ cluster, split }) => `${cluster.id}:${split}`));
    for (const { cluster, split } of first.clusters) {
      const seenBefore = labelledFiles.find(({ file }) => file === first.clusters.find((c) => c.cluster === cluster)!.file)!.seenBefore;
      expect(split).toBe(splitOf(cluster.id, seenBefore));
      if (seenBefore) expect(split, cluster.id).toBe('tuned');
    }
    const fresh = first.clusters.filter(({ file }) => !labelledFiles.find((f) => f.file === file)!.seenBefore);
    const share = fresh.filter(({ split }) => split === 'untuned').length / fresh.length;
    expect(share).toBeGreaterThan(untunedShare - 0.1);
    expect(share).toBeLessThan(untunedShare + 0.1);
    const untuned = loadEvaluationSet('untuned');
    const tuned = loadEvaluationSet('tuned');
    expect(untuned.customers.length + tuned.customers.length).toBe(first.customers.length);
    expect(untuned.customers.filter((c) => tuned.clusterOf.has(c.key))).toEqual([]);
  });
});
