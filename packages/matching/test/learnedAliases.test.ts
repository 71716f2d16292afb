import { describe, expect, it } from 'vitest';
import { aliasKeysOf, createAliasIndex, matchThresholds, scorePair } from '../src/index.ts';
import { runLearningDemo } from '../scripts/learningDemo.ts';

describe('learned aliases', () => {
  it('teaches the folded native name and its distinctive core, not the generated Latin name', () => {
    const keys = aliasKeysOf({ key: 'hk:1', region: 'hk', name: '香港上海滙豐銀行有限公司', nameLatin: 'Xiang Gang', nameLatinGenerated: true });
    expect(keys).toContain('汇丰');
    expect(keys).not.toContain('xianggang');
  });

  it('makes a later "滙豐" / "汇丰银行" link automatically after a steward merge', () => {
    const demo = runLearningDemo();
    for (const step of demo.steps) {
      expect(step.before, step.newcomer.name).toBeLessThan(matchThresholds.auto);
      expect(step.linkedAutomatically, step.newcomer.name).toBe(true);
    }
    expect(demo.clusters).toHaveLength(1);
  });

  it('drops a key two groups claim, and counts different groups against a match', () => {
    const aliases = createAliasIndex([
      { aliasKey: 'goldendragon', group: 'G-1' },
      { aliasKey: 'goldendragon', group: 'G-2' },
      { aliasKey: 'harbourviewhotels', group: 'G-3' },
      { aliasKey: 'brightwaterconsulting', group: 'G-4' },
    ]);
    expect(aliases.groupOf('goldendragon')).toBeUndefined();
    const evidence = scorePair(
      { key: 'gb:1', region: 'gb', name: 'Harbour View Hotels' },
      { key: 'gb:2', region: 'gb', name: 'Brightwater Consulting', website: 'harbourviewhotels.com' },
      aliases,
    );
    expect(evidence.reasons).toContain('conflicting_learned_alias');
  });
});
