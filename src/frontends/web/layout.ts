/** The frame of every page: language, title, navigation, skip link, the one style sheet and script. */
import { citation, type DocTitles } from "../../answer/citation.js";
import type { Quote } from "../../answer/types.js";
import { markup, href, type SafeHtml } from "./html.js";
import type { ErrorBody } from "./http-errors.js";

export type PageName = "ask" | "quote" | "brief" | "outline" | "read" | "error";

const NAV: { name: PageName; path: string; label: string }[] = [
  { name: "ask", path: "/", label: "Ask" },
  { name: "quote", path: "/quote", label: "Exact wording" },
  { name: "brief", path: "/brief", label: "Briefing" },
  { name: "outline", path: "/outline", label: "Outline" },
];

export function page(options: { title: string; active: PageName; body: SafeHtml }): string {
  const nav = NAV.map(
    (n) =>
      markup`<li>
        <a href="${n.path}" ${n.name === options.active ? markup` aria-current="page"` : ""}>${n.label}</a>
      </li>`,
  );
  return markup`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · Report quotes</title>
        <link rel="stylesheet" href="/static/style.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <nav aria-label="Pages">
            <ul>
              ${nav}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          ${options.body}
          <p id="copy-status" class="status" role="status" aria-live="polite"></p>
        </main>
      </body>
    </html> `.value;
}

export function errorBox(error: ErrorBody): SafeHtml {
  return markup`<div class="error" role="alert">
    <p><strong>${error.message}</strong></p>
    <p>${error.hint}</p>
  </div>`;
}

/** The link that opens a span of a document in the reader, highlighted and scrolled to. */
export function readerHref(span: { doc: string; start: number; end: number }): string {
  return `${href("/read", { doc: span.doc, start: span.start, end: span.end })}#hl`;
}

/** What "Copy citation" puts on the clipboard: the quote and where it stands, as plain text. */
export function citationText(quote: Quote, titles: DocTitles): string {
  return `"${quote.text}"\n— ${citation(quote, titles)}`;
}

/**
 * A quote's citation line: where it stands, a link to it in the reader, and a copy button. Link and button
 * name their paragraph for screen readers, which list every "Read in context" of a page together.
 */
export function citeLine(
  quote: Quote,
  titles: DocTitles,
  span: { start: number; end: number } = quote,
): SafeHtml {
  const where = markup`<span class="vh"> (¶${quote.paragraph}, chars ${quote.start}–${quote.end})</span>`;
  return markup`<p class="cite">
    <cite>${citation(quote, titles)}</cite>
    <a href="${readerHref({ doc: quote.doc, ...span })}">Read in context${where}</a>
    <button type="button" class="copy" data-copy="${citationText(quote, titles)}">Copy citation${where}</button>
  </p>`;
}

/** One `<option>` per document, for a narrowing select; nothing when there is only one document. */
export function docSelect(docs: { path: string; title: string }[], chosen: string | undefined): SafeHtml {
  if (docs.length < 2) return markup``;
  const options = docs.map(
    (d) =>
      markup`<option value="${d.path}" ${d.path === chosen ? markup` selected` : ""}>${d.title}</option>`,
  );
  return markup`<div class="field">
    <label for="doc">Document</label>
    <select id="doc" name="doc">
      <option value="">All documents</option>
      ${options}
    </select>
  </div>`;
}
