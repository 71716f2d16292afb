/** Similarity → probability-like evidence; below 0.5 two names share too little to say anything. */
const similarityCurve: Array<[number, number]> = [
  [0.5, 0], [0.6, 0.3], [0.7, 0.5], [0.8, 0.7], [0.9, 0.86], [0.95, 0.92], [1, 0.96],
];

export function similarityEvidence(similarity: number): number {
  let previous: [number, number] = [0, 0];
  for (const point of similarityCurve) {
    if (similarity <= point[0]) {
      const span = point[0] - previous[0];
      return span <= 0 ? point[1] : previous[1] + ((similarity - previous[0]) / span) * (point[1] - previous[1]);
    }
    previous = point;
  }
  return 1;
}
