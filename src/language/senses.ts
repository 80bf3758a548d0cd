/**
 * Choosing a Chinese word's English among the dictionary's senses, with the shelf as judge: a gloss whose
 * words the index uses is preferred (产业 "industry" over "estate", 镇 "town" over "to press down"), and
 * among equals the dictionary's first, which is usually the commonest.
 */
import type { Reading } from "./cedict.js";

/** Glosses that are about the word, not its meaning: cross-references, surnames, variants, usage notes. */
const META_GLOSS =
  /\b(variant of|surname|see also|see |abbr\.|used in|also pr\.|also written|old name|(?:Tw|Taiwan) pr\.|CL:|classifier for|radical)\b|\p{Script=Han}|\[/iu;

const GLUE = new Set(
  "a an the of to and or in on at for with by be as one one's oneself sb sth sb's something someone etc".split(
    " ",
  ),
);

/** A gloss as query words: no parentheses, no leading "to", no "sb"/"sth", no question mark. */
export function cleanGloss(gloss: string): string {
  return gloss
    .replace(/\([^)]*\)/g, " ")
    .replace(/[?!.]/g, " ")
    .replace(/^\s*to\s+/i, "")
    .replace(/\b(sb|sth|sb's|etc)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether the index knows an English word, allowing for the commonest inflections. */
export function knownWord(word: string, isKnown: (word: string) => boolean): boolean {
  const w = word.toLowerCase();
  if (isKnown(w) || isKnown(`${w}s`) || isKnown(`${w}es`) || isKnown(`${w}d`) || isKnown(`${w}ed`))
    return true;
  if (w.endsWith("y") && isKnown(`${w.slice(0, -1)}ies`)) return true;
  if (w.endsWith("e") && isKnown(`${w.slice(0, -1)}ing`)) return true;
  return isKnown(`${w}ing`);
}

/** Candidate glosses of a word, common-noun readings before proper-noun ones, in dictionary order. */
export function glossesOf(readings: readonly Reading[]): string[] {
  const common = readings.filter((r) => !/^[A-Z]/.test(r.pinyin));
  const proper = readings.filter((r) => /^[A-Z]/.test(r.pinyin));
  const out: string[] = [];
  for (const reading of [...common, ...proper]) {
    for (const gloss of reading.glosses) {
      if (META_GLOSS.test(gloss)) continue;
      const clean = cleanGloss(gloss);
      if (clean && !out.includes(clean)) out.push(clean);
    }
  }
  return out;
}

/** Share of a gloss's content words the index knows (0 for a gloss of glue words only). */
function knownShare(gloss: string, isKnown: (word: string) => boolean): number {
  const words = gloss
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .filter((w) => w && !GLUE.has(w));
  if (!words.length) return 0;
  return words.filter((w) => knownWord(w, isKnown)).length / words.length;
}

/**
 * The English for a word: the gloss the index knows best, earlier glosses winning ties and long glosses
 * (more than three words, usually explanations) losing them; the first gloss when the index knows none.
 */
export function chooseGloss(readings: readonly Reading[], isKnown: (word: string) => boolean): string | null {
  const glosses = glossesOf(readings);
  let best: string | null = null;
  let bestScore = -Infinity;
  glosses.forEach((gloss, rank) => {
    const length = gloss.split(" ").length;
    const score = knownShare(gloss, isKnown) - 0.01 * rank - (length > 3 ? 0.3 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = gloss;
    }
  });
  return best;
}
