/** Inverse document frequency over sentences; a term the corpus never uses weighs the most. */
export function idf(term: string, df: Record<string, number>, sentenceCount: number): number {
  return Math.log(1 + sentenceCount / (1 + (df[term] ?? 0)));
}

/** A content term of the question and the words that stand for it in a report (itself first). */
export interface TermGroup {
  term: string;
  alternatives: readonly string[];
}

/**
 * IDF-weighted share of the question's terms that occur in a text, a term counting as found when any of its
 * alternatives does (1 when the question has no content terms). Weights come from the question's own word.
 */
export function termCoverage(
  groups: readonly TermGroup[],
  textTerms: Set<string>,
  weight: (t: string) => number,
): number {
  let total = 0;
  let found = 0;
  for (const group of groups) {
    const w = weight(group.term);
    total += w;
    if (group.alternatives.some((a) => hasTerm(textTerms, a))) found += w;
  }
  return total > 0 ? found / total : 1;
}

function hasTerm(textTerms: Set<string>, term: string): boolean {
  if (textTerms.has(term)) return true;
  if (term.length <= 4) return false;
  for (const t of textTerms) if (t.length > 4 && (t.startsWith(term) || term.startsWith(t))) return true;
  return false;
}
