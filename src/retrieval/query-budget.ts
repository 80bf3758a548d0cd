import type { RetrievalUnit } from "../chunking/units.js";
import { indexTerms, queryTerms } from "./text-normalise.js";

/**
 * How many index entries a term has, estimated without opening the lexical index: a sentence's terms are in
 * every window that holds the sentence, and a heading's terms are in every passage under it (the section
 * field). BM25's cost is the sum of these over the query's terms.
 */
export function postingEstimator(
  sentenceDf: Readonly<Record<string, number>>,
  units: readonly RetrievalUnit[],
  windowSentences: number,
): (term: string) => number {
  const headingUnits = new Map<string, number>();
  const termsOfHeading = new Map<string, Set<string>>();
  for (const unit of units) {
    let terms = termsOfHeading.get(unit.section);
    if (!terms) termsOfHeading.set(unit.section, (terms = indexTerms(unit.section)));
    for (const t of terms) headingUnits.set(t, (headingUnits.get(t) ?? 0) + 1);
  }
  return (term) => (sentenceDf[term] ?? 0) * windowSentences + (headingUnits.get(term) ?? 0);
}

/**
 * The query terms to leave out so that the lexical search reads at most `budget` index entries: the rarest
 * terms are kept first, since BM25 gives common ones little weight anyway, and the rarest is always kept.
 * On one report no question comes near the budget; on a shelf of a thousand it keeps a question from
 * scoring most of the shelf.
 */
export function termsOverBudget(
  question: string,
  expansions: readonly string[],
  postings: (term: string) => number,
  budget: number,
): Set<string> {
  const terms = queryTerms([question, ...expansions].join(" "));
  terms.sort((a, b) => postings(a) - postings(b) || a.localeCompare(b));
  const dropped = new Set<string>();
  let spent = 0;
  terms.forEach((term, i) => {
    spent += postings(term);
    if (i > 0 && spent > budget) dropped.add(term);
  });
  return dropped;
}
