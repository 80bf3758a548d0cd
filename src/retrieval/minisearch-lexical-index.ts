import MiniSearch, { type Options } from "minisearch";
import type { LexicalDoc, LexicalIndex, LexicalIndexFactory } from "./lexical-index.js";
import { processIndexTerm, processQueryTerm, tokenize } from "./text-normalise.js";

/** Bump when term processing changes: the lexical index on disk is then rebuilt. */
export const LEXICAL_VERSION = 2;

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

/** BM25 over the passages' text and section titles (MiniSearch), with typo tolerance for long words. */
export function createMiniSearchLexicalIndexes(): LexicalIndexFactory {
  return {
    version: LEXICAL_VERSION,
    build(docs) {
      const search = new MiniSearch<LexicalDoc>(OPTIONS);
      search.addAll(docs);
      return wrap(search);
    },
    load: (serialized) => wrap(MiniSearch.loadJSON<LexicalDoc>(serialized, OPTIONS)),
  };
}

function wrap(search: MiniSearch<LexicalDoc>): LexicalIndex {
  return {
    search(question, k, { expansions = [], isKnown = () => false, isTooCommon = () => false } = {}) {
      const extra = new Set(expansions.map((w) => processQueryTerm(w)).filter(Boolean));
      const own = new Set(tokenize(question).map((w) => processQueryTerm(w)));
      const query = expansions.length ? `${question} ${expansions.join(" ")}` : question;
      return search
        .search(query, {
          processTerm: (word) => {
            const term = processQueryTerm(word);
            return term && !isTooCommon(term) ? term : null;
          },
          boostTerm: (term) => (extra.has(term) && !own.has(term) ? EXPANSION_WEIGHT : 1),
          // A typo is a long word the corpus does not have; expansions are the thesaurus's own spelling.
          // Fuzzy search costs the most of the lexical side, so known words skip it.
          fuzzy: (term) =>
            term.length >= 7 && !isKnown(term) && (own.has(term) || !extra.has(term)) ? 0.15 : false,
        })
        .slice(0, k)
        .map((r) => ({ unit: r.id as number, score: r.score }));
    },
    serialize: () => JSON.stringify(search.toJSON()),
  };
}
