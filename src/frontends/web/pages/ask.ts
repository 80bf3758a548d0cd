/** The ask page: a question box, then the answer's quotes with citations, or the nearest passages. */
import { DEFAULT_ANSWERER } from "../../../answer/answerer.js";
import type { DocTitles } from "../../../answer/citation.js";
import type { Answer, PassageOut } from "../../../answer/types.js";
import { unseenPassages } from "../../shared/report-view.js";
import { searchedFor } from "../../shared/conversation-notes.js";
import { confidenceLine, verdictOf } from "../confidence-words.js";
import { markup, type SafeHtml } from "../html.js";
import type { ErrorBody } from "../http-errors.js";
import { citeLine, docSelect, errorBox, page } from "../layout.js";

export interface AskView {
  question: string;
  doc: string | undefined;
  docs: { path: string; title: string }[];
  titles: DocTitles;
  answer?: Answer | undefined;
  /** What the page says to a message that is not a question (a greeting, "help", a request to write). */
  note?: string | undefined;
  error?: ErrorBody;
}

/** Passages shown when the report may not answer, and under "other passages" when it does. */
const NEAREST = 3;
const MORE = 5;

export function askForm(question: string, view: Pick<AskView, "doc" | "docs">): SafeHtml {
  return markup`<form class="lookup" action="/" method="get" role="search">
    <div class="field">
      <label for="q">Your question</label>
      <input
        id="q"
        name="q"
        type="search"
        maxlength="${DEFAULT_ANSWERER.maxQuestionChars}"
        required
        value="${question}"
        placeholder="e.g. What is planned for rural revitalization?"
      />
    </div>
    ${docSelect(view.docs, view.doc)}
    <button type="submit">Ask</button>
  </form>`;
}

function passageItem(p: PassageOut, titles: DocTitles): SafeHtml {
  return markup`<li>
    <blockquote>${p.text}</blockquote>
    ${citeLine(p, titles)}
  </li>`;
}

/** What a translated question was searched as, so a reader sees what was understood. */
function searchedLine(answer: Answer): SafeHtml | string {
  return answer.searchedFor ? markup`<p class="searched">${searchedFor(answer.searchedFor)}</p>` : "";
}

function answerSection(answer: Answer, titles: DocTitles): SafeHtml {
  const verdict = verdictOf(answer);
  if (!answer.answered) {
    const nearest = unseenPassages(answer, []).slice(0, NEAREST);
    return markup`<section aria-labelledby="verdict" class="answer" data-answered="false">
      ${searchedLine(answer)}
      <h2 id="verdict" class="verdict">${verdict.lead}</h2>
      <p class="confidence">${confidenceLine(answer)}</p>
      <ol class="quotes">
        ${nearest.map((p) => passageItem(p, titles))}
      </ol>
    </section>`;
  }
  const quotes = answer.quotes.map(
    (q) =>
      markup`<li>
        <blockquote>${q.text}</blockquote>
        ${citeLine(q, titles)}
      </li>`,
  );
  const more = unseenPassages(answer, answer.quotes).slice(0, MORE);
  return markup`<section aria-labelledby="verdict" class="answer" data-answered="true">
    ${searchedLine(answer)}
    <h2 id="verdict" class="verdict">${verdict.lead}</h2>
    <ol class="quotes">
      ${quotes}
    </ol>
    <p class="confidence">${confidenceLine(answer)}</p>
    ${
      more.length > 0
        ? markup`<details>
            <summary>Other passages near the question (${more.length})</summary>
            <ol class="quotes">
              ${more.map((p) => passageItem(p, titles))}
            </ol>
          </details>`
        : ""
    }
  </section>`;
}

export function renderAskPage(view: AskView): string {
  const title = view.question ? `Ask: ${view.question}` : "Ask the report";
  const body = markup`<h1>Ask the report</h1>
    <p class="muted">Answers are quoted word for word from the report, each with where it stands.</p>
    ${askForm(view.question, view)} ${view.error ? errorBox(view.error) : ""}
    ${view.note ? markup`<p class="note" role="status">${view.note}</p>` : ""}
    ${view.answer ? answerSection(view.answer, view.titles) : ""}`;
  return page({ title, active: "ask", body });
}
