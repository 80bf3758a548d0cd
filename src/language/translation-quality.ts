/**
 * How far a translated question can be trusted, from its content words alone: how much of it was rendered
 * in words the shelf uses at all, and how much of it a quote covers. English quotes answering a question half
 * of whose words found no translation the shelf knows (迪士尼 "Disney", 下雨 "rain") answer some other
 * question.
 */
import { indexTerms } from "../retrieval/text-normalise.js";
import type { RenderedWord, Translation } from "./translator.js";

const weightOf = (words: readonly RenderedWord[]) => words.reduce((sum, w) => sum + w.weight, 0);

/** Share (by weight) of the question's content words rendered in words the shelf uses; 1 with none. */
export function understoodShare(translation: Translation): number {
  const total = weightOf(translation.words);
  return total > 0 ? weightOf(translation.words.filter((w) => w.known)) / total : 1;
}

/**
 * Share (by weight) of the question's content words that a text renders: one of the word's English
 * renderings shares a term with it (stemmed as the index stems). 1 with no content words.
 */
export function coveredShare(translation: Translation, text: string): number {
  const total = weightOf(translation.words);
  if (total === 0) return 1;
  const terms = indexTerms(text);
  const covered = translation.words.filter(
    (w) => w.known && w.english.some((e) => [...indexTerms(e)].some((t) => terms.has(t))),
  );
  return weightOf(covered) / total;
}

/** English number words a report writes counts in ("three social units", "three-year"). */
const NUMBER_WORDS = new Set(
  (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " +
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand " +
    "million billion dozen dozens hundreds thousands millions"
  ).split(" "),
);

/** How far after a number the counted noun may stand ("71 major industrial projects"). */
const COUNT_WINDOW = 4;

/**
 * Whether a text states a count of what a how-many question counts: a number the question does not
 * itself give, followed closely by one of the counted words ("20 pocket parks" for 多少个口袋公园). Null
 * when the question does not ask how many. A question none of whose quotes states such a number is
 * seldom answered by them (多少户居民 against "No. 5530, Longwu Road").
 */
export function statesCount(translation: Translation, text: string): boolean | null {
  if (!translation.counts) return null;
  const given = new Set(translation.query.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const counted = new Set(translation.counts.flatMap((c) => [...indexTerms(c)]));
  const tokens = text
    .toLowerCase()
    .split(/[^\p{L}\p{N},.]+/u)
    .map((t) => t.replace(/[,.]+$/, ""))
    .filter(Boolean);
  return tokens.some((token, k) => {
    if (!(/^\d/.test(token) || NUMBER_WORDS.has(token)) || given.has(token)) return false;
    if (counted.size === 0) return true;
    return tokens
      .slice(k + 1, k + 1 + COUNT_WINDOW)
      .some((t) => [...indexTerms(t)].some((x) => counted.has(x)));
  });
}

/** How English states a time: a month, a year, a part of one, a deadline. */
const TIME =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|(?:1[89]|20)\d\d|(?:end|beginning|start|middle|half|quarter) of (?:the )?\w+|(?:this|next|last|the) (?:year|month|week|quarter)|\d+ (?:days?|weeks?|months?|years?)|as soon as possible|ahead of schedule|in advance)\b/i;

/** Whether a text states a time, for a question that asks when; null for other questions. */
export function statesTime(translation: Translation, text: string): boolean | null {
  return translation.asksWhen ? TIME.test(text) : null;
}

/**
 * The most a quote is trusted to answer a question asking how many or when whose quotes state no count of
 * what it counts, or no time: on the tuning sets (dev-zh, zh-h1, zh-h2) no such question was answered by
 * its quotes (10 of 10, 9 how-many and 1 when, were questions the report does not answer), which Laplace's
 * rule puts at (0 + 1) / (10 + 2).
 */
export const UNCOUNTED_CONFIDENCE = 0.08;

/**
 * The answer stage's confidence for a translated question, discounted by what the translation tells: scaled
 * by the square of the share of the question understood (a question about Disney tickets, half of whose
 * words the shelf never uses, is not answered by a quote about Shanghai; the square was chosen on the tuning
 * sets over the first power and the cube), and capped when a how-many question's quotes state no count, or a
 * when question's no time.
 */
export function translatedConfidence(confidence: number, translation: Translation, quoted: string): number {
  const trusted = confidence * understoodShare(translation) ** 2;
  const unstated = statesCount(translation, quoted) === false || statesTime(translation, quoted) === false;
  return unstated ? Math.min(trusted, UNCOUNTED_CONFIDENCE) : trusted;
}
