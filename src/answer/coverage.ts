import { indexTerms } from "../retrieval/text-normalise.js";

/** Inverse document frequency over sentences; a term the corpus never uses weighs the most. */
export function idf(term: string, df: Record<string, number>, sentenceCount: number): number {
  return Math.log(1 + sentenceCount / (1 + (df[term] ?? 0)));
}

/** IDF-weighted share of `terms` that occur in `text` (1 when the question has no content terms). */
export function termCoverage(
  terms: readonly string[],
  textTerms: Set<string>,
  weight: (t: string) => number,
): number {
  let total = 0;
  let found = 0;
  for (const term of terms) {
    const w = weight(term);
    total += w;
    if (
      textTerms.has(term) ||
      [...textTerms].some(
        (t) => t.length > 4 && term.length > 4 && (t.startsWith(term) || term.startsWith(t)),
      )
    )
      found += w;
  }
  return total > 0 ? found / total : 1;
}

export function termsOf(text: string): Set<string> {
  return indexTerms(text);
}
