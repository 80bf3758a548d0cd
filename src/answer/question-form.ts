import { tokenize } from "../retrieval/text-normalise.js";

/** What kind of thing a question asks for, read off its question word: general English, no report's words. */
export type Expectation = "date" | "number" | "name" | "reason" | "list" | null;

export interface QuestionForm {
  /** The question word that decides it ("who", "when", "how many", …), or "" when there is none. */
  wh: string;
  expects: Expectation;
  /** For a counted set ("which six villages"): how many items it asks for. */
  count?: number;
}

// Two-word forms first: "how many" asks for a number where "how" alone asks for a manner.
const FORMS: [string[], Expectation][] = [
  [["how", "many"], "number"],
  [["how", "much"], "number"],
  [["how", "long"], "number"],
  [["how", "old"], "number"],
  [["how", "far"], "number"],
  [["how", "big"], "number"],
  [["how", "large"], "number"],
  [["what", "year"], "date"],
  [["which", "year"], "date"],
  [["what", "century"], "date"],
  [["which", "century"], "date"],
  [["what", "date"], "date"],
  [["what", "time"], "date"],
  [["what", "decade"], "date"],
  [["what", "percentage"], "number"],
  [["what", "number"], "number"],
  [["what", "amount"], "number"],
  [["when"], "date"],
  [["who"], "name"],
  [["whom"], "name"],
  [["whose"], "name"],
  [["where"], "name"],
  [["which"], null],
  [["what"], null],
  [["why"], "reason"],
  [["how"], null],
];

const COUNT_WORDS: Record<string, number> = Object.fromEntries(
  "two three four five six seven eight nine ten eleven twelve"
    .split(" ")
    .map((w, i) => [w, i + 2] as const)
    .concat([["several", 3]]),
);
const countOf = (t: string | undefined): number | undefined =>
  t === undefined ? undefined : (COUNT_WORDS[t] ?? (/^\d+$/.test(t) ? Number(t) : undefined));
/** How far past "what"/"which" a "name(s) of" or a count is looked for ("what are the names of …"). */
const LOOKAHEAD = 4;

/**
 * "What"/"which" ask for a list when they ask for a counted set ("which six villages", "what are the 5
 * projects"), for names when they say so ("what is the name of …"); otherwise for anything.
 */
function refineOpen(tokens: readonly string[], at: number): Pick<QuestionForm, "expects" | "count"> {
  const next = tokens.slice(at + 1, at + 1 + LOOKAHEAD);
  const count = countOf(next[0]) ?? (next[0] === "are" && next[1] === "the" ? countOf(next[2]) : undefined);
  if (count !== undefined && count > 1) return { expects: "list", count };
  const named = next.findIndex((t) => t === "name" || t === "names");
  if (named >= 0 && next[named + 1] === "of") {
    // "the names of the 5 projects" is a counted set too.
    const after = tokens
      .slice(at + named + 3, at + named + 5)
      .map(countOf)
      .find((n) => n !== undefined);
    return after !== undefined && after > 1 ? { expects: "list", count: after } : { expects: "name" };
  }
  return { expects: null };
}

/** The first question word of the question decides, wherever it stands ("In what year did …"). */
export function questionForm(question: string): QuestionForm {
  const tokens = tokenize(question);
  for (let i = 0; i < tokens.length; i++) {
    for (const [words, expects] of FORMS) {
      if (!words.every((w, j) => tokens[i + j] === w)) continue;
      const open = expects === null && (words[0] === "what" || words[0] === "which") && words.length === 1;
      return { wh: words.join(" "), ...(open ? refineOpen(tokens, i) : { expects }) };
    }
  }
  return { wh: "", expects: null };
}

/** Whether a sentence lists `count` items, or at least four: as many commas, semicolons and "and"s between. */
export function listsItems(text: string, count: number): boolean {
  const separators = (text.match(/[,;]|\band\b/g) ?? []).length;
  return separators >= Math.min(count, 4) - 1;
}

/**
 * Words that state a cause or a purpose: what a "why" question asks a sentence to say. General English, like
 * the question words above.
 */
export const REASON_CUES: ReadonlySet<string> = new Set([
  "because",
  "since",
  "due",
  "owing",
  "thanks",
  "therefore",
  "thus",
  "hence",
  "so",
  "order",
  "result",
  "cause",
  "caused",
  "causes",
  "reason",
  "aim",
  "aims",
  "purpose",
]);
