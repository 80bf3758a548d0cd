/**
 * Choosing a Chinese word's English among the dictionary's senses, with the shelf as judge: a gloss whose
 * words the index uses is preferred (产业 "industry" over "estate", 镇 "town" over "to press down"), and
 * among equals the dictionary's first, which is usually the commonest.
 */
import type { Reading } from "./cedict.js";

/**
 * Glosses that are about the word, not its meaning (cross-references, surnames, variants, usage notes), and
 * senses no question about a report means (slang, vulgar, archaic).
 */
const META_GLOSS =
  /\b(variant of|surname|see also|see |abbr\.|used in|also pr\.|also written|old name|(?:Tw|Taiwan) pr\.|CL:|classifier for|radical)\b|\p{Script=Han}|\[|^\s*\((?:slang|vulgar|archaic|obscene|dialect|Internet slang)\b/iu;

const GLUE = new Set(
  "a an the of to and or in on at for with by be as up down out off over away back one's oneself sb sth sb's something someone etc".split(
    " ",
  ),
);

/** A gloss as query words: no parentheses, no leading "to" or article, no "sb"/"sth", no question mark. */
export function cleanGloss(gloss: string): string {
  return gloss
    .replace(/\([^)]*\)/g, " ")
    .replace(/[?!.]/g, " ")
    .replace(/^\s*(to|a|an|the)\s+/i, "")
    .replace(/\b(sb|sth|sb's|etc)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether the index knows an English word, allowing for the commonest inflections. */
export function knownWord(word: string, isKnown: (word: string) => boolean): boolean {
  return knownInflected(word, isKnown) || derivedForm(word.toLowerCase(), isKnown) !== null;
}

function knownInflected(word: string, isKnown: (word: string) => boolean): boolean {
  const w = word.toLowerCase();
  if (isKnown(w) || isKnown(`${w}s`) || isKnown(`${w}es`) || isKnown(`${w}d`) || isKnown(`${w}ed`))
    return true;
  if (w.endsWith("y") && isKnown(`${w.slice(0, -1)}ies`)) return true;
  if (w.endsWith("e") && isKnown(`${w.slice(0, -1)}ing`)) return true;
  // Comparatives and adverbs: "earlier" is known when "early" is, "fully" when "full" is.
  if (w.endsWith("ier") && isKnown(`${w.slice(0, -3)}y`)) return true;
  for (const ending of ["er", "est", "ly"]) {
    if (w.length > ending.length + 3 && w.endsWith(ending) && isKnown(w.slice(0, -ending.length)))
      return true;
  }
  return isKnown(`${w}ing`);
}

/**
 * How well the shelf's words fit an English word: 1 when it uses the word (or an inflection), less when it
 * uses only a derived one ("revitalization" for "revitalize"), so a sense the shelf uses as it stands wins.
 */
function wordFit(word: string, isKnown: (word: string) => boolean): number {
  if (knownInflected(word, isKnown)) return 1;
  return derivedForm(word.toLowerCase(), isKnown) !== null ? 0.6 : 0;
}

/**
 * Nouns and adjectives the shelf may use for a dictionary's verb or noun (consume → consumption, agriculture →
 * agricultural), which the index's stemming does not bring together: English morphology, tried in order.
 */
const DERIVATIONS: [RegExp, string][] = [
  [/e$/, "ption"],
  [/e$/, "ion"],
  [/e$/, "ation"],
  [/$/, "ion"],
  [/$/, "ation"],
  [/$/, "ment"],
  [/ize$/, "ization"],
  [/$/, "ance"],
  [/$/, "al"],
  [/e$/, "al"],
  [/y$/, "ial"],
  [/iety$/, "ial"],
];

/** A gloss in the shelf's words: a word it does not use replaced by a derived one it does ("consumption"). */
export function shelfWording(gloss: string, isKnown: (word: string) => boolean): string {
  return gloss
    .split(" ")
    .map((w) => {
      const lower = w.toLowerCase();
      return GLUE.has(lower) || knownInflected(lower, isKnown) ? w : (derivedForm(lower, isKnown) ?? w);
    })
    .join(" ");
}

/** The shelf's word derived from an English word it does not use, or null. */
export function derivedForm(word: string, isKnown: (word: string) => boolean): string | null {
  if (word.length < 5) return null;
  for (const [ending, suffix] of DERIVATIONS) {
    if (!ending.test(word)) continue;
    const form = word.replace(ending, suffix);
    if (isKnown(form)) return form;
  }
  return null;
}

/** A gloss as query words, and whether the dictionary gave it as a verb ("to boost"). */
export interface Gloss {
  text: string;
  verb: boolean;
}

/** Candidate glosses of a word, common-noun readings before proper-noun ones, in dictionary order. */
export function glossesOf(readings: readonly Reading[]): Gloss[] {
  const common = readings.filter((r) => !/^[A-Z]/.test(r.pinyin));
  const proper = readings.filter((r) => /^[A-Z]/.test(r.pinyin));
  const out: Gloss[] = [];
  for (const reading of [...common, ...proper]) {
    for (const gloss of reading.glosses) {
      // A classifier note in parentheses ("road (CL:条[tiao2])") is no reason to drop the gloss; a register
      // note that opens it ("(slang) bottom") is.
      if (META_GLOSS.test(gloss.replace(/(?<=.)\([^)]*\)/g, ""))) continue;
      const text = cleanGloss(gloss);
      if (text && !out.some((g) => g.text === text)) out.push({ text, verb: /^\s*to\s/i.test(gloss) });
    }
  }
  return out;
}

/** Whether the index knows at least one content word of a gloss (not "of", "the", "sb"). */
export function glossKnown(gloss: string, isKnown: (word: string) => boolean): boolean {
  return gloss
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .some((w) => w && !GLUE.has(w) && knownWord(w, isKnown));
}

/** Share of a gloss's content words the index knows (0 for a gloss of glue words only). */
function knownShare(gloss: string, isKnown: (word: string) => boolean): number {
  const words = gloss
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .filter((w) => w && !GLUE.has(w));
  if (!words.length) return 0;
  const share = words.reduce((sum, w) => sum + wordFit(w, isKnown), 0) / words.length;
  // One known word of a long explanation ("treat by a special process") says little about the sense.
  return share >= 0.5 ? share : 0;
}

/**
 * The English for a word: the gloss the index knows best, earlier glosses winning ties and long glosses
 * (more than three words, usually explanations) losing them, and verbs losing them where a noun stands;
 * the first gloss when the index knows none.
 */
export function chooseGloss(
  readings: readonly Reading[],
  isKnown: (word: string) => boolean,
  options: { noun?: boolean } = {},
): Gloss | null {
  const glosses = glossesOf(readings);
  let best: Gloss | null = null;
  let bestScore = -Infinity;
  glosses.forEach((gloss, rank) => {
    const length = gloss.text.split(" ").filter((w) => !GLUE.has(w)).length;
    // "rate of progress", "start a construction job": a phrase explaining the word; "progress" is better.
    const explains = /\b(of|a|an|the|to|for|with|by)\b/.test(gloss.text) ? 0.03 : 0;
    // Where the word must be a noun (after 的, 服务 is "service", not "serve").
    const wrongClass = options.noun && gloss.verb ? 0.05 : 0;
    const score =
      knownShare(gloss.text, isKnown) - 0.01 * rank - explains - wrongClass - (length > 3 ? 0.3 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = gloss;
    }
  });
  return best;
}

/**
 * A second one-word noun gloss the shelf also uses, searched beside the first: 重大 "important" and
 * "major", 区 "area" and "district", when the shelf has both and nothing tells which it means.
 */
export function alternativeGloss(
  readings: readonly Reading[],
  chosen: Gloss,
  isKnown: (word: string) => boolean,
): Gloss[] {
  if (chosen.verb || chosen.text.includes(" ")) return [];
  const other = glossesOf(readings).find(
    (g) =>
      g.text !== chosen.text &&
      !g.verb &&
      !g.text.includes(" ") &&
      !GLUE.has(g.text.toLowerCase()) &&
      knownWord(g.text, isKnown),
  );
  return other ? [other] : [];
}
