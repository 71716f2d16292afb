const stems = new Map<string, string>();
const stemCacheLimit = 200_000;

/** "hotels" / "hotel", "industries" / "industry", "mcdonalds" / "mcdonald": a gloss is a dictionary's base form. */
export function stem(token: string): string {
  if (token.length <= 4) return token;
  // Cached: every candidate pair compares the same few glosses and words again.
  let stemmed = stems.get(token);
  if (stemmed === undefined) {
    stemmed = token.replace(/ies$/, 'y').replace(/(?<=[^s])s$/, '');
    if (stems.size >= stemCacheLimit) stems.clear();
    stems.set(token, stemmed);
  }
  return stemmed;
}
