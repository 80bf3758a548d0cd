/** The answer's confidence in words a reader understands, beside the number. */
import type { Answer } from "../../answer/types.js";

export interface Verdict {
  /** The sentence that introduces the quotes, or says the report may not answer. */
  lead: string;
  level: "high" | "medium" | "low" | "none";
}

/** At or above this the quotes are stated plainly; the wording was chosen for readers, not fitted. */
export const SAYS_FROM = 0.8;
export const PROBABLY_FROM = 0.5;

export function verdictOf(answer: Pick<Answer, "answered" | "confidence">): Verdict {
  // The engine decides whether it answers (its threshold may change); the words only grade what it gave.
  if (!answer.answered) return { lead: "The report may not answer this; nearest passages:", level: "none" };
  if (answer.confidence >= SAYS_FROM) return { lead: "The report says:", level: "high" };
  if (answer.confidence >= PROBABLY_FROM) return { lead: "Probably, the report says:", level: "medium" };
  return { lead: "Possibly (low confidence), the report says:", level: "low" };
}

export function confidenceLine(answer: Pick<Answer, "answered" | "confidence">): string {
  return `Confidence ${answer.confidence.toFixed(2)} (${verdictOf(answer).level}).`;
}
