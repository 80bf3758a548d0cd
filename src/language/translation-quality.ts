/**
 * How far a translated question can be trusted, from its content words alone: how much of it was rendered
 * in words the shelf uses at all, and how much of it a quote covers. English quotes answering a question half
 * of whose words found no translation the shelf knows (迪士尼 "Disney", 下雨 "rain") answer some other
 * question.
 */
import type { TextAnalyser } from "../answer/text-analyser.js";
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

/** How far after a number the counted noun may stand ("71 major industrial projects"). */
const COUNT_WINDOW = 4;

/** Lower-case words and numbers, a number keeping its inner commas and points ("1,200", "1.5"). */
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N},.]+/u)
    .map((t) => t.replace(/^[,.]+|[,.]+$/g, ""))
    .filter(Boolean);

/** Where a run of words stands in a list of words: the index after each place it ends. */
function endsOf(words: readonly string[], run: readonly string[]): number[] {
  const ends: number[] = [];
  if (!run.length) return ends;
  for (let k = 0; k + run.length <= words.length; k++) {
    if (run.every((w, j) => words[k + j] === w)) ends.push(k + run.length);
  }
  return ends;
}

/**
 * Whether a text states a count of what a how-many question counts: a number the language tool finds in it
 * that counts (a count, amount, sum of money or percentage; not an ordinal, a date or a duration) and that
 * the question does not itself give, followed closely by one of the counted words ("20 pocket parks" for
 * 多少个口袋公园). Null when the question does not ask how many. A question none of whose quotes states
 * such a number is seldom answered by them (多少户居民 against "No. 5530, Longwu Road"). The number is
 * found by its words in the text's, so every place it stands is tried.
 */
export function statesCount(translation: Translation, text: string, analyser: TextAnalyser): boolean | null {
  if (!translation.counts) return null;
  const given = new Set(wordsOf(translation.query));
  const numbers = analyser
    .facts(text)
    .counts.map(wordsOf)
    .filter((run) => run.some((w) => !given.has(w)));
  const counted = new Set(translation.counts.flatMap((c) => [...indexTerms(c)]));
  if (counted.size === 0) return numbers.length > 0;
  const words = wordsOf(text);
  return numbers.some((run) =>
    endsOf(words, run).some((end) =>
      words.slice(end, end + COUNT_WINDOW).some((w) => [...indexTerms(w)].some((x) => counted.has(x))),
    ),
  );
}

/**
 * Whether a text states a time, for a question that asks when: the language tool finds a date, a time or a
 * duration in it ("the end of September", "2025", "10 days"). Null for other questions.
 */
export function statesTime(translation: Translation, text: string, analyser: TextAnalyser): boolean | null {
  return translation.asksWhen ? analyser.facts(text).dates.length > 0 : null;
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
 * when question's no time, as the language tool the answerer is given reads them.
 */
export function translatedConfidence(
  confidence: number,
  translation: Translation,
  quoted: string,
  analyser: TextAnalyser,
): number {
  const trusted = confidence * understoodShare(translation) ** 2;
  const unstated =
    statesCount(translation, quoted, analyser) === false ||
    statesTime(translation, quoted, analyser) === false;
  return unstated ? Math.min(trusted, UNCOUNTED_CONFIDENCE) : trusted;
}
