import { stem } from "../retrieval/text-normalise.js";

/** What one word pair costs in a near match: same word free, a typo or another inflection half, else one. */
export const NEAR_WORD_COST = 0.5;

/**
 * Edit distance with adjacent transpositions (optimal string alignment): "forrest"/"forest" and
 * "form"/"from" are one edit apart.
 */
export function osaDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const sub = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + sub);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] ?? 0;
}

/** Stems of the words met so far: a near match compares a phrase with every word of the report, each time. */
const stems = new Map<string, string>();
const STEMS_KEPT = 100_000;

function stemOf(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear();
    stems.set(word, (s = stem(word)));
  }
  return s;
}

/**
 * Cost of aligning a phrase word with a document word. Figures never count as typos of each other (650 is
 * not 660), and short words are too easily confused to be forgiven ("mu" and "km").
 */
export function wordCost(phraseWord: string, docWord: string): number {
  if (phraseWord === docWord) return 0;
  if (/\p{N}/u.test(phraseWord) || /\p{N}/u.test(docWord)) return 1;
  if (stemOf(phraseWord) === stemOf(docWord)) return NEAR_WORD_COST;
  const shorter = Math.min(phraseWord.length, docWord.length);
  if (shorter < 4) return 1;
  const allowed = shorter >= 8 ? 2 : 1;
  // The distance is at least the difference in length: most pairs need no table.
  if (Math.abs(phraseWord.length - docWord.length) > allowed) return 1;
  return osaDistance(phraseWord, docWord) <= allowed ? NEAR_WORD_COST : 1;
}

/** How far a near match may stray from the phrase: "a word or two different", fewer for short phrases. */
export function nearBudget(phraseWords: number): number {
  if (phraseWords <= 2) return NEAR_WORD_COST;
  if (phraseWords <= 5) return 1;
  if (phraseWords <= 11) return 2;
  return 3;
}
