import { tokenize } from "../retrieval/text-normalise.js";

/** What kind of thing a question asks for, read off its question word: general English, no report's words. */
export type Expectation = "date" | "number" | "name" | null;

export interface QuestionForm {
  /** The question word that decides it ("who", "when", "how many", …), or "" when there is none. */
  wh: string;
  expects: Expectation;
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
  [["why"], null],
  [["how"], null],
];

/** The first question word of the question decides, wherever it stands ("In what year did …"). */
export function questionForm(question: string): QuestionForm {
  const tokens = tokenize(question);
  for (let i = 0; i < tokens.length; i++) {
    for (const [words, expects] of FORMS) {
      if (words.every((w, j) => tokens[i + j] === w)) return { wh: words.join(" "), expects };
    }
  }
  return { wh: "", expects: null };
}
