import { citation, type DocTitles } from "../answer/citation.js";
import type { QuoteHit } from "./find-quotes.js";

/** Marks around the matched words in terminal output; they are not in the report, so they stand out. */
export const MATCH_OPEN = "»";
export const MATCH_CLOSE = "«";

/** The sentence verbatim with the matched words between » and «. */
export function markMatch(hit: QuoteHit): string {
  const a = hit.match.start - hit.start;
  const b = hit.match.end - hit.start;
  return `${hit.text.slice(0, a)}${MATCH_OPEN}${hit.text.slice(a, b)}${MATCH_CLOSE}${hit.text.slice(b)}`;
}

/** Plain-text rendering for terminals: a count line, then each hit with its citation, exact ones first. */
export function renderQuotesText(phrase: string, hits: QuoteHit[], titles: DocTitles): string {
  if (hits.length === 0) return `No occurrence of "${phrase}" in the report, not even a near one.`;
  const exact = hits.filter((h) => h.exact).length;
  const near = hits.length - exact;
  const counts = [exact && `${exact} exact`, near && `${near} near`].filter(Boolean).join(", ");
  const lines = [`"${phrase}": ${hits.length} ${hits.length === 1 ? "hit" : "hits"} (${counts})`, ""];
  hits.forEach((hit, i) => {
    lines.push(
      `${i + 1}. ${hit.exact ? "" : "(near) "}${markMatch(hit)}`,
      `   — ${citation(hit, titles)}`,
      "",
    );
  });
  return lines.join("\n").trimEnd();
}
