import type { Quote } from "../answer/types.js";
import { sectionLabel, type Section } from "../chunking/structure.js";
import type { SentenceUnit } from "../chunking/units.js";
import { AppError } from "../errors.js";
import { indexTerms, tokenize } from "../retrieval/text-normalise.js";
import { documentsInScope } from "../shelf/documents.js";
import type { Store } from "../store/store.js";
import { salienceOf, wordCount } from "./salience.js";
import { quoteOfSentence } from "../answer/quote.js";

export interface BriefOptions {
  /** Only this document (path as in the manifest). */
  doc?: string;
  /** Most words of report text in the briefing. */
  maxWords?: number;
}

/** The JSON contract of `brief --json`; the bot depends on it. */
export interface Briefing {
  topic: string;
  /** How the request was read: a section of a report, a topic found in paragraphs, or nothing found. */
  kind: "section" | "topic" | "none";
  /** The document briefed on (for a topic, the one holding the best paragraph). */
  doc: string | null;
  /** The section briefed on, or holding the topic's best paragraph. */
  section: string | null;
  /** Verbatim sentences in report order, each a slice of its document. */
  sentences: Quote[];
  /** The document's other section titles, to point the reader further. */
  otherSections: string[];
}

export const DEFAULT_BRIEF_WORDS = 250;
export const MAX_TOPIC_CHARS = 200;
/** A paragraph must hold at least this share of the topic's (IDF-weighted) words to be about it. */
const MIN_TOPIC_COVERAGE = 0.5;
const MAX_TOPIC_PARAGRAPHS = 3;
/** A first sentence this short frames its paragraph ("The third is rural revitalization."). */
const FRAMING_WORDS = 12;

interface ParagraphView {
  doc: string;
  n: number;
  sectionIndex: number;
  sentences: SentenceUnit[];
  terms: Set<string>;
  tokens: string;
}

interface Target {
  kind: "section" | "topic";
  doc: string;
  sectionIndex: number;
  paragraphs: ParagraphView[];
  /** A section matched by a single word that covers less than half of its title: a topic match wins. */
  weak?: boolean;
}

/**
 * An extractive briefing on a section (by number, title or a few of its words) or, failing that, a topic
 * (the paragraphs about it): the sentences carrying commitments, figures, dates and names, in the report's
 * own words and order, within about `maxWords` words.
 */
export function brief(store: Store, request: string, options: BriefOptions = {}): Briefing {
  const docs = documentsInScope(store, options.doc);
  const topic = checkTopic(request);
  const maxWords = options.maxWords ?? DEFAULT_BRIEF_WORDS;
  const paragraphs = paragraphsOf(store, docs);
  const bySection = resolveSection(store, topic, docs, paragraphs);
  // One word that is a small part of a long title more likely names a topic than that section.
  const target =
    bySection && !bySection.weak ? bySection : (resolveTopic(topic, paragraphs) ?? bySection ?? null);
  if (!target) {
    const titles = docs.flatMap((d) => (store.sections[d] ?? []).flatMap((s) => (s.title ? [s.title] : [])));
    return { topic, kind: "none", doc: null, section: null, sentences: [], otherSections: titles };
  }
  const sections = store.sections[target.doc] ?? [];
  const section = sections[target.sectionIndex];
  const queryTerms = target.kind === "topic" ? indexTerms(topic) : new Set<string>();
  const chosen = pickSentences(target.paragraphs, queryTerms, maxWords);
  return {
    topic,
    kind: target.kind,
    doc: target.doc,
    section: section ? sectionLabel(section) : null,
    sentences: chosen.map(quoteOfSentence),
    otherSections: sections.flatMap((s) => (s.title && s.index !== target.sectionIndex ? [s.title] : [])),
  };
}

function checkTopic(request: string): string {
  const topic = request.trim().replace(/\s+/g, " ");
  if (!/[\p{L}\p{N}]/u.test(topic) || topic.length > MAX_TOPIC_CHARS) {
    throw new AppError(
      "TOPIC_INVALID",
      `Expected a section or topic of 1 to ${MAX_TOPIC_CHARS} characters with a word in it; got ${topic.length} characters.`,
    );
  }
  return topic;
}

function paragraphsOf(store: Store, docs: string[]): ParagraphView[] {
  const inScope = new Set(docs);
  const out: ParagraphView[] = [];
  for (const s of store.sentences) {
    if (!inScope.has(s.doc)) continue;
    const last = out[out.length - 1];
    if (last && last.doc === s.doc && last.n === s.paragraph) last.sentences.push(s);
    else
      out.push({
        doc: s.doc,
        n: s.paragraph,
        sectionIndex: s.sectionIndex,
        sentences: [s],
        terms: new Set(),
        tokens: "",
      });
  }
  for (const p of out) {
    const text = p.sentences.map((s) => s.text).join(" ");
    p.terms = indexTerms(text);
    p.tokens = ` ${tokenize(text).join(" ")} `;
  }
  // Documents in manifest order, paragraphs in report order: the order a briefing is read in.
  const order = new Map(docs.map((d, i) => [d, i]));
  return out.sort((a, b) => (order.get(a.doc) ?? 0) - (order.get(b.doc) ?? 0) || a.n - b.n);
}

/**
 * A section by number ("3", "section 3"), "lead", its exact title, or a few of its words: every content
 * word of the request in the title, the title that they cover most of winning.
 */
