/** "hotels" / "hotel", "industries" / "industry", "mcdonalds" / "mcdonald": a gloss is a dictionary's base form. */
export function stem(token: string): string {
  return token.length > 4 ? token.replace(/ies$/, 'y').replace(/(?<=[^s])s$/, '') : token;
}
