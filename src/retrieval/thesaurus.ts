import { PLAIN_TO_OFFICIAL } from "./register-words.js";
import { processQueryTerm, queryTerms, stem, tokenize } from "./text-normalise.js";

const TABLE = new Map(Object.entries(PLAIN_TO_OFFICIAL).map(([k, v]) => [stem(k), v]));

/** Each content term of the question with its report-register alternatives (stemmed), itself first. */
export function queryTermGroups(question: string): { term: string; alternatives: string[] }[] {
  const out: { term: string; alternatives: string[] }[] = [];
  for (const term of queryTerms(question)) {
    const alternatives = [term];
    for (const word of TABLE.get(term) ?? []) {
      for (const token of tokenize(word)) {
        const processed = processQueryTerm(token);
        if (processed && !alternatives.includes(processed)) alternatives.push(processed);
      }
    }
    out.push({ term, alternatives });
  }
  return out;
}

/** Report-register words for a question's everyday words (stemmed query terms), excluding terms it already has. */
export function expandQuestion(question: string): string[] {
  const own = new Set(
    tokenize(question)
      .map((t) => processQueryTerm(t))
      .filter(Boolean),
  );
  const out: string[] = [];
  for (const term of own) {
    for (const word of TABLE.get(term as string) ?? []) {
      const processed = processQueryTerm(word);
      if (processed && !own.has(processed) && !out.includes(word)) out.push(word);
    }
  }
  return out;
}
