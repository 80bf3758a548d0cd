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
  return coverageOf(groups, weight)(textTerms);
}

/**
 * termCoverage of one question for many texts: the groups' weights and each alternative's prefixes are
 * worked out once, not once a text (a question's candidates and their contexts are a hundred texts or more).
 */
export function coverageOf(
  groups: readonly TermGroup[],
  weight: (t: string) => number,
): (textTerms: Set<string>) => number {
  const prepared = groups.map((g) => ({ weight: weight(g.term), finders: g.alternatives.map(termFinder) }));
  let total = 0;
  for (const g of prepared) total += g.weight;
  return (textTerms) => {
    let found = 0;
    for (const g of prepared) if (g.finders.some((has) => has(textTerms))) found += g.weight;
    return total > 0 ? found / total : 1;
  };
}

/** Every word the texts a coverage is asked of may hold, as a set and in sorted order. */
export interface Vocabulary {
  words: ReadonlySet<string>;
  sorted: readonly string[];
}

export function vocabularyOf(words: Iterable<string>): Vocabulary {
  const set = new Set(words);
  return { words: set, sorted: [...set].sort() };
}

/**
 * coverageOf for texts whose words all lie in `vocabulary` (a shelf's sentences): each term's matching
 * words are looked up in the vocabulary once a question, so a text is asked only for the few it may hold,
 * not for every prefix of every term. Same coverage as coverageOf for any such text.
 */
export function coverageIn(
  groups: readonly TermGroup[],
  weight: (t: string) => number,
  vocabulary: Vocabulary,
): (textTerms: Set<string>) => number {
  const prepared = groups.map((g) => ({
    weight: weight(g.term),
    words: [...new Set(g.alternatives.flatMap((a) => matchingWords(a, vocabulary)))],
  }));
  let total = 0;
  for (const g of prepared) total += g.weight;
  return (textTerms) => {
    let found = 0;
    for (const g of prepared) if (g.words.some((w) => textTerms.has(w))) found += g.weight;
    return total > 0 ? found / total : 1;
  };
}

/** The words of the vocabulary that count as the term (see termFinder). */
function matchingWords(term: string, vocabulary: Vocabulary): string[] {
  const { words, sorted } = vocabulary;
  if (term.length <= 4) return words.has(term) ? [term] : [];
  const out: string[] = [];
  for (let length = 5; length <= term.length; length++) {
    const prefix = term.slice(0, length);
    if (words.has(prefix)) out.push(prefix);
  }
  for (let i = firstAtOrAfter(sorted, term); i < sorted.length && sorted[i]!.startsWith(term); i++) {
    if (sorted[i] !== term) out.push(sorted[i]!);
  }
  return out;
}

/** The position of the first word not before `term` in sorted order. */
function firstAtOrAfter(sorted: readonly string[], term: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < term) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Whether the text uses the term, or, for words of five letters or more, a word that begins with it or that
 * it begins with ("environment" for "environmental"). The words that begin with it sit together in sorted
 * order, and the words it begins with are its own prefixes: a binary search and a few lookups, not a pass
 * over every word of the text for every term of every question. The set must not change once asked: its
 * sorted words are kept with it.
 */
export function hasTerm(textTerms: Set<string>, term: string): boolean {
  return termFinder(term)(textTerms);
}

/** hasTerm for one term and any text, its prefixes cut once. */
export function termFinder(term: string): (textTerms: Set<string>) => boolean {
  if (term.length <= 4) return (textTerms) => textTerms.has(term);
  const prefixes = Array.from({ length: term.length - 5 }, (_, i) => term.slice(0, 5 + i));
  return (textTerms) =>
    textTerms.has(term) || prefixes.some((p) => textTerms.has(p)) || beginsLongTerm(textTerms, term);
}

/** Whether a word of five letters or more of the text begins with the term. */
function beginsLongTerm(textTerms: Set<string>, term: string): boolean {
  const sorted = sortedLongTerms(textTerms);
  const at = firstAtOrAfter(sorted, term);
  return at < sorted.length && sorted[at]!.startsWith(term);
}

/** A text's words of five letters or more in sorted order, kept for as long as the set itself is. */
const SORTED = new WeakMap<Set<string>, string[]>();
function sortedLongTerms(textTerms: Set<string>): string[] {
  let sorted = SORTED.get(textTerms);
  if (!sorted) SORTED.set(textTerms, (sorted = [...textTerms].filter((t) => t.length > 4).sort()));
  return sorted;
}
