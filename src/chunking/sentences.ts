/** A `[start, end)` span into a document's text. */
export interface Span {
  start: number;
  end: number;
}

const CLOSING_QUOTE = /["”’']\s*$/;
// "Chen Huawen said." after a closing quote belongs to the quoted sentence; Intl.Segmenter cuts it off.
const ATTRIBUTION =
  /^[A-Z][\p{L}.'’ -]{0,60}\b(said|says|stated|noted|added|stressed|pointed out|emphasized|emphasised)\s*[.!]$/u;
// A segment that starts in lower case, or with a closing bracket or punctuation, continues the previous one
// (Intl.Segmenter breaks after abbreviations such as "approx." or "e.g.").
const CONTINUATION = /^[\p{Ll}),;:]/u;
// Intl.Segmenter also breaks after these when a capital or a digit follows ("No. 5530, Longwu Road").
const ABBREVIATION =
  /\b(No|Nos|Mr|Mrs|Ms|Dr|Prof|St|Rd|Ave|Co|Ltd|Inc|Jr|Sr|vs|etc|approx|e\.g|i\.e|Fig|Art|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Gen|Gov|Sen|Rep|Rev|Lt|Col|Capt|Sgt|Mt|Ft|ca|cf)\.$/;
// An initial ("E. O. Wilson", "Thomas B. Smith") or an initialism ("U.S.", "D.C.") ends in a full stop that
// does not end the sentence; cutting there splits a name, which is worse than keeping two sentences as one.
const INITIAL = /(?:^|[\s(])(?:\p{Lu}\.)+$/u;

/**
 * Splits `text.slice(start, end)` into sentences with exact offsets. Uses Intl.Segmenter, trims whitespace
 * out of every span, and mends its known misses (attribution after a closing quote, lower-case continuations).
 */
export function splitSentences(text: string, start = 0, end = text.length, locale = "en"): Span[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: "sentence" });
  const raw: Span[] = [];
  for (const seg of segmenter.segment(text.slice(start, end))) {
    const span = trimSpan(text, start + seg.index, start + seg.index + seg.segment.length);
    if (span) raw.push(span);
  }
  return mergeMisses(text, raw);
}

function mergeMisses(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const prev = out[out.length - 1];
    const body = text.slice(span.start, span.end);
    const prevText = prev ? text.slice(prev.start, prev.end) : "";
    const joins =
      prev &&
      (CONTINUATION.test(body) ||
        ABBREVIATION.test(prevText) ||
        INITIAL.test(prevText) ||
        (CLOSING_QUOTE.test(prevText) && ATTRIBUTION.test(body)));
    if (prev && joins) prev.end = span.end;
    else out.push({ ...span });
  }
  return out;
}

export function trimSpan(text: string, start: number, end: number): Span | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? "")) s++;
  while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
  return s < e ? { start: s, end: e } : null;
}
