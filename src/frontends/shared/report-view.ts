/**
 * What every front end shows about the index and an answer beyond the answer itself: document titles for
 * citations, the /about facts, and paging through an answer's passages. Pure functions over engine data.
 */
import type { Answerer } from "../../answer/answerer.js";
import type { DocTitles } from "../../answer/citation.js";
import type { Answer, PassageOut } from "../../answer/types.js";
import type { Store } from "../../store/store.js";

/** The part of the App a front end needs; tests inject a fake. */
export interface Engine {
  answerer(): Answerer;
  /** Whether a translator takes a message in another language (see classifyMessage); none when absent. */
  translates?(text: string): boolean;
}

export function titlesOf(store: Pick<Store, "manifest">): DocTitles {
  return Object.fromEntries(store.manifest.documents.map((d) => [d.path, d.meta.title]));
}

export interface AboutDocument {
  path: string;
  title: string;
  occasion?: string | undefined;
  date?: string | undefined;
  source?: string | undefined;
}

export interface AboutIndex {
  documents: AboutDocument[];
  passages: number;
  model: string;
  indexVersion: string;
  builtAt: string;
}

export function aboutIndex(store: Pick<Store, "manifest">): AboutIndex {
  const m = store.manifest;
  return {
    documents: m.documents.map((d) => ({
      path: d.path,
      title: d.meta.title,
      occasion: d.meta.occasion,
      date: d.meta.date,
      source: d.meta.source,
    })),
    passages: m.counts.units,
    model: `${m.model.id} (${m.model.dtype})`,
    indexVersion: m.indexVersion,
    builtAt: m.createdAt,
  };
}

export interface Span {
  doc: string;
  start: number;
  end: number;
}

const overlaps = (a: Span, b: Span) => a.doc === b.doc && a.start < b.end && b.start < a.end;

/**
 * The passages not shown yet, best first. Passages are overlapping windows of the text, so one that
 * shares text with a passage already shown (or an earlier candidate) is left out: the reader would see
 * the same sentences again.
 */
export function unseenPassages(answer: Pick<Answer, "passages">, shown: readonly Span[]): PassageOut[] {
  const taken: Span[] = [...shown];
  const out: PassageOut[] = [];
  for (const p of answer.passages) {
    if (taken.some((s) => overlaps(s, p))) continue;
    taken.push(p);
    out.push(p);
  }
  return out;
}

/** Sections nearest to a question the report does not seem to cover: distinct (document, section), best first. */
export function nearestSections(answer: Pick<Answer, "passages">, max = 3): PassageOut[] {
  const seen = new Set<string>();
  const out: PassageOut[] = [];
  for (const p of answer.passages) {
    const key = `${p.doc}\u0000${p.section}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
    if (out.length === max) break;
  }
  return out;
}
