/**
 * The reader: a document's full text, every character of it, with its sections as a table of contents.
 * Paragraphs and sentences keep their offsets (ids and titles), and `start`/`end` highlight a span with
 * `<mark>`, the first of which is `#hl`, so a link to `…#hl` scrolls to it even without script.
 */
import { citation, type DocTitles } from "../../../answer/citation.js";
import type { Quote } from "../../../answer/types.js";
import { sectionLabel, type Section } from "../../../chunking/structure.js";
import type { SentenceUnit } from "../../../chunking/units.js";
import { AppError } from "../../../errors.js";
import type { Store } from "../../../store/store.js";
import { markup, href, type SafeHtml } from "../html.js";
import { citationText, page } from "../layout.js";

interface Span {
  start: number;
  end: number;
}

type Block =
  | (Span & { kind: "heading"; section: Section })
  | (Span & { kind: "paragraph"; n: number; sentences: SentenceUnit[] })
  | (Span & { kind: "aside" });

/** Headings, paragraphs (their sentences), and any other text between them (title lines, page numbers). */
function blocksOf(text: string, sections: Section[], sentences: SentenceUnit[]): Block[] {
  const blocks: Block[] = sections
    .filter((s) => s.title !== null && s.end > s.start)
    .map((s) => ({ kind: "heading", section: s, start: s.start, end: s.end }));
  const byParagraph = new Map<number, SentenceUnit[]>();
  for (const s of sentences) byParagraph.set(s.paragraph, [...(byParagraph.get(s.paragraph) ?? []), s]);
  for (const [n, members] of byParagraph) {
    const start = Math.min(...members.map((m) => m.start));
    const end = Math.max(...members.map((m) => m.end));
    blocks.push({ kind: "paragraph", n, sentences: members.sort((a, b) => a.start - b.start), start, end });
  }
  blocks.sort((a, b) => a.start - b.start);
  const out: Block[] = [];
  let at = 0;
  for (const block of blocks) {
    if (block.start < at) continue; // never render a character twice
    pushAsides(text, at, block.start, out);
    out.push(block);
    at = block.end;
  }
  pushAsides(text, at, text.length, out);
  return out;
}

function pushAsides(text: string, from: number, to: number, out: Block[]): void {
  let start = from;
  for (const line of text.slice(from, to).split("\n")) {
    const end = start + line.length;
    if (line.trim()) out.push({ kind: "aside", start, end });
    start = end + 1;
  }
}

/** Renders text[from, to), the part inside the highlight as `<mark>`; the first mark is `#hl`. */
class Highlighter {
  private first = true;
  constructor(
    private readonly text: string,
    private readonly hl: Span | undefined,
  ) {}

  span(from: number, to: number): SafeHtml {
    const hl = this.hl;
    if (!hl || hl.end <= from || hl.start >= to || from >= to) return markup`${this.text.slice(from, to)}`;
    const a = Math.max(from, hl.start);
    const b = Math.min(to, hl.end);
    const id = this.first ? markup` id="hl" tabindex="-1"` : "";
    this.first = false;
    return markup`${this.text.slice(from, a)}<mark${id}>${this.text.slice(a, b)}</mark>${this.text.slice(b, to)}`;
  }
}

function paragraphHtml(block: Extract<Block, { kind: "paragraph" }>, doc: string, h: Highlighter): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = block.start;
  for (const s of block.sentences) {
    parts.push(h.span(at, s.start));
    const where = `¶${s.paragraph}, sentence ${s.index}, chars ${s.start}–${s.end}`;
    parts.push(
      markup`<span class="s" id="c${s.start}" data-start="${s.start}" data-end="${s.end}" title="${where}">${h.span(s.start, s.end)}</span>`,
    );
    at = s.end;
  }
  parts.push(h.span(at, block.end));
  const link = href("/read", { doc, start: block.start, end: block.end });
  return markup`<p id="p${block.n}">
    <a class="pn" href="${link}#hl" title="Highlight paragraph ${block.n}">¶${block.n}</a>${parts}
  </p>`;
}

export interface ReaderView {
  store: Store;
  doc: string;
  highlight?: Span;
  titles: DocTitles;
}

/** The quote a highlighted span stands for: its text and where it starts. */
function highlightQuote(view: ReaderView, text: string, hl: Span): Quote {
  const sentences = view.store.sentences.filter((s) => s.doc === view.doc);
  const at = sentences.find((s) => s.end > hl.start) ?? sentences[sentences.length - 1];
  return {
    text: text.slice(hl.start, hl.end),
    doc: view.doc,
    section: at?.section ?? "",
    paragraph: at?.paragraph ?? 0,
    start: hl.start,
    end: hl.end,
    ...(at?.page !== undefined && { page: at.page }),
  };
}

export function renderReaderPage(view: ReaderView): string {
  const text = view.store.texts[view.doc];
  if (text === undefined) {
    const known = view.store.manifest.documents.map((d) => d.path).join(", ");
    throw new AppError("DOC_UNKNOWN", `No document "${view.doc}" in the index.`, {
      hint: `Known documents: ${known || "none"}.`,
    });
  }
  const hl = view.highlight;
  if (hl && hl.end > text.length) {
    throw new AppError(
      "WEB_PARAM_INVALID",
      `Expected end at most ${text.length}, the length of ${view.doc}; got ${hl.end}.`,
    );
  }
  const sections = view.store.sections[view.doc] ?? [];
  const sentences = view.store.sentences.filter((s) => s.doc === view.doc);
  const h = new Highlighter(text, hl);
  const body = blocksOf(text, sections, sentences).map((b) => {
    if (b.kind === "heading") return markup`<h2 id="s${b.section.index}">${sectionLabel(b.section)}</h2>`;
    if (b.kind === "aside") return markup`<p class="aside">${h.span(b.start, b.end)}</p>`;
    return paragraphHtml(b, view.doc, h);
  });
  const toc = sections
    .filter((s) => s.title !== null)
    .map((s) => markup`<li><a href="#s${s.index}">${sectionLabel(s)}</a></li>`);
  const title = view.titles[view.doc] ?? view.doc;
  const quote = hl ? highlightQuote(view, text, hl) : undefined;
  const note = quote
    ? markup`<div class="highlight-note no-print">
        <p>
          Highlighted: <cite>${citation(quote, view.titles)}</cite>
          <a href="#hl">Go to the highlighted text</a>
          <button type="button" class="copy" data-copy="${citationText(quote, view.titles)}">
            Copy citation
          </button>
        </p>
      </div>`
    : "";
  const page_ = markup`<h1>${title}</h1>
    <p class="muted">
      ${view.doc} · ${text.length} characters. Each paragraph's ¶ number links to it; hover a sentence for its
      offsets.
    </p>
    ${note}
    ${
      toc.length > 0
        ? markup`<nav class="toc" aria-label="Sections">
            <h2>Sections</h2>
            <ol>
              ${toc}
            </ol>
          </nav>`
        : ""
    }
    <article class="reader" aria-label="Full text" data-doc="${view.doc}">${body}</article>`;
  return page({ title, active: "read", body: page_ });
}
