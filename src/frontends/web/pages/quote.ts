/** The exact-wording page: every occurrence of a phrase, exact then near, the phrase marked, with paging. */
import type { DocTitles } from "../../../answer/citation.js";
import { MAX_PHRASE_CHARS, type QuoteHit } from "../../../wording/find-quotes.js";
import { markup, href, type SafeHtml } from "../html.js";
import type { ErrorBody } from "../http-errors.js";
import { citeLine, docSelect, errorBox, page } from "../layout.js";

export const HITS_PER_PAGE = 10;

export interface QuoteView {
  phrase: string;
  doc: string | undefined;
  docs: { path: string; title: string }[];
  titles: DocTitles;
  hits?: QuoteHit[];
  /** True when the search stopped at its most hits: there may be more. */
  capped?: boolean;
  page: number;
  error?: ErrorBody;
}

function hitItem(hit: QuoteHit, titles: DocTitles): SafeHtml {
  const a = hit.match.start - hit.start;
  const b = hit.match.end - hit.start;
  const kind = hit.exact ? "exact" : "near";
  return markup`<li data-exact="${String(hit.exact)}">
    <span class="tag">${kind}</span>
    <blockquote>${hit.text.slice(0, a)}<mark>${hit.text.slice(a, b)}</mark>${hit.text.slice(b)}</blockquote>
    ${citeLine(hit, titles, hit.match)}
  </li>`;
}

function results(view: QuoteView, hits: QuoteHit[]): SafeHtml {
  const exact = hits.filter((h) => h.exact).length;
  const pages = Math.max(1, Math.ceil(hits.length / HITS_PER_PAGE));
  const pageNo = Math.min(view.page, pages);
  const shown = hits.slice((pageNo - 1) * HITS_PER_PAGE, pageNo * HITS_PER_PAGE);
  const total = `${view.capped ? "at least " : ""}${hits.length}`;
  const summary =
    hits.length === 0
      ? "No occurrence, exact or near."
      : `${total} ${hits.length === 1 ? "occurrence" : "occurrences"}: ${exact} exact, ${hits.length - exact} near.`;
  const link = (n: number) => href("/quote", { q: view.phrase, doc: view.doc, page: n });
  const pager =
    pages > 1
      ? markup`<nav class="pager" aria-label="Pages of results">
          ${pageNo > 1 ? markup`<a href="${link(pageNo - 1)}" rel="prev">Previous</a>` : ""}
          <span>Page ${pageNo} of ${pages}</span>
          ${pageNo < pages ? markup`<a href="${link(pageNo + 1)}" rel="next">Next</a>` : ""}
        </nav>`
      : "";
  return markup`<section aria-labelledby="count">
    <h2 id="count">${summary}</h2>
    <ol class="hits" start="${(pageNo - 1) * HITS_PER_PAGE + 1}">
      ${shown.map((h) => hitItem(h, view.titles))}
    </ol>
    ${pager}
  </section>`;
}

export function renderQuotePage(view: QuoteView): string {
  const body = markup`<h1>Exact wording</h1>
    <p class="muted">
      Every place the report uses a phrase, insensitive to case, spacing and quote marks, and near matches (a
      typo, a word or two different).
    </p>
    <form class="lookup" action="/quote" method="get" role="search">
      <div class="field">
        <label for="q">Phrase</label>
        <input
          id="q"
          name="q"
          type="search"
          maxlength="${MAX_PHRASE_CHARS}"
          required
          value="${view.phrase}"
          placeholder="e.g. 650 mu of forest"
        />
      </div>
      ${docSelect(view.docs, view.doc)}
      <button type="submit">Look up</button>
    </form>
    ${view.error ? errorBox(view.error) : ""} ${view.hits ? results(view, view.hits) : ""}`;
  return page({ title: view.phrase ? `Wording: ${view.phrase}` : "Exact wording", active: "quote", body });
}
