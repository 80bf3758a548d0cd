import MiniSearch, { type Options } from "minisearch";
import { processIndexTerm, processQueryTerm, tokenize } from "./text-normalise.js";

/** Bump when term processing changes: the lexical index on disk is then rebuilt. */
export const LEXICAL_VERSION = 2;

export interface LexicalDoc {
  id: number;
  text: string;
  section: string;
}

export interface LexicalHit {
  unit: number;
  score: number;
}

export interface LexicalIndex {
  /** `expansions`: further words searched at a lower weight (see thesaurus.ts). */
  search(question: string, k: number, expansions?: readonly string[]): LexicalHit[];
  toJSON(): unknown;
}

/** An expansion is a hint, not the user's word: it counts half. */
const EXPANSION_WEIGHT = 0.5;

const OPTIONS: Options<LexicalDoc> = {
  fields: ["text", "section"],
  idField: "id",
  tokenize: (text) => tokenize(text),
  processTerm: (term) => processIndexTerm(term),
  searchOptions: {
    processTerm: (term) => processQueryTerm(term),
    boost: { text: 1, section: 0.3 },
    // A typo of one letter in a long word still finds it; short words must match exactly.
    fuzzy: (term) => (term.length >= 7 ? 0.15 : false),
    combineWith: "OR",
  },
};

export function createLexicalIndex(docs: readonly LexicalDoc[]): LexicalIndex {
  const search = new MiniSearch<LexicalDoc>(OPTIONS);
  search.addAll(docs);
  return wrap(search);
}

export function loadLexicalIndex(json: string): LexicalIndex {
  return wrap(MiniSearch.loadJSON<LexicalDoc>(json, OPTIONS));
}

function wrap(search: MiniSearch<LexicalDoc>): LexicalIndex {
  return {
    search(question, k, expansions = []) {
      const extra = new Set(expansions.map((w) => processQueryTerm(w)).filter(Boolean));
      const own = new Set(tokenize(question).map((w) => processQueryTerm(w)));
      const query = expansions.length ? `${question} ${expansions.join(" ")}` : question;
      return search
        .search(query, {
          boostTerm: (term) => (extra.has(term) && !own.has(term) ? EXPANSION_WEIGHT : 1),
          // Expansions are the thesaurus's own, correctly spelled words: no typo tolerance for them.
          fuzzy: (term) => (term.length >= 7 && (own.has(term) || !extra.has(term)) ? 0.15 : false),
        })
        .slice(0, k)
        .map((r) => ({ unit: r.id as number, score: r.score }));
    },
    toJSON: () => search.toJSON(),
  };
}
