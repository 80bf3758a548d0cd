/**
 * A language tool the answerer is given (never reaches for): turns a question in another language into an
 * English query that the English index can answer. The answer then shows what was searched for.
 */
export interface QueryTranslator {
  /** Whether the question is in this translator's language (decided once here, used by every front end). */
  handles(question: string): boolean;
  /**
   * An English query for the question. `isKnown` tells whether an English word (lower-case) occurs in the
   * index, so that among a word's senses the ones the shelf actually uses can be preferred.
   */
  translate(question: string, isKnown: (word: string) => boolean): Promise<Translation>;
}

export interface Translation {
  /** The English query searched for. */
  query: string;
  /**
   * The question's content words (not its particles or question words), each with its weight (its length
   * in characters) and its English renderings, and whether the shelf uses any of them: what tells how much
   * of the question was understood, and how much of it an English quote covers.
   */
  words: readonly RenderedWord[];
  /**
   * Present when the question asks how many or how much: the English words of what it counts ("pocket
   * parks", "mu"; empty when it names nothing), which an answer must state a number of.
   */
  counts?: readonly string[];
  /** True when the question asks when: an answer must state a time. */
  asksWhen?: boolean;
}

export interface RenderedWord {
  source: string;
  weight: number;
  english: readonly string[];
  known: boolean;
}
