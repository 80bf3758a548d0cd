import type { Quote } from "../answer/types.js";
import { sectionLabel } from "../chunking/structure.js";
import type { SentenceUnit } from "../chunking/units.js";
import { documentsInScope } from "../shelf/documents.js";
import type { Store } from "../store/store.js";
import { wordCount } from "./salience.js";
import { quoteOfSentence } from "../answer/quote.js";

export interface OutlineOptions {
  doc?: string;
  /**
   * How each section's line is picked. "opening": the first sentence of the section that states something
   * (the report opens its sections with their thesis). "centroid": the sentence nearest the mean of the
   * section's sentence vectors, for reports that do not.
   */
  line?: "opening" | "centroid";
}

export interface OutlineSection {
  /** 0 is the lead before the first heading. */
  index: number;
  title: string | null;
  label: string;
  paragraphs: number;
  sentences: number;
  words: number;
  /** One sentence of the section, verbatim; null for a section with no text under its heading. */
  line: Quote | null;
}

export interface OutlineDocument {
  doc: string;
  title: string;
  speaker?: string;
  occasion?: string;
  date?: string;
  source?: string;
  sections: OutlineSection[];
}

/** The JSON contract of `outline --json`. */
export interface Outline {
  documents: OutlineDocument[];
}

/** An opening sentence shorter than this only announces ("First, ...") and says little on its own. */
const MIN_LINE_WORDS = 8;

/** Documents in manifest order, their sections, and for each a line in the report's own words. */
export function outline(store: Store, options: OutlineOptions = {}): Outline {
  const docs = documentsInScope(store, options.doc);
  const documents = docs.map((doc): OutlineDocument => {
    const meta = store.manifest.documents.find((d) => d.path === doc)?.meta;
    const sentencesOf = (index: number) =>
      store.sentences.map((s, i) => ({ s, i })).filter(({ s }) => s.doc === doc && s.sectionIndex === index);
    const sections = (store.sections[doc] ?? [])
      .map((section): OutlineSection | null => {
        const members = sentencesOf(section.index);
        // An empty lead (the document starts with a heading) is no section of the outline.
        if (section.index === 0 && members.length === 0) return null;
        const pick =
          options.line === "centroid"
            ? centroidSentence(store, members)
            : openingSentence(members.map((m) => m.s));
        return {
          index: section.index,
          title: section.title,
          label: sectionLabel(section),
          paragraphs: new Set(members.map((m) => m.s.paragraph)).size,
          sentences: members.length,
          words: members.reduce((n, m) => n + wordCount(m.s.text), 0),
          line: pick ? quoteOfSentence(pick) : null,
        };
      })
      .filter((s): s is OutlineSection => s !== null);
    return {
      doc,
      title: meta?.title ?? doc,
      ...(meta?.speaker && { speaker: meta.speaker }),
      ...(meta?.occasion && { occasion: meta.occasion }),
      ...(meta?.date && { date: meta.date }),
      ...(meta?.source && { source: meta.source }),
      sections,
    };
  });
  return { documents };
}

/**
 * The first sentence that is neither a bare announcement ("First, ...", too short) nor a quotation
 * standing alone (it opens with a quote mark: someone's slogan, not the section's thesis).
 */
function openingSentence(sentences: SentenceUnit[]): SentenceUnit | undefined {
  return (
    sentences.find((s) => wordCount(s.text) >= MIN_LINE_WORDS && !/^["“‘']/.test(s.text)) ??
    sentences.find((s) => wordCount(s.text) >= MIN_LINE_WORDS) ??
    sentences[0]
  );
}

function centroidSentence(store: Store, members: { s: SentenceUnit; i: number }[]): SentenceUnit | undefined {
  const dims = store.manifest.model.dims;
  if (members.length === 0 || store.sentenceVectors.length < store.sentences.length * dims) {
    return openingSentence(members.map((m) => m.s));
  }
  const mean = new Float64Array(dims);
  const vec = (i: number) => store.sentenceVectors.subarray(i * dims, (i + 1) * dims);
  for (const { i } of members) vec(i).forEach((x, d) => (mean[d] = (mean[d] ?? 0) + x));
  let best: SentenceUnit | undefined;
  let bestScore = -Infinity;
  for (const { s, i } of members) {
    // Vectors are unit length, so the dot product with the mean ranks like the cosine.
    const v = vec(i);
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += (v[d] ?? 0) * (mean[d] ?? 0);
    if (dot > bestScore) {
      bestScore = dot;
      best = s;
    }
  }
  return best;
}
