/** Customer pyramid by annual revenue in GBP (case study): key > £500k, large £200k–500k, medium £100k–200k, small below. */
export const pyramidTiers = ['key', 'large', 'medium', 'small'] as const;
export type PyramidTier = (typeof pyramidTiers)[number];

export const pyramidThresholdsGbp = { key: 500_000, large: 200_000, medium: 100_000 } as const;

export function pyramidTierOf(annualRevenueGbp: number | null | undefined): PyramidTier {
  const revenue = annualRevenueGbp ?? 0;
  if (revenue > pyramidThresholdsGbp.key) return 'key';
  if (revenue >= pyramidThresholdsGbp.large) return 'large';
  if (revenue >= pyramidThresholdsGbp.medium) return 'medium';
  return 'small';
}
