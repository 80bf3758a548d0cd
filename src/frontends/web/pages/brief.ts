/** The briefing page: a section or topic in the report's own words, printable. */
import type { DocTitles } from "../../../answer/citation.js";
import { MAX_TOPIC_CHARS, type Briefing } from "../../../briefing/brief.js";
import type { Outline } from "../../../briefing/outline.js";
import { markup, href, type SafeHtml } from "../html.js";
import type { ErrorBody } from "../http-errors.js";
import { citeLine, docSelect, errorBox, page } from "../layout.js";

export interface BriefView {
  topic: string;
  doc: string | undefined;
  docs: { path: string; title: string }[];
  titles: DocTitles;
  briefing?: Briefing;
  /** Offered when no topic is asked yet: every section, one click from its briefing. */
  outline?: Outline;
  error?: ErrorBody;
}

const topicLink = (topic: string, doc?: string) => href("/brief", { q: topic, doc });

function sectionsList(outline: Outline): SafeHtml {
  return markup`${outline.documents.map(
    (d) =>
      markup`<h2>${d.title}</h2>
        <ol>
          ${d.sections.map(
            (s) => markup`<li><a href="${topicLink(String(s.index), d.doc)}">${s.label}</a></li>`,
          )}
        </ol>`,
  )}`;
}

function briefingSection(b: Briefing, titles: DocTitles): SafeHtml {
  const others = b.otherSections.map(
    (t) => markup`<li><a href="${topicLink(t, b.doc ?? undefined)}">${t}</a></li>`,
  );
  const otherList =
    others.length > 0
      ? markup`<h2>Other sections</h2>
          <ul class="no-print">
            ${others}
          </ul>`
      : "";
  if (b.kind === "none" || b.sentences.length === 0) {
    return markup`<section>
      <h2>No section or passage of the report is about “${b.topic}”.</h2>
      ${otherList}
    </section>`;
  }
  const where = `${titles[b.doc ?? ""] ?? b.doc ?? ""} › ${b.section ?? ""}`;
  const heading =
    b.kind === "section" ? `Briefing on the section ${where}` : `Briefing on “${b.topic}” (from ${where})`;
  const items = b.sentences.map(
    (s) =>
      markup`<li>
        <blockquote>${s.text}</blockquote>
        ${citeLine(s, titles)}
      </li>`,
  );
  return markup`<section aria-labelledby="briefing-h" class="briefing">
    <h2 id="briefing-h">${heading}</h2>
    <p class="muted">${b.sentences.length} sentences, verbatim, in report order.</p>
    <ul class="briefing">
      ${items}
    </ul>
    ${otherList}
  </section>`;
}

export function renderBriefPage(view: BriefView): string {
  const body = markup`<h1>Briefing</h1>
    <p class="muted">
      A section (its number, title or a few of its words) or a topic, in the report's own words.
    </p>
    <form class="lookup" action="/brief" method="get" role="search">
      <div class="field">
        <label for="q">Section or topic</label>
        <input
          id="q"
          name="q"
          type="search"
          maxlength="${MAX_TOPIC_CHARS}"
          required
          value="${view.topic}"
          placeholder="e.g. rural revitalization"
        />
      </div>
      ${docSelect(view.docs, view.doc)}
      <button type="submit">Brief me</button>
    </form>
    ${view.error ? errorBox(view.error) : ""}
    ${view.briefing ? briefingSection(view.briefing, view.titles) : ""}
    ${view.outline ? sectionsList(view.outline) : ""}`;
  return page({ title: view.topic ? `Briefing: ${view.topic}` : "Briefing", active: "brief", body });
}
