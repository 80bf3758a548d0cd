/** The answer's confidence in words for the page: the shared table of every front end, beside the number. */
import type { Answer } from "../../answer/types.js";
import { confidenceWords } from "../shared/confidence-words.js";

export interface Verdict {
  /** The sentence that introduces the quotes, or says the report may not answer. */
  lead: string;
  level: "high" | "medium" | "low" | "none";
}

export function verdictOf(answer: Pick<Answer, "answered" | "confidence">): Verdict {
  const words = confidenceWords(answer);
  return { lead: words.lead, level: words.level === "abstained" ? "none" : words.level };
}

export function confidenceLine(answer: Pick<Answer, "answered" | "confidence">): string {
  return `Confidence ${confidenceWords(answer).number} (${verdictOf(answer).level}).`;
}
