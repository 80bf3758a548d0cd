/**
 * "Where was this report published?": a question about where the document comes from, not about what it
 * says. Its answer is the document's own attribution line ("Source: …"), which the parser keeps out of the
 * paragraphs (an attribution answers no question about the content), quoted verbatim where it stands.
 */
import { attributionLines, sectionLabel } from "../chunking/structure.js";
import { PHRASES } from "../conversation/phrases.js";
import { tokenize } from "../retrieval/text-normalise.js";
import type { Store } from "../store/store.js";
import type { Quote } from "./types.js";

/** General English: what a question names when it means the document itself ("this article"). */
const DOCUMENT_WORDS: ReadonlySet<string> = new Set([
  "report",
  "article",
  "text",
  "speech",
  "document",
  "piece",
  "story",
]);
/** Words that ask where a text was published, not what it says. */
const SOURCE_WORDS: ReadonlySet<string> = new Set([
  "source",
  "published",
  "publish",
  "publication",
  "printed",
  "paper",
  "newspaper",
]);
/** The labels of an attribution line that names where the text comes from. */
const SOURCE_LABELS: ReadonlySet<string> = new Set(["source", "来源"]);
/** Words that make "this report" the document asked about, not one it mentions ("a report on…"). */
const POINTING_WORDS: ReadonlySet<string> = new Set(["this", "the"]);
/** Other words such a question may hold ("originally", "where … come from") besides function words. */
const FRAMING_WORDS: ReadonlySet<string> = new Set([
  ...PHRASES.functionWords,
  ...PHRASES.questionWords,
  ...PHRASES.auxiliaries,
  "originally",
  "original",
  "first",
  "come",
  "comes",
  "came",
  "like",
]);

/**
 * Whether the question asks where the document itself comes from: "this report" or "the article" with a
 * word of publishing ("source", "published", "which paper"), and nothing else to look up. "What does the
 * report say about the source of funding?" asks about the content and stays a question for the answerer.
 */
export function asksForSource(question: string): boolean {
  const words = tokenize(question.toLowerCase());
  const pointsAtDocument = words.some(
    (w, i) => DOCUMENT_WORDS.has(w) && i > 0 && POINTING_WORDS.has(words[i - 1] ?? ""),
  );
  const onlyFraming = words.every(
    (w) => DOCUMENT_WORDS.has(w) || SOURCE_WORDS.has(w) || FRAMING_WORDS.has(w),
  );
  return pointsAtDocument && onlyFraming && words.some((w) => SOURCE_WORDS.has(w));
}

/** The document's source line as a quote, or null when it has none. Worked out once a store and document. */
export function sourceQuote(store: Store, doc: string): Quote | null {
  let byDoc = SOURCE_QUOTES.get(store);
  if (!byDoc) SOURCE_QUOTES.set(store, (byDoc = new Map()));
  if (!byDoc.has(doc)) byDoc.set(doc, findSourceQuote(store, doc));
  return byDoc.get(doc) ?? null;
}

const SOURCE_QUOTES = new WeakMap<Store, Map<string, Quote | null>>();

function findSourceQuote(store: Store, doc: string): Quote | null {
  const text = store.texts[doc] ?? "";
  const line = attributionLines(text).find((l) => SOURCE_LABELS.has(l.label));
  if (!line) return null;
  const sections = store.sections[doc] ?? [];
  const section = sections.filter((s) => s.start <= line.start).pop() ?? sections[0];
  // Not a paragraph of its own: cited with the paragraph it follows, its exact offsets beside it.
  const before = store.sentences.filter((s) => s.doc === doc && s.start < line.start).pop();
  return {
    text: text.slice(line.start, line.end),
    doc,
    section: section ? sectionLabel(section) : (before?.section ?? ""),
    paragraph: before?.paragraph ?? 1,
    start: line.start,
    end: line.end,
    ...(before?.page ? { page: before.page } : {}),
  };
}
