import type { CrossScriptEvaluation } from './crossScriptEvaluation.ts';
import type { RankingEvaluation } from './ranking.ts';

export interface Target {
  label: string;
  value: string;
  goal: string;
  met: boolean;
}

/** The targets, judged on the untuned split only. */
export function targetsOf(untuned: CrossScriptEvaluation, ranking: RankingEvaluation): Target[] {
  const f = (value: number): string => value.toFixed(3);
  const automatic = untuned.overall.automatic;
  return [
    {
      label: 'automatic links precision',
      value: `${f(automatic.precision)} (${automatic.predicted} linked pairs, ${automatic.predicted - automatic.truePositives} wrong)`,
      goal: '≥ 0.99',
      met: automatic.precision >= 0.99,
    },
    {
      label: 'candidate recall (auto ∪ queue)',
      value: f(untuned.overall.candidateRecall),
      goal: '≥ 0.90',
      met: untuned.overall.candidateRecall >= 0.9,
    },
    {
      label: 'queue items per customer',
      value: untuned.queueItemsPerCustomer.toFixed(2),
      goal: '≤ 2',
      met: untuned.queueItemsPerCustomer <= 2,
    },
    { label: 'English↔Chinese ranking top-1', value: f(ranking.top1), goal: '≥ 0.40', met: ranking.top1 >= 0.4 },
    { label: 'English↔Chinese ranking top-5', value: f(ranking.top5), goal: '≥ 0.60', met: ranking.top5 >= 0.6 },
  ];
}

export function formatTarget(target: Target): string {
  return `  ${target.met ? 'PASS' : 'MISS'}  ${target.label.padEnd(34)} ${target.value.padEnd(44)} target ${target.goal}`;
}
