/**
 * Follow-ups read in the context of the previous answer: the text after its quote ("tell me more"), one of
 * its items ("the second one"), or the previous question asked of a new topic ("and the budget?"). Pure
 * functions of the previous turn and the store; every text returned is a slice of its document.
 */
import type { SentenceUnit } from "../chunking/units.js";
import type { Answer, Quote } from "../answer/types.js";
import type { Store } from "../store/store.js";
import { wordsOf } from "./classify.js";
import type { Span, Turn } from "./memory.js";
import { PHRASES } from "./phrases.js";

export type StoreText = Pick<Store, "sentences" | "texts">;

/** Sentences a "tell me more" reads on by. */
export const MORE_SENTENCES = 3;
/** Sentences after a picked quote shown with it: the quote alone was shown already. */
const ITEM_CONTEXT_SENTENCES = 2;

export type ReadOn =
  | { ok: true; quote: Quote; nextParagraph: boolean }
  /** "end": nothing more in this section; "changed": the document changed since the answer. */
  | { ok: false; reason: "end" | "changed" };

/** The items a reader saw in an answer: its quotes, or for an abstention the nearest passages listed. */
export function itemsOf(answer: Answer, nearest: (a: Answer) => Quote[]): Quote[] {
  return answer.answered ? answer.quotes : nearest(answer);
}

/** Where "tell me more" reads on from: the text shown last, else the best quote; none for an abstention. */
export function moreFrom(turn: Turn): (Span & { text?: string }) | undefined {
  return turn.cursor ?? turn.answer.quotes[0];
}

/**
 * The sentences after `from` in its paragraph, up to `count`, leaving out those already `shown` (the
 * answer's other quotes); at the paragraph's end, the next paragraph of the same section. The run stops
 * before a sentence already shown, so the text is one slice of the document, verbatim.
 */
export function readOn(
  store: StoreText,
  from: Span & { text?: string },
  count = MORE_SENTENCES,
  shown: readonly Span[] = [],
): ReadOn {
  if (!unchanged(store, from)) return { ok: false, reason: "changed" };
  const sentences = store.sentences.filter((s) => s.doc === from.doc);
  const current = sentences.find((s) => s.end > from.start);
  const seen = (s: SentenceUnit) => shown.some((x) => x.doc === s.doc && x.start < s.end && s.start < x.end);
  const next = sentences.filter((s) => s.start >= from.end);
  const at = next.findIndex((s) => !seen(s));
  const first = next[at];
  if (!first || !current || first.sectionIndex !== current.sectionIndex) return { ok: false, reason: "end" };
  const run: SentenceUnit[] = [];
  for (const s of next.slice(at, at + count)) {
    if (seen(s) || s.paragraph !== first.paragraph) break;
    run.push(s);
  }
  return { ok: true, quote: quoteOf(store, run), nextParagraph: first.paragraph !== current.paragraph };
}

/** An item of the previous answer with the sentences after it, so picking it shows more than was seen. */
export function readItem(store: StoreText, item: Quote): ReadOn {
  if (!unchanged(store, item)) return { ok: false, reason: "changed" };
  const after = store.sentences.filter(
    (s) => s.doc === item.doc && s.paragraph === item.paragraph && s.start >= item.end,
  );
  const within = store.sentences.filter(
    (s) => s.doc === item.doc && s.start >= item.start && s.end <= item.end,
  );
  const run = [...within, ...after.slice(0, ITEM_CONTEXT_SENTENCES)];
  if (run.length === 0) return { ok: true, quote: item, nextParagraph: false };
  return { ok: true, quote: quoteOf(store, run), nextParagraph: false };
}

/** The n-th item (1-based; -1 the last), or undefined when the answer had fewer. */
export function pickItem(items: readonly Quote[], n: number): Quote | undefined {
  return n === -1 ? items[items.length - 1] : items[n - 1];
}

function unchanged(store: StoreText, span: Span & { text?: string }): boolean {
  const text = store.texts[span.doc];
  if (text === undefined) return false;
  return span.text === undefined || text.slice(span.start, span.end) === span.text;
}

function quoteOf(store: StoreText, run: readonly SentenceUnit[]): Quote {
  const a = run[0] as SentenceUnit;
  const b = run[run.length - 1] as SentenceUnit;
  return {
    text: (store.texts[a.doc] as string).slice(a.start, b.end),
    doc: a.doc,
    section: a.section,
    paragraph: a.paragraph,
    start: a.start,
    end: b.end,
    ...(a.page ? { page: a.page } : {}),
  };
}

const PREPOSITIONS = new Set<string>(PHRASES.topicPrepositions);
const BE = new Set(["is", "are", "was", "were"]);
const AUXILIARIES = new Set<string>(PHRASES.auxiliaries);
const QUESTION_WORDS = new Set<string>(PHRASES.questionWords);
const NUMBER = /^\d[\d,.]*$/;

/**
 * The previous question asked of a new topic, keeping its frame. In order: a number replaces a number
 * ("… in 2024?" + "and 2025?"); a "how many/much" question swaps its counted thing; the words after the
 * first preposition past the verb are replaced ("What is planned for X?" → "What is planned for the
 * budget?"); "What is X?" becomes "What is <topic>?"; "When will X open?" swaps its subject. Otherwise the
 * topic is added to the previous question's words, which the retrievers still read.
 */
export function rewriteQuestion(previous: string, topic: string): string {
  const base = previous.trim().replace(/[?.!\s]+$/u, "");
  const { typed, lower } = wordsOf(base);
  const t = topic.trim().replace(/[?.!\s]+$/u, "");
  const joinAt = (from: number, to: number) =>
    `${[...typed.slice(0, from), t, ...typed.slice(to)].join(" ")}?`;
  if (NUMBER.test(t)) {
    const i = lower.findIndex((w) => NUMBER.test(w));
    if (i >= 0) return joinAt(i, i + 1);
  }
  if (lower[0] === "how" && (lower[1] === "many" || lower[1] === "much")) {
    const end = lower.findIndex((w, i) => i > 2 && AUXILIARIES.has(w));
    if (end > 2) return joinAt(2, end);
  }
  const prep = lower.findIndex((w, i) => i >= 2 && PREPOSITIONS.has(w));
  if (prep >= 0) return joinAt(prep + 1, lower.length);
  if (QUESTION_WORDS.has(lower[0] ?? "") && BE.has(lower[1] ?? "")) return joinAt(2, lower.length);
  if (QUESTION_WORDS.has(lower[0] ?? "") && AUXILIARIES.has(lower[1] ?? "") && lower.length >= 4) {
    return joinAt(2, lower.length - 1);
  }
  return `${base} ${t}?`;
}
