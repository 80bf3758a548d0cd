import type { SentenceUnit } from "../chunking/units.js";
import type { Quote } from "./types.js";

/** A sentence as a quote: its verbatim text and where it stands (the page only for paged documents). */
export function quoteOfSentence(s: SentenceUnit): Quote {
  const quote: Quote = {
    text: s.text,
    doc: s.doc,
    section: s.section,
    paragraph: s.paragraph,
    start: s.start,
    end: s.end,
  };
  return s.page ? { ...quote, page: s.page } : quote;
}
