/**
 * `isKnown` over a shelf's texts: whether a lower-case English word occurs in any document. For a
 * translator's sense choice; the answerer may pass its own (for instance over the lexical index's terms).
 */
export function knownWordsOf(texts: Record<string, string>): (word: string) => boolean {
  const words = new Set<string>();
  for (const text of Object.values(texts)) {
    for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) words.add(m[0]);
  }
  return (word) => words.has(word);
}
