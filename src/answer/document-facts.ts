/**
 * Questions about the document itself, not about what it says: "Where was this report published?", "Who
 * gave this speech?", "When was it given?". The words of the content seldom answer them (the speech never
 * calls itself a speech, and its long opening sentence is far from a five-word question), so they are
 * answered from what the shelf knows of each document: its attribution line ("Source: …"), which the parser
 * keeps out of the paragraphs, and its metadata file (`<name>.meta.json`: speaker). Every answer is still a
 * verbatim quote of the document, where it stands: the source line, the first sentence naming the speaker,
 * the opening paragraph's first sentence that states a date.
 */
import { attributionLines, sectionLabel } from "../chunking/structure.js";
import type { SentenceUnit } from "../chunking/units.js";
import { PHRASES } from "../conversation/phrases.js";
import { tokenize } from "../retrieval/text-normalise.js";
import type { Store } from "../store/store.js";
import { toQuotes } from "./compose.js";
import type { TextAnalyser } from "./text-analyser.js";
import type { Quote } from "./types.js";

/** What a question may ask of the document itself. */
export type DocumentFact = "source" | "speaker" | "dateline";

/** General English: what a question names when it means the document itself ("this article"). */
const DOCUMENT_WORDS: ReadonlySet<string> = new Set([
  "report",
  "article",
  "text",
  "speech",
  "talk",
  "address",
  "remarks",
  "presentation",
  "document",
  "piece",
  "story",
]);
/** Who made it: "the speaker", "the author" point at the document's maker as "this speech" does. */
const MAKER_WORDS: ReadonlySet<string> = new Set(["speaker", "author", "writer", "presenter"]);
/** Words that ask where a text was published, not what it says. */
const SOURCE_WORDS: ReadonlySet<string> = new Set([
  "source",
  "sources",
  "sourced",
  "published",
  "publish",
  "publisher",
  "publication",
  "printed",
  "paper",
  "newspaper",
]);
/** What was done with the document: "who gave this speech", "when was the report delivered". */
const MAKING_WORDS: ReadonlySet<string> = new Set([
  ..."give gave given giving deliver delivered delivering make made making present presented presenting".split(
    " ",
  ),
  ..."write wrote written writing say said speak spoke speaking hold held read".split(" "),
]);
/** Words that ask when or at what occasion. */
const DATE_WORDS: ReadonlySet<string> = new Set(["when", "date", "day"]);
const OCCASION_WORDS: ReadonlySet<string> = new Set(["meeting", "occasion", "event", "session"]);
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
  "actually",
  // A request around the question: "May I ask…", "Can you tell me…", "I want to know…".
  ..."ask asking tell know wonder wondering want wants wanted".split(" "),
]);

/** Whether a question about the document itself may hold the word. */
const framesDocumentQuestion = (w: string): boolean =>
  DOCUMENT_WORDS.has(w) ||
  MAKER_WORDS.has(w) ||
  SOURCE_WORDS.has(w) ||
  MAKING_WORDS.has(w) ||
  DATE_WORDS.has(w) ||
  OCCASION_WORDS.has(w) ||
  FRAMING_WORDS.has(w);

/**
 * What the question asks of the document itself, or [] when it asks about the content: it must point at
 * the document ("this report", "the speech", "the speaker") and hold nothing else to look up. "What does
 * the report say about the source of funding?" and "Who gave the speech on housing?" ask about the content.
 */
export function documentFactsAsked(question: string): DocumentFact[] {
  const words = tokenize(question.toLowerCase());
  const pointed = (set: ReadonlySet<string>) =>
    words.some((w, i) => set.has(w) && i > 0 && POINTING_WORDS.has(words[i - 1] ?? ""));
  if (!(pointed(DOCUMENT_WORDS) || pointed(MAKER_WORDS)) || !words.every(framesDocumentQuestion)) return [];
  const has = (set: ReadonlySet<string>) => words.some((w) => set.has(w));
  const facts: DocumentFact[] = [];
  // "Where is this article from?", "where did this report come from?" ask for the source too.
  if (has(SOURCE_WORDS) || (words.includes("where") && words.includes("from"))) facts.push("source");
  const made = has(MAKING_WORDS);
  if (has(MAKER_WORDS) || (made && (words.includes("who") || words.includes("whose")))) facts.push("speaker");
  // "Where was it given?" asks for the occasion; "where was it published?" for the source, above.
  const where = words.includes("where") && !facts.includes("source");
  if ((made || has(OCCASION_WORDS)) && (has(DATE_WORDS) || has(OCCASION_WORDS) || where))
    facts.push("dateline");
  return facts;
}

/** Whether the question asks where the document comes from ("Where was this report published?"). */
export const asksForSource = (question: string): boolean => documentFactsAsked(question).includes("source");

/**
 * The quotes that answer what is asked of one document, in the document's order, or [] when the document
 * does not state one of them (no source line, no speaker in its metadata or text, no dated opening): the
 * question then goes to the answer stage like any other.
 */
export function documentFactQuotes(
  store: Store,
  doc: string,
  facts: readonly DocumentFact[],
  analyser: TextAnalyser,
): Quote[] {
  const found = facts.map((fact) => factQuote(store, doc, fact, analyser));
  if (found.some((q) => q === null)) return [];
  const unique = [...new Map((found as Quote[]).map((q) => [`${q.start}:${q.end}`, q])).values()];
  return unique.sort((a, b) => a.start - b.start);
}

/** Worked out once a store, document and fact: the same documents are asked about again and again. */
const FOUND = new WeakMap<Store, Map<string, Quote | null>>();

function factQuote(store: Store, doc: string, fact: DocumentFact, analyser: TextAnalyser): Quote | null {
  let byKey = FOUND.get(store);
  if (!byKey) FOUND.set(store, (byKey = new Map()));
  const key = `${fact}\u0000${doc}`;
  if (!byKey.has(key)) {
    const find = fact === "source" ? sourceQuote : fact === "speaker" ? speakerQuote : datelineQuote;
    byKey.set(key, find(store, doc, analyser));
  }
  return byKey.get(key) ?? null;
}

function sourceQuote(store: Store, doc: string): Quote | null {
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

/** The first sentence that names the speaker the document's metadata gives. */
function speakerQuote(store: Store, doc: string): Quote | null {
  const speaker = store.manifest.documents.find((d) => d.path === doc)?.meta?.speaker?.toLowerCase();
  if (!speaker) return null;
  return firstSentence(store, doc, (s) => s.text.toLowerCase().includes(speaker));
}

/** The first sentence of the document's opening paragraph (before any heading) that states a date. */
function datelineQuote(store: Store, doc: string, analyser: TextAnalyser): Quote | null {
  const first = store.sentences.find((s) => s.doc === doc);
  if (!first || first.sectionIndex !== 0) return null;
  return firstSentence(
    store,
    doc,
    (s) => s.paragraph === first.paragraph && analyser.facts(s.text).dates.length > 0,
  );
}

function firstSentence(store: Store, doc: string, holds: (s: SentenceUnit) => boolean): Quote | null {
  const i = store.sentences.findIndex((s) => s.doc === doc && holds(s));
  return i < 0 ? null : (toQuotes(store, [i])[0] ?? null);
}
