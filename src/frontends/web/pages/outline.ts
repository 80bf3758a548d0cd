/** The outline page: documents and their sections, each a link into the reader and to its briefing. */
import type { Outline } from "../../../briefing/outline.js";
import { markup, href } from "../html.js";
import { page, readerHref } from "../layout.js";

export function renderOutlinePage(outline: Outline): string {
  const docs = outline.documents.map((d) => {
    const facts = [d.doc, d.speaker, d.occasion ?? d.date, d.source].filter(Boolean).join(" · ");
    const sections = d.sections.map(
      (s) =>
        markup`<li>
          ${s.index}. <a href="${href("/read", { doc: d.doc })}#s${s.index}">${s.label}</a>
          <span class="muted">(${s.paragraphs} ¶, ${s.words} words)</span>
          <a href="${href("/brief", { q: String(s.index), doc: d.doc })}">Briefing</a>
          ${s.line ? markup`<blockquote><a href="${readerHref(s.line)}">${s.line.text}</a></blockquote>` : ""}
        </li>`,
    );
    return markup`<section>
      <h2><a href="${href("/read", { doc: d.doc })}">${d.title}</a></h2>
      <p class="muted">${facts}</p>
      <ul class="sections">
        ${sections}
      </ul>
    </section>`;
  });
  return page({
    title: "Outline",
    active: "outline",
    body: markup`<h1>Outline</h1>
      <p class="muted">Every document, its sections, and one line of each in the report's words.</p>
      ${docs}`,
  });
}
