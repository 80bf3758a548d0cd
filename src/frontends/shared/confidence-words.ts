/**
 * Confidence in words, for every front end: what a reader should make of an answer at a glance. The one
 * table of wording; the number is shown beside it, never instead of it (`{n}` in `numbered`).
 */
import type { Answer } from "../../answer/types.js";

export type ConfidenceLevel = "high" | "medium" | "low" | "abstained";

interface Wording {
  level: ConfidenceLevel;
  /** The words alone, ending in a colon. */
  lead: string;
  /** The words with the number. */
  numbered: string;
}

/** Highest band first: an answer takes the first band whose `min` its confidence reaches. */
export const CONFIDENCE_BANDS: readonly (Wording & { min: number })[] = [
  { min: 0.8, level: "high", lead: "The report says:", numbered: "The report says (confidence {n}):" },
  { min: 0.5, level: "medium", lead: "Probably:", numbered: "Probably (confidence {n}):" },
  { min: 0, level: "low", lead: "Possibly (low confidence):", numbered: "Possibly (low confidence, {n}):" },
];

export const ABSTAINED: Wording = {
  level: "abstained",
  lead: "The report may not answer this. Nearest passages:",
  numbered: "The report may not answer this (confidence {n}). Nearest passages:",
};

export interface ConfidenceWords {
  level: ConfidenceLevel;
  lead: string;
  /** The lead with the confidence in it. */
  numbered: string;
  /** The confidence as shown: two decimals. */
  number: string;
}

export function confidenceWords(answer: Pick<Answer, "answered" | "confidence">): ConfidenceWords {
  const number = answer.confidence.toFixed(2);
  const band = answer.answered
    ? (CONFIDENCE_BANDS.find((b) => answer.confidence >= b.min) ?? ABSTAINED)
    : ABSTAINED;
  return { level: band.level, lead: band.lead, numbered: band.numbered.replace("{n}", number), number };
}
