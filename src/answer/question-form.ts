import { foldText, processQueryTerm, stem, tokenize } from "../retrieval/text-normalise.js";

/** What kind of thing a question asks for, read off its question word: general English, no report's words. */
export type Expectation = "date" | "year" | "number" | "money" | "name" | "reason" | "list" | null;

export interface QuestionForm {
  /** The question word that decides it ("who", "when", "how many", …), or "" when there is none. */
  wh: string;
  expects: Expectation;
  /** For a counted set ("which six villages"): how many items it asks for. */
  count?: number;
  /** And the words that name them, as typed after the count ("villages"). */
  counted?: string[];
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
  [["what", "year"], "year"],
  [["which", "year"], "year"],
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
 * Nouns that name a quantity: "what is the total investment …", "what's the population of …" ask for a
 * number as "how much" does. General English, like the question words above.
 */
const QUANTITY_NOUNS: ReadonlySet<string> = new Set(
  "total number amount cost costs budget price population percentage percent rate proportion size sum".split(
    " ",
  ),
);
/**
 * Nouns for kinds of things known by their names: "which university…", "what company…" ask for one by name
 * as "who" asks for a person. General English, like the question words above.
 */
const NAMED_KINDS: ReadonlySet<string> = new Set(
  (
    "university universities college colleges school schools hospital hospitals company companies firm firms " +
    "corporation corporations bank banks organisation organisations organization organizations institution " +
    "institutions agency agencies ministry ministries person official officials city cities country countries " +
    "nation nations province provinces state states town towns village villages district districts street " +
    "streets road roads river rivers park parks museum museums newspaper newspapers team teams brand brands"
  ).split(" "),
);
/** Whether the words after "which"/"what" name a kind of named thing, after one word that qualifies it or not. */
const namesKind = (next: readonly string[]): boolean =>
  NAMED_KINDS.has(next[0] ?? "") ||
  (processQueryTerm(next[0] ?? "") !== null && NAMED_KINDS.has(next[1] ?? ""));

/** How many words after a count may name what is counted ("three social units"). */
const COUNTED_WORDS = 3;

/**
 * "What"/"which" ask for a list when they ask for a counted set ("which six villages", "what are the 5
 * projects"), for names when they say so ("what is the name of …"), for a number when they ask for a
 * quantity ("what is the total budget …"); otherwise for anything.
 */
function refineOpen(
  tokens: readonly string[],
  at: number,
): Pick<QuestionForm, "expects" | "count" | "counted"> {
  const next = tokens.slice(at + 1, at + 1 + LOOKAHEAD);
  const named = next.findIndex((t) => t === "name" || t === "names");
  const asksNames = named >= 0 && next[named + 1] === "of";
  // Where a count may stand: "which six villages", "what are the 5 projects", "the names of the 5 projects".
  const places = asksNames ? [named + 3, named + 4] : [1, 3];
  for (const place of places) {
    const count = countOf(tokens[at + place]);
    if (count !== undefined && count > 1) {
      const counted = tokens.slice(at + place + 1, at + place + 1 + COUNTED_WORDS);
      return { expects: "list", count, counted };
    }
  }
  if (asksNames || namesKind(next)) return { expects: "name" };
  return { expects: next.some((t) => QUANTITY_NOUNS.has(t)) ? "number" : null };
}

/**
 * Words that make a question for a quantity one for a sum of money ("how much will it cost", "what is the
 * total budget"): general English, no shelf's.
 */
const MONEY_WORDS: ReadonlySet<string> = new Set(
  (
    "money cost costs costing spend spends spent spending budget budgets price prices priced pay pays paid " +
    "rent rents fee fees fund funds funding funded invest invested investing investment salary salaries wage " +
    "wages yuan rmb dollar dollars euro euros"
  ).split(" "),
);

/** The first question word of the question decides, wherever it stands ("In what year did …"). */
export function questionForm(question: string): QuestionForm {
  const tokens = tokenize(question);
  for (let i = 0; i < tokens.length; i++) {
    for (const [words, expects] of FORMS) {
      if (!words.every((w, j) => tokens[i + j] === w)) continue;
      const open = expects === null && (words[0] === "what" || words[0] === "which") && words.length === 1;
      const form: QuestionForm = { wh: words.join(" "), ...(open ? refineOpen(tokens, i) : { expects }) };
      // "How much does it cost?" is answered by a sum of money, not by any number.
      if (form.expects === "number" && tokens.some((t) => MONEY_WORDS.has(t))) form.expects = "money";
      return form;
    }
  }
  return { wh: "", ...namedExpectation(tokens) };
}

/** Nouns that name a date, or a figure set to be met: asked for even without a question word. */
const DATE_NOUNS: ReadonlySet<string> = new Set(["deadline", "deadlines", "date", "dates", "timetable"]);
const TARGET_NOUNS: ReadonlySet<string> = new Set(["target", "targets", "quota", "quotas"]);

/**
 * What a question with no question word asks for when it names it: "is there a deadline for …?" and
 * "completion deadline?" want a date, "did he give a target for …?" a number (a sum when it speaks of money).
 */
function namedExpectation(tokens: readonly string[]): Pick<QuestionForm, "expects"> {
  if (tokens.some((t) => DATE_NOUNS.has(t))) return { expects: "date" };
  if (!tokens.some((t) => TARGET_NOUNS.has(t) || QUANTITY_NOUNS.has(t))) return { expects: null };
  return { expects: tokens.some((t) => MONEY_WORDS.has(t)) ? "money" : "number" };
}

/** How far (in words and separators) after the word naming them a list's items are looked for. */
const LIST_WINDOW = 16;

/**
 * Whether a sentence lists `count` items (or at least four) after one of the words that name them: as many
 * commas or semicolons, less one, within a few words of it ("teams for biomedicine, civil aviation,
 * commercial aerospace and platform economy"). A long sentence's other commas do not list the villages it
 * only counts, nor does an "and" inside a name ("One Belt and Six Villages").
 */
export function listsItems(text: string, count: number, counted: readonly string[] = []): boolean {
  const need = Math.min(count, 4) - 1;
  const pieces = foldText(text).match(/[\p{L}\p{N}]+|[,;]/gu) ?? [];
  const commas = (from: number, to: number) =>
    pieces.slice(from, to).filter((p) => p === "," || p === ";").length;
  const names = new Set(counted.map(stem));
  if (!names.size) return commas(0, pieces.length) >= need;
  return pieces.some((p, i) => names.has(stem(p)) && commas(i + 1, i + 1 + LIST_WINDOW) >= need);
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
