/** A verbatim piece of a document: `text` equals the document's text sliced at `[start, end)`. */
export interface Quote {
  text: string;
  doc: string;
  section: string;
  paragraph: number;
  start: number;
  end: number;
  /** Only for paged documents (PDF): the page the quote starts on. */
  page?: number;
}

export interface PassageOut extends Quote {
  id: string;
  score: number;
}

/** The JSON contract of `ask --json`; the bot and the tests depend on it, so keep it stable. */
export interface Answer {
  question: string;
  /** The English query searched, when the question was translated (see language/translator.ts). */
  searchedFor?: string;
  answered: boolean;
  confidence: number;
  quotes: Quote[];
  passages: PassageOut[];
  /** The index the passages come from, and the fitted answer model that chose the quotes. */
  index: { version: string; answerModel?: string };
}

/** Time spent per stage of one question, for logs and the benchmark. */
export interface StageTimings {
  /** Embedding the question; the lexical search runs meanwhile, so its time is inside this. */
  embedMs: number;
  /** The dense search and fusion, once the question's vector is known. */
  retrieveMs: number;
  answerMs: number;
}
