/**
 * Folding for wording search: a phrase typed by hand rarely has the report's exact case, spacing, quote marks
 * or dashes. Both sides are folded the same way, and every folded character remembers the span of the
 * original character it came from, so a match in folded text maps back to exact offsets in the document.
 */

export interface FoldedText {
  /** Lower case, NFKC, quote marks dropped, apostrophes straight, dashes and whitespace runs one space. */
  text: string;
  /** Original offset where the source character of each folded character starts. */
  starts: number[];
  /** Original offset where it ends (exclusive); NFKC may turn one character into several. */
  ends: number[];
}

export interface Token {
  /** Folded form, compared word to word. */
  word: string;
  /** Offsets into the original text. */
  start: number;
  end: number;
}

const DASHES = /[-‐‑‒–—―−﹘﹣－]/u;
const DOUBLE_QUOTES = /["“”„‟«»″〝〞＂]/u;
const SINGLE_QUOTES = /['‘’‚‛′`´＇]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Folds `source[from, to)`; offsets in the result are into `source`. */
export function foldWithMap(source: string, from = 0, to = source.length): FoldedText {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (c: string, start: number, end: number): void => {
    chars.push(c);
    starts.push(start);
    ends.push(end);
  };
  const pop = (): void => {
    chars.pop();
    starts.pop();
    ends.pop();
  };
  let i = from;
  while (i < to) {
    const cp = source.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    const last = chars[chars.length - 1];
    if (/\s/u.test(ch) || DASHES.test(ch)) {
      // Runs of whitespace and dashes are one space: "high-quality", "high quality" and "high – quality"
      // are the same words to someone quoting them.
      if (last !== undefined && last !== " ") push(" ", i, next);
    } else if (DOUBLE_QUOTES.test(ch)) {
      // Quote marks are dropped: a phrase typed without them must still match a quoted name.
    } else if (SINGLE_QUOTES.test(ch)) {
      // Between two word characters it is an apostrophe (people's) and kept; elsewhere a quote mark.
      const before = i > from ? source[i - 1] : undefined;
      const after = next < to ? source[next] : undefined;
      if (before && after && WORD_CHAR.test(before) && WORD_CHAR.test(after)) push("'", i, next);
    } else {
      // One entry per UTF-16 unit, so that indexes into `text` (indexOf, regex) index `starts` too.
      const out = ch.normalize("NFKC").toLowerCase();
      for (let k = 0; k < out.length; k++) push(out[k] ?? "", i, next);
    }
    i = next;
  }
  while (chars[chars.length - 1] === " ") pop();
  while (chars[0] === " ") {
    chars.shift();
    starts.shift();
    ends.shift();
  }
  return { text: chars.join(""), starts, ends };
}

/** Words of a folded text (letters and digits, with inner apostrophes), each with its original offsets. */
export function tokensOf(folded: FoldedText): Token[] {
  const out: Token[] = [];
  for (const m of folded.text.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu)) {
    const a = m.index;
    const b = a + m[0].length;
    out.push({ word: m[0], start: folded.starts[a] ?? 0, end: folded.ends[b - 1] ?? 0 });
  }
  return out;
}

export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c);
}
