import { z } from "zod";
import type { SourceDocument } from "../corpus/read-corpus.js";
import { trimSpan, type Span } from "./sentences.js";
import { parseStructure, sectionLabel, type DocumentStructure, type Paragraph } from "./structure.js";

export const chunkerParamsSchema = z.object({
  version: z.literal(8).describe("Bumped whenever the chunking logic changes, so that old indexes go stale."),
  windowSentences: z.number().int().min(1).default(3).describe("Most sentences in one retrieval unit."),
  stride: z.number().int().min(1).default(1).describe("Sentences between the starts of two windows."),
  headingContext: z.boolean().default(true).describe("Prefix the section heading to the embedded text."),
  topicContext: z
    .boolean()
    .default(true)
    .describe("Prefix the paragraph's first sentence when not in the window."),
  topicMaxTokens: z
    .number()
    .int()
    .min(0)
    .default(40)
    .describe("Longest first sentence used as topic context."),
});
export type ChunkerParams = z.infer<typeof chunkerParamsSchema>;
export const DEFAULT_CHUNKER_PARAMS: ChunkerParams = chunkerParamsSchema.parse({ version: 8 });

/** A sentence of the report, the smallest quotable piece. */
export interface SentenceUnit extends Span {
  id: string;
  doc: string;
  section: string;
  sectionIndex: number;
  paragraph: number;
  /** 1-based position in its paragraph. */
  index: number;
  text: string;
  /** Page the sentence starts on, for paged formats (PDF). */
  page?: number;
}

/** A retrieval unit: consecutive sentences of one paragraph, the text that is quoted. */
export interface RetrievalUnit extends Span {
  id: string;
  doc: string;
  section: string;
  sectionIndex: number;
  paragraph: number;
  firstSentence: number;
  lastSentence: number;
  text: string;
  page?: number;
}

/** A unit as the chunker makes it: with the text that is embedded (context and all), which is not stored. */
export interface ChunkedUnit extends RetrievalUnit {
  embedText: string;
}

export interface ChunkedDocument {
  structure: DocumentStructure;
  sentences: SentenceUnit[];
  units: ChunkedUnit[];
}

export type TokenCounter = (text: string) => number;

/**
 * Cuts a document into overlapping sentence windows inside each paragraph, each sized in model tokens so
 * nothing embedded is ever truncated. A sentence longer than the budget is split at word boundaries.
 */
export function chunkDocument(
  doc: SourceDocument,
  params: ChunkerParams,
  countTokens: TokenCounter,
  maxTokens: number,
): ChunkedDocument {
  const structure = parseStructure(doc.text, doc.format, doc.meta.language);
  const sentences: SentenceUnit[] = [];
  const units: ChunkedUnit[] = [];
  for (const paragraph of structure.paragraphs) {
    const section = structure.sections[paragraph.section];
    const label = section ? sectionLabel(section) : "";
    const context = params.headingContext ? contextOf(doc, section?.title ?? null) : "";
    const pieces = fitSentences(doc.text, paragraph, context, countTokens, maxTokens);
    pieces.forEach((span, i) =>
      sentences.push({
        ...span,
        id: `${doc.id}#p${paragraph.n}.s${i + 1}`,
        doc: doc.path,
        section: label,
        sectionIndex: paragraph.section,
        paragraph: paragraph.n,
        index: i + 1,
        text: doc.text.slice(span.start, span.end),
        ...pageOf(doc.pageStarts, span.start),
      }),
    );
    const paragraphSentences = sentences.slice(sentences.length - pieces.length);
    units.push(...windows(doc, paragraphSentences, params, context, countTokens, maxTokens));
  }
  return { structure, sentences, units };
}

/**
 * Embedded (never quoted) context: the section heading, or for the lead, which is about the report itself,
 * the document's title, speaker and occasion, so that "who gave the speech" finds it.
 */
function contextOf(doc: SourceDocument, heading: string | null): string {
  if (heading) return `${heading}.`;
  const m = doc.meta;
  return [m.title, m.speaker && `by ${m.speaker}`, m.occasion].filter(Boolean).join(", ") + ".";
}

function windows(
  doc: SourceDocument,
  sentences: SentenceUnit[],
  params: ChunkerParams,
  context: string,
  countTokens: TokenCounter,
  maxTokens: number,
): ChunkedUnit[] {
  const out: ChunkedUnit[] = [];
  const topic = sentences[0];
  const topicText =
    params.topicContext && topic && countTokens(topic.text) <= params.topicMaxTokens ? topic.text : "";
  for (let first = 0; first < sentences.length; first += params.stride) {
    let last = Math.min(first + params.windowSentences, sentences.length) - 1;
    let unit = makeUnit(doc, sentences, first, last, context, topicText);
    while (last > first && countTokens(unit.embedText) > maxTokens) {
      last--;
      unit = makeUnit(doc, sentences, first, last, context, topicText);
    }
    if (countTokens(unit.embedText) > maxTokens) unit = makeUnit(doc, sentences, first, last, "", "");
    out.push(unit);
    if (last === sentences.length - 1) break;
  }
  return out;
}

function makeUnit(
  doc: SourceDocument,
  sentences: SentenceUnit[],
  first: number,
  last: number,
  context: string,
  topicText: string,
): ChunkedUnit {
  const a = sentences[first] as SentenceUnit;
  const b = sentences[last] as SentenceUnit;
  const text = doc.text.slice(a.start, b.end);
  const prefix = [context, first > 0 ? topicText : ""].filter(Boolean).join(" ");
  return {
    id: `${doc.id}#p${a.paragraph}.s${a.index}-${b.index}`,
    doc: doc.path,
    section: a.section,
    sectionIndex: a.sectionIndex,
    paragraph: a.paragraph,
    firstSentence: a.index,
    lastSentence: b.index,
    start: a.start,
    end: b.end,
    text,
    embedText: prefix ? `${prefix} ${text}` : text,
    ...(a.page ? { page: a.page } : {}),
  };
}

/** `{ page }` for an offset of a paged document, `{}` otherwise (so JSON of other formats is unchanged). */
export function pageOf(pageStarts: readonly number[] | undefined, offset: number): { page?: number } {
  if (!pageStarts?.length) return {};
  let page = 1;
  while (page < pageStarts.length && (pageStarts[page] ?? Infinity) <= offset) page++;
  return { page };
}

/** Sentences of a paragraph, any that would not fit the model with its context split at word boundaries. */
function fitSentences(
  text: string,
  paragraph: Paragraph,
  context: string,
  countTokens: TokenCounter,
  maxTokens: number,
): Span[] {
  const budget = maxTokens - (context ? countTokens(context) : 0);
  return paragraph.sentences.flatMap((s) =>
    countTokens(text.slice(s.start, s.end)) <= budget ? [s] : splitLong(text, s, countTokens, budget),
  );
}

function splitLong(text: string, span: Span, countTokens: TokenCounter, budget: number): Span[] {
  const out: Span[] = [];
  let start = span.start;
  while (start < span.end) {
    let end = span.end;
    while (countTokens(text.slice(start, end)) > budget) {
      const cut = text.lastIndexOf(" ", Math.floor((start + end) / 2) + (end - start) / 4);
      end = cut > start ? cut : Math.floor((start + end) / 2);
    }
    const piece = trimSpan(text, start, end);
    if (piece) out.push(piece);
    start = end;
    while (start < span.end && /\s/.test(text[start] ?? "")) start++;
  }
  return out;
}
