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
  search(question: string, k: number): LexicalHit[];
  toJSON(): unknown;
}

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
    search(question, k) {
      return search
        .search(question)
        .slice(0, k)
        .map((r) => ({ unit: r.id as number, score: r.score }));
    },
    toJSON: () => search.toJSON(),
  };
}
