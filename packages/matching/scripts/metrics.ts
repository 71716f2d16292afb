export interface PairMetrics {
  predicted: number;
  truePositives: number;
  actual: number;
  precision: number;
  recall: number;
  f1: number;
}

export function pairMetrics(predicted: number, truePositives: number, actual: number): PairMetrics {
  const precision = predicted === 0 ? 1 : truePositives / predicted;
  const recall = actual === 0 ? 1 : truePositives / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { predicted, truePositives, actual, precision, recall, f1 };
}

/** Pairs a < b implied by clusters. */
export function* clusterPairs(clusters: string[][]): Generator<[string, string]> {
  for (const cluster of clusters) {
    const sorted = [...cluster].sort();
    for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) yield [sorted[i]!, sorted[j]!];
  }
}

export function formatMetrics(label: string, metrics: PairMetrics): string {
  const f = (value: number): string => value.toFixed(3);
  return `${label.padEnd(34)} P ${f(metrics.precision)}  R ${f(metrics.recall)}  F1 ${f(metrics.f1)}  (predicted ${metrics.predicted}, correct ${metrics.truePositives}, true pairs ${metrics.actual})`;
}
