/**
 * How the local chat shows replies in a terminal: the confidence in words, quotes marked with a bar and
 * wrapped at word boundaries to the terminal's width (not at all in a pipe), a short citation under each,
 * and colour only where the terminal supports it. Pure: text in, text out.
 */
import { citation, type DocTitles } from "../../answer/citation.js";
import type { Answer, PassageOut, Quote } from "../../answer/types.js";
import type { Reply } from "../../conversation/conversation.js";
import { confidenceWords } from "../shared/confidence-words.js";
import { askedAs, passageIntro, searchedFor } from "../shared/conversation-notes.js";
import { nearestSections } from "../shared/report-view.js";
import { shortCitation, type CitationContext } from "../shared/short-citation.js";
import { wrapText } from "../shared/wrap-text.js";

/** Marks a line of quoted report text; the prompt is different, so a quote never looks typed. */
export const QUOTE_MARK = "  │ ";
const CITE_MARK = "    — ";

export interface ChatStyle {
  lead(text: string): string;
  quote(text: string): string;
  cite(text: string): string;
}

const ANSI = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

export const PLAIN: ChatStyle = { lead: (t) => t, quote: (t) => t, cite: (t) => t };
export const COLOURED: ChatStyle = { lead: ANSI(1, 22), quote: ANSI(36, 39), cite: ANSI(2, 22) };

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org), never in a pipe. */
export function chatStyle(terminal: boolean, env: NodeJS.ProcessEnv): ChatStyle {
  return terminal && !env.NO_COLOR ? COLOURED : PLAIN;
}

export interface ChatView {
  ctx: CitationContext;
  /** Columns of the terminal; Infinity in a pipe (no wrapping). */
  width: number;
  style: ChatStyle;
}

/** Text after a first-line mark, wrapped so that later lines hang under the text, not under the mark. */
function hanging(mark: string, text: string, width: number, style: (t: string) => string): string[] {
  const indent = " ".repeat(mark.length);
  return wrapText(text, width - mark.length).map((l, i) => (i === 0 ? mark : indent) + style(l));
}

/** A quote as the chat shows it: its lines marked and wrapped, then its short citation. */
export function quoteLines(q: Quote, view: ChatView): string[] {
  const lines = wrapText(q.text, view.width - QUOTE_MARK.length).map((l) => QUOTE_MARK + view.style.quote(l));
  return [...lines, ...hanging(CITE_MARK, shortCitation(q, view.ctx), view.width, view.style.cite)];
}

/** Plain words (notes, help) wrapped line by line at word boundaries; nothing wrapped in a pipe. */
export function wrapPlain(text: string, width: number): string {
  return text
    .split("\n")
    .flatMap((line) => (line.length <= width ? [line] : wrapText(line, width)))
    .join("\n");
}

export function renderChatAnswer(answer: Answer, view: ChatView, asked?: string): string {
  const words = confidenceWords(answer);
  const lines = asked ? [askedAs(asked)] : [];
  if (answer.searchedFor) lines.push(wrapPlain(searchedFor(answer.searchedFor), view.width));
  lines.push(view.style.lead(wrapPlain(words.numbered, view.width)));
  if (answer.answered) {
    answer.quotes.forEach((q, i) => lines.push(...(i > 0 ? [""] : []), ...quoteLines(q, view)));
  } else {
    for (const p of nearestSections(answer)) {
      lines.push(...hanging("  • ", shortCitation(p, view.ctx), view.width, view.style.cite));
    }
  }
  return lines.join("\n");
}

export function renderChatPassage(reply: Extract<Reply, { kind: "passage" }>, view: ChatView): string {
  return [view.style.lead(passageIntro(reply)), ...quoteLines(reply.quote, view)].join("\n");
}

/**
 * A page of /sources: the full citation of each quote of the answer (first page only), then passages
 * not shown yet, each with its full citation.
 */
export function renderSourcesText(
  page: { quotes: readonly Quote[]; passages: readonly PassageOut[]; more: number },
  titles: DocTitles,
  view: Pick<ChatView, "width" | "style">,
): string {
  const lines: string[] = [];
  if (page.quotes.length > 0) {
    lines.push(view.style.lead("Quoted from:"));
    for (const q of page.quotes) lines.push(...hanging("  • ", citation(q, titles), view.width, (t) => t));
    lines.push("");
  }
  if (page.passages.length > 0) lines.push(view.style.lead("Other passages found:"));
  for (const p of page.passages) {
    lines.push(
      ...wrapText(p.text, view.width - QUOTE_MARK.length).map((l) => QUOTE_MARK + view.style.quote(l)),
    );
    lines.push(...hanging(CITE_MARK, citation(p, titles), view.width, view.style.cite), "");
  }
  lines.push(
    page.more > 0 ? `(${page.more} more: /sources again)` : "(that is every passage found for this question)",
  );
  return lines.join("\n");
}
