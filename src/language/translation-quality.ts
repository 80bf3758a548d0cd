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