function resolveSection(
  store: Store,
  request: string,
  docs: string[],
  paragraphs: ParagraphView[],
): Target | null {
  const sectionTarget = (doc: string, section: Section): Target => ({
    kind: "section",
    doc,
    sectionIndex: section.index,
    paragraphs: paragraphs.filter((p) => p.doc === doc && p.sectionIndex === section.index),
  });
  const number = /^(?:section|part|chapter|§|no\.?|#)?\s*(\d{1,3})\.?$/i.exec(request);
  const wantLead = /^(?:lead|introduction|intro|opening)$/i.test(request);
  for (const doc of docs) {
    const sections = store.sections[doc] ?? [];
    const wanted = number ? Number(number[1]) : wantLead ? 0 : -1;
    const byNumber = sections.find((s) => s.index === wanted);
    if (byNumber) return sectionTarget(doc, byNumber);
  }
  if (number || wantLead) return null;
  const query = indexTerms(request);
  const folded = request.toLowerCase().replace(/[.:;!?]+$/, "");
  let best: { doc: string; section: Section; share: number } | null = null;
  for (const doc of docs) {
    for (const section of store.sections[doc] ?? []) {
      if (!section.title) continue;
      if (section.title.toLowerCase() === folded) return sectionTarget(doc, section);
      const title = indexTerms(section.title);
      if (query.size === 0 || ![...query].every((t) => title.has(t))) continue;
      const share = query.size / title.size;
      if (!best || share > best.share) best = { doc, section, share };
    }
  }
  if (!best) return null;
  return { ...sectionTarget(best.doc, best.section), weak: query.size === 1 && best.share < 0.5 };
}

/**
 * The paragraphs about a topic. A paragraph whose first sentence names every word of the topic is about it
 * by the report's own framing ("The third is rural revitalization."), and then only such paragraphs are
 * taken; otherwise the paragraphs holding most of the topic's rarer words, the exact phrase counting extra.
 */
function resolveTopic(topic: string, paragraphs: ParagraphView[]): Target | null {
  const query = [...indexTerms(topic)];
  if (query.length === 0) return null;
  const df = new Map(query.map((t) => [t, paragraphs.filter((p) => p.terms.has(t)).length]));
  const idf = (t: string) => Math.log(1 + paragraphs.length / ((df.get(t) ?? 0) + 0.5));
  const total = query.reduce((sum, t) => sum + idf(t), 0);
  const phrase = ` ${tokenize(topic).join(" ")} `;
  const scored = paragraphs
    .map((p) => {
      const coverage = query.reduce((sum, t) => sum + (p.terms.has(t) ? idf(t) : 0), 0) / total;
      const first = indexTerms(p.sentences[0]?.text ?? "");
      const framed = query.every((t) => first.has(t));
      return { p, coverage, framed, score: coverage + (p.tokens.includes(phrase) ? 0.5 : 0) };
    })
    .filter((s) => s.coverage >= MIN_TOPIC_COVERAGE);
  if (scored.length === 0) return null;
  const framed = scored.filter((s) => s.framed);
  const pool = framed.length > 0 ? framed : scored;
  const top = Math.max(...pool.map((s) => s.score));
  const picked = pool
    .filter((s) => s.score >= 0.8 * top)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_TOPIC_PARAGRAPHS)
    .map((s) => s.p);
  const lead = picked[0] as ParagraphView;
  const inReportOrder = paragraphs.filter((p) => picked.includes(p));
  return { kind: "topic", doc: lead.doc, sectionIndex: lead.sectionIndex, paragraphs: inReportOrder };
}

/**
 * Most salient sentences first until the word budget is spent (a long one that does not fit is passed
 * over for shorter ones), then back into report order. Sentences that carry nothing are never padding.
 */
function pickSentences(
  paragraphs: ParagraphView[],
  queryTerms: Set<string>,
  maxWords: number,
): SentenceUnit[] {
  const candidates = paragraphs.flatMap((p) =>
    readingUnits(p.sentences).map((unit, i) => {
      const text = unit.map((s) => s.text).join(" ");
      let score = salienceOf(text).score;
      const words = wordCount(text);
      if (i === 0 && words <= FRAMING_WORDS) score += 1;
      if (queryTerms.size > 0) {
        const terms = indexTerms(text);
        score += (2 * [...queryTerms].filter((t) => terms.has(t)).length) / queryTerms.size;
      }
      return { unit, score, words };
    }),
  );
  const order = new Map(candidates.map((c, i) => [c, i]));
  const ranked = candidates
    .filter((c) => c.score >= 1)
    .sort((a, b) => b.score - a.score || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const chosen: typeof candidates = [];
  let used = 0;
  for (const c of ranked) {
    if (used + c.words > maxWords) continue;
    chosen.push(c);
    used += c.words;
  }
  return chosen.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)).flatMap((c) => c.unit);
}

/** A sentence cut after an abbreviation ("in No." | "5530, Longwu Road ...") only reads with its tail. */
const ENDS_IN_ABBREVIATION = /\b(?:No|Nos|Art|Vol|Fig|Mr|Mrs|Ms|Dr|St)\.$/;

/** The paragraph's sentences, a sentence ending in an abbreviation kept together with the next one. */
function readingUnits(sentences: SentenceUnit[]): SentenceUnit[][] {
  const out: SentenceUnit[][] = [];
  let pending: SentenceUnit[] = [];
  for (const s of sentences) {
    pending.push(s);
    if (!ENDS_IN_ABBREVIATION.test(s.text)) {
      out.push(pending);
      pending = [];
    }
  }
  if (pending.length > 0) out.push(pending);
  return out;
}
