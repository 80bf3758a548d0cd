/**
 * What makes a sentence worth a newcomer's briefing: it commits to something (will, must, complete, build),
 * names figures or dates, or names places and programmes. Plain, lexical and deterministic, so the same
 * section always gives the same briefing and no model is needed.
 */

export interface Salience {
  figures: number;
  dates: number;
  names: number;
  commitment: boolean;
  score: number;
}

const NUMBER = /\b\d[\d,.]*\b/g;
const NUMBER_WORDS =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty|hundred|thousand|million|billion|dozens?)\b/gi;
const DATE_WORDS =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|this year|next year|the year|annual|first half|second half|quarter|ahead of schedule|by the end of|before the end of|throughout the year|deadline)\b/gi;
const COMMITMENT =
  /\b(?:will|must|shall|need to|strive|ensure|complete[ds]?|build|construct|start|launch|add(?:ed)?|open|implement|promote|accelerate|deliver|achieve|arranged|relocated?)\b/i;
// Two or more capitalised words, possibly joined by "and", "of" or "the": "One Belt and Six Villages",
// "Dazhi River", "Hongqiao International Central Business District".
const MULTIWORD_NAME = /\b\p{Lu}[\p{L}\d'’-]*(?:\s+(?:(?:and|of|the|for)\s+)?\p{Lu}[\p{L}\d'’-]*)+/gu;
const CAPITALISED_WORD = /\b\p{Lu}[\p{L}\d'’-]+/gu;
const QUOTED = /["“][^"”]{3,80}["”]/g;

const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length;

/** Counts are capped, so one sentence listing ten projects does not crowd out every other commitment. */
export function salienceOf(text: string): Salience {
  const figures = Math.min(3, count(text, NUMBER) + 0.5 * count(text, NUMBER_WORDS));
  const dates = Math.min(2, count(text, DATE_WORDS));
  // The sentence's first word is capitalised anyway; only names after it count.
  const body = text.replace(/^\s*["“]?\S+/, "");
  const multi = body.match(MULTIWORD_NAME) ?? [];
  const single = count(body, CAPITALISED_WORD) - multi.reduce((n, m) => n + count(m, CAPITALISED_WORD), 0);
  const names = Math.min(3, multi.length + 0.5 * single + 0.5 * count(text, QUOTED));
  const commitment = COMMITMENT.test(text);
  const score = figures + dates + names + (commitment ? 1 : 0);
  return { figures, dates, names, commitment, score };
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
