/**
 * Discord markdown escaping. Discord renders `\x` as `x` for any ASCII punctuation `x`, so a backslash in
 * front of every character that could start formatting makes text render exactly as written, without
 * changing a word of it.
 */

// Formatting anywhere in a line: bold/italic/underline/strike/spoiler/code, masked links, and `<...>`
// (mentions, channels, timestamps, emoji, embed-suppressed links). The backslash itself comes first.
const INLINE = /[\\*_~`|[\]<]/g;
// Formatting only at the start of a line: headings and `-#` subtext, lists, block quotes.
const LINE_START = /^(\s*)([#>+-])/gm;
const ORDERED_LIST = /^(\s*\d+)\.(?=\s|$)/gm;

export function escapeMarkdown(text: string): string {
  return text.replace(INLINE, "\\$&").replace(LINE_START, "$1\\$2").replace(ORDERED_LIST, "$1\\.");
}

/** Escapes `text` and shortens it to at most `max` characters with an ellipsis; never ends mid-escape. */
export function escapeWithin(text: string, max: number): string {
  const full = escapeMarkdown(text);
  if (full.length <= max) return full;
  let n = Math.min(text.length, max - 1);
  let cut = escapeMarkdown(text.slice(0, n)).trimEnd();
  while (n > 0 && cut.length + 1 > max) {
    n -= Math.max(1, cut.length + 1 - max);
    cut = escapeMarkdown(text.slice(0, n)).trimEnd();
  }
  return `${cut}…`;
}

/** A block quote: every line of the (escaped) text prefixed with `> `, so multi-line quotes stay quoted. */
export function blockQuote(escaped: string): string {
  return escaped
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

/** What Discord displays for escaped text: the inverse of `escapeMarkdown`. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([^0-9A-Za-z\s])/g, "$1");
}
