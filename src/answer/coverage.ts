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

/**
 * Whether the text uses the term, or, for words of five letters or more, a word that begins with it or that
 * it begins with ("environment" for "environmental"). The words that begin with it sit together in sorted
 * order, and the words it begins with are its own prefixes: a binary search and a few lookups, not a pass
 * over every word of the text for every term of every question. The set must not change once asked: its
 * sorted words are kept with it.
 */
export function hasTerm(textTerms: Set<string>, term: string): boolean {
  if (textTerms.has(term)) return true;
  if (term.length <= 4) return false;
  for (let length = 5; length < term.length; length++) if (textTerms.has(term.slice(0, length))) return true;
  const sorted = sortedLongTerms(textTerms);
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < term) low = mid + 1;
    else high = mid;
  }
  return low < sorted.length && sorted[low]!.startsWith(term);
}

/** A text's words of five letters or more in sorted order, kept for as long as the set itself is. */
const SORTED = new WeakMap<Set<string>, string[]>();
function sortedLongTerms(textTerms: Set<string>): string[] {
  let sorted = SORTED.get(textTerms);
  if (!sorted) SORTED.set(textTerms, (sorted = [...textTerms].filter((t) => t.length > 4).sort()));
  return sorted;
}
