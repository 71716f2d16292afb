/**
 * auto: link without a steward. review: steward queue in [review, auto). Below review: nothing.
 *
 * auto sits where one strong identifier (same website domain, same registration id, a learned alias)
 * or a near-identical distinctive name suffices on its own, but a brand label alone from a short or
 * generic domain, a name made only of common words, or names that differ by a place ("Bank of China
 * (Hong Kong)") does not. Wrong merges cost far more than missed ones, so anything in between goes to
 * a steward rather than being guessed.
 */
export const matchThresholds: { readonly auto: number; readonly review: number } = Object.freeze({
  auto: 0.9,
  review: 0.6,
});
