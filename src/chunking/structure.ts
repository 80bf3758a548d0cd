import type { DocumentFormat } from "../corpus/read-corpus.js";
import { splitSentences, trimSpan, type Span } from "./sentences.js";

export interface Section extends Span {
  /** 0 is the lead before the first heading; headings count from 1. */
  index: number;
  /** Heading text, verbatim; null for the lead. */
  title: string | null;
}

export interface Paragraph extends Span {
  /** 1-based, counted over the whole document. */
  n: number;
  section: number;
  sentences: Span[];
}

export interface DocumentStructure {
  sections: Section[];
  paragraphs: Paragraph[];
  /**
   * Lines about the document rather than part of its argument: an attribution ("Source: …"), page numbers.
   * None is a paragraph: an attribution answers no question about the report's content, and quoted as one
   * it looked like an answer to "What is <the place>?". Front ends show it with the document's citation.
   */
  metaLines: Span[];
}

export const LEAD_SECTION_LABEL = "Lead";

const ATTRIBUTION_LINE = /^(source|editor|author|reporter|translator|photo|来源|编辑)\s*[:：].*$/i;
const PAGE_LINE = /^(page\s+)?\d+(\s+(of|\/)\s+\d+)?$/i;
const CLOSING_PUNCTUATION = /[.!?;:,。！？；：，"”’')\]]$/;
const MAX_HEADING_CHARS = 160;

interface Block extends Span {
  kind: "heading" | "paragraph" | "meta" | "attribution";
  title?: string;
  level?: number;
}

/** Parses a document into lead, sections, paragraphs and sentences, all as exact offsets into `text`. */
export function parseStructure(text: string, format: DocumentFormat, locale = "en"): DocumentStructure {
  // Word files arrive as Markdown-like text (headings as `#` lines); PDF text as one paragraph a line.
  const blocks = format === "md" || format === "docx" ? markdownBlocks(text) : textBlocks(text);
  const sections: Section[] = [{ index: 0, title: null, start: 0, end: 0 }];
  const paragraphs: Paragraph[] = [];
  const metaLines: Span[] = [];
  for (const block of blocks) {
    if (block.kind === "meta" || block.kind === "attribution") {
      metaLines.push({ start: block.start, end: block.end });
    }
    if (block.kind === "meta" || block.kind === "attribution") continue;
    if (block.kind === "heading") {
      sections.push({ index: sections.length, title: block.title ?? "", start: block.start, end: block.end });
    } else {
      const section = sections.length - 1;
      const sentences = splitSentences(text, block.start, block.end, locale);
      paragraphs.push({ n: paragraphs.length + 1, section, start: block.start, end: block.end, sentences });
    }
  }
  return { sections, paragraphs, metaLines };
}

/** An attribution line ("Source: Minhang Newspaper") and the word that labels it, lower case ("source"). */
export interface AttributionLine extends Span {
  label: string;
}

/** The document's attribution lines, as the parser sets them apart from its paragraphs, with exact offsets. */
export function attributionLines(text: string): AttributionLine[] {
  return lines(text).flatMap((line) => {
    const span = trimSpan(text, line.start, line.end);
    const body = span ? text.slice(span.start, span.end) : "";
    const match = ATTRIBUTION_LINE.exec(body);
    return span && match ? [{ ...span, label: (match[1] ?? "").toLowerCase() }] : [];
  });
}

export function sectionLabel(section: Section): string {
  return section.title ?? LEAD_SECTION_LABEL;
}

/** Lines of the file with their offsets, line breaks excluded. */
function lines(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === "\n") {
      out.push({ start, end: i > start && text[i - 1] === "\r" ? i - 1 : i });
      start = i + 1;
    }
  }
  return out;
}

/** Plain text: one paragraph a line; a short line without closing punctuation is a heading. */
function textBlocks(text: string): Block[] {
  const out: Block[] = [];
  for (const line of lines(text)) {
    const span = trimSpan(text, line.start, line.end);
    if (!span) continue;
    const body = text.slice(span.start, span.end);
    const meta = metaKind(body);
    if (meta) out.push({ ...span, kind: meta });
    else if (looksLikeHeading(body)) out.push({ ...span, kind: "heading", title: body });
    else out.push({ ...span, kind: "paragraph" });
  }
  return out;
}

function metaKind(line: string): "meta" | "attribution" | null {
  if (ATTRIBUTION_LINE.test(line)) return "attribution";
  return PAGE_LINE.test(line) ? "meta" : null;
}

export function looksLikeHeading(line: string): boolean {
  return line.length <= MAX_HEADING_CHARS && /\p{L}/u.test(line) && !CLOSING_PUNCTUATION.test(line);
}

/** Markdown: `#` lines are headings, list items and blank-line separated runs are paragraphs. */
function markdownBlocks(text: string): Block[] {
  const out: Block[] = [];
  let run: Span | null = null;
  const flush = (): void => {
    if (run) out.push({ ...run, kind: "paragraph" });
    run = null;
  };
  for (const line of lines(text)) {
    const span = trimSpan(text, line.start, line.end);
    const body = span ? text.slice(span.start, span.end) : "";
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(body);
    const meta = metaKind(body);
    if (!span) flush();
    else if (heading && span) {
      flush();
      const titleStart = span.start + body.indexOf(heading[2] ?? "");
      const title = heading[2] ?? "";
      const level = heading[1]?.length ?? 1;
      out.push({ start: titleStart, end: titleStart + title.length, kind: "heading", title, level });
    } else if (meta) {
      flush();
      out.push({ ...span, kind: meta });
    } else if (/^([-*+]|\d+[.)])\s+/.test(body)) {
      flush();
      out.push({ ...span, kind: "paragraph" });
    } else if (run) run = { start: (run as Span).start, end: span.end };
    else run = { ...span };
  }
  flush();
  return withoutDocumentTitle(out);
}

/**
 * A `# Title` that opens the document and is its only top-level heading names the document, not a section
 * (it is the fallback title when there is no .meta.json); the text under it is the lead.
 */
function withoutDocumentTitle(blocks: Block[]): Block[] {
  const first = blocks[0];
  const topLevel = blocks.filter((b) => b.kind === "heading" && b.level === 1).length;
  if (first?.kind !== "heading" || first.level !== 1 || topLevel !== 1) return blocks;
  return [{ ...first, kind: "meta" }, ...blocks.slice(1)];
}
