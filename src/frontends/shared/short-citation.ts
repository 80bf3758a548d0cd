/**
 * The short citation a chat shows under a quote: section number and short title, paragraph (and page).
 * The document is named only when the shelf holds more than one. The full citation (titles in full,
 * character offsets) stays available on request.
 */
import type { DocTitles } from "../../answer/citation.js";
import type { Quote } from "../../answer/types.js";
import type { Store } from "../../store/store.js";

export interface CitationContext {
  titles: DocTitles;
  /** Each document's section starts, in order, with their numbers (0 the lead). */
  sections: Record<string, readonly { index: number; start: number }[]>;
}

export function citationContext(store: Pick<Store, "manifest" | "sections">): CitationContext {
  return {
    titles: Object.fromEntries(store.manifest.documents.map((d) => [d.path, d.meta.title])),
    sections: store.sections,
  };
}

/** A title cut after whole words to about `max` characters, with "…" when cut. */
export function shortTitle(title: string, max = 40): string {
  if (title.length <= max) return title;
  const cut = title.lastIndexOf(" ", max);
  return `${title.slice(0, cut > max / 2 ? cut : max).replace(/[\s,;:.]+$/, "")}…`;
}

type Cited = Pick<Quote, "doc" | "section" | "paragraph" | "start" | "page">;

/** `§4 Do a good job in practical matters…, ¶19`, or `Lead, ¶1`; `Title › ` first on a shelf of several. */
export function shortCitation(q: Cited, ctx: CitationContext): string {
  const sections = ctx.sections[q.doc] ?? [];
  let number = 0;
  for (const s of sections) if (s.start <= q.start) number = s.index;
  const section = number > 0 ? `§${number} ${shortTitle(q.section)}` : shortTitle(q.section);
  const doc = Object.keys(ctx.titles).length > 1 ? `${shortTitle(ctx.titles[q.doc] ?? q.doc, 30)} › ` : "";
  return `${doc}${section}, ¶${q.paragraph}${q.page ? `, p. ${q.page}` : ""}`;
}
