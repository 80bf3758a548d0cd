// Hand-made answers for renderer tests: no model, no index.
import type { Answer, PassageOut, Quote } from "../../../src/answer/types.js";

export const DOC = "report.txt";
export const TITLE = "Mayor's Report";
export const TITLES = { [DOC]: TITLE };

let offset = 0;

export function quote(text: string, fields: Partial<Quote> = {}): Quote {
  const start = offset;
  offset += text.length + 1;
  return {
    text,
    doc: DOC,
    section: "Rural revitalization",
    paragraph: 19,
    start,
    end: start + text.length,
    ...fields,
  };
}

export function passage(text: string, fields: Partial<PassageOut> = {}): PassageOut {
  const q = quote(text, fields);
  return { id: `p${q.start}`, score: 0.5, ...q, ...fields };
}

export function answer(fields: Partial<Answer> = {}): Answer {
  const quotes = fields.quotes ?? [quote("The third is rural revitalization.")];
  return {
    question: "What is planned for rural revitalization?",
    answered: true,
    confidence: 0.87,
    quotes,
    passages: fields.passages ?? quotes.map((q, i) => ({ ...q, id: `p${i}`, score: 1 - i / 10 })),
    index: { version: "abcdef123456" },
    ...fields,
  };
}
