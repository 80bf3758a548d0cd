/**
 * What the store and the retriever need of a lexical (word-matching) index. The implementation is picked in
 * src/app.ts and passed in.
 */

export interface LexicalDoc {
  id: number;
  text: string;
  section: string;
}

export interface LexicalHit {
  unit: number;
  score: number;
}

export interface LexicalSearchOptions {
  /** Further words searched at a lower weight. */
  expansions?: readonly string[];
  /** Whether the corpus has this (processed) term; typo tolerance is only spent on words it does not have. */
  isKnown?: (term: string) => boolean;
  /**
   * Terms in so large a share of the corpus that they rank nothing (BM25 gives them almost no weight);
   * left out of the query so that they do not make it score most of the index.
   */
  isTooCommon?: (term: string) => boolean;
}

export interface LexicalIndex {
  /** The k best-scoring units, best first. */
  search(question: string, k: number, options?: LexicalSearchOptions): LexicalHit[];
  /** The index as text, which `LexicalIndexFactory.load` reads back. */
  serialize(): string;
}

export interface LexicalIndexFactory {
  /**
   * Names the term processing and the serialized form: kept in the manifest and in the index version, so
   * that a change rebuilds the index rather than misreading it.
   */
  readonly version: number;
  build(docs: readonly LexicalDoc[]): LexicalIndex;
  load(serialized: string): LexicalIndex;
}
