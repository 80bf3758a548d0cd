import { processQueryTerm, tokenize } from "../retrieval/text-normalise.js";

/** Inverse document frequency over sentences; a term the corpus never uses weighs the most. */
export function idf(term: string, df: Record<string, number>, sentenceCount: number): number {
  return Math.log(1 + sentenceCount / (1 + (df[term] ?? 0)));
}

/** A content term of the question and the words that stand for it in a report (itself first). */
export interface TermGroup {
  term: string;
  alternatives: readonly string[];
}

/**
 * IDF-weighted share of the question's terms that occur in a text, a term counting as found when any of its
 * alternatives does (1 when the question has no content terms). Weights come from the question's own word.
 */
export function termCoverage(
  groups: readonly TermGroup[],
  textTerms: Set<string>,
  weight: (t: string) => number,
): number {
  let total = 0;
  let found = 0;
  for (const group of groups) {
    const w = weight(group.term);
    total += w;
    if (group.alternatives.some((a) => hasTerm(textTerms, a))) found += w;
  }
  return total > 0 ? found / total : 1;
}

/**
 * The words naming what a question is about when its form says so: what is counted in "how many pocket
 * parks …", the event in "when will the tunnel open …", the head noun of "what subsidy can …" or "which
 * universities …". A quote that answers must hold them all.
 */
interface FocusForm {
  form: RegExp;
  /** Most words of the noun phrase read. */
  max: number;
  /** "all" keeps every word of the noun phrase; "head" only its last (the noun a "which" question names). */
  keep: "all" | "head";
}

const FOCUS_FORMS: FocusForm[] = [
  { form: /\bhow many\s+(.*)$/i, max: 3, keep: "all" },
  { form: /^\s*when (?:will|is|are|was|were|does|do|did|can|should)\s+(.*)$/i, max: 5, keep: "all" },
  { form: /^\s*where (?:will|is|are|was|were|does|do|did|can|should)\s+(.*)$/i, max: 5, keep: "all" },
  { form: /^\s*(?:what|which)\s+(?:kinds? of |types? of |sorts? of )?(.*)$/i, max: 4, keep: "head" },
];

// "What three things …", "which stages …" ask for a list, and name no topic of their own.
const GENERIC_HEADS = new Set(
  "thing way step stage phase level aspect kind type part one topic issue matter subject time date day month year"
    .split(" ")
    .map((word) => processQueryTerm(word)),
);

export function focusTerms(question: string): string[] {
  for (const { form, max, keep } of FOCUS_FORMS) {
    const m = form.exec(question);
    if (!m) continue;
    const phrase: string[] = [];
    // Words up to the first stop word ("the" is skipped when it comes first): the noun phrase.
    const tokens = tokenize(m[1] ?? "");
    if (tokens[0] === "the") tokens.shift();
    for (const token of tokens.slice(0, max)) {
      const t = processQueryTerm(token);
      if (!t) break;
      phrase.push(t);
    }
    if (keep === "all") return phrase;
    const head = phrase.slice(-1);
    return head.every((t) => GENERIC_HEADS.has(t)) ? [] : head;
  }
  return [];
}

/** Share of the focus words found in a text, a word counting when any of its alternatives is (1 when none). */
export function focusCoverage(
  focus: readonly string[],
  groups: readonly TermGroup[],
  textTerms: Set<string>,
): number {
  if (!focus.length) return 1;
  const alternatives = (t: string) => groups.find((g) => g.term === t)?.alternatives ?? [t];
  return focus.filter((t) => alternatives(t).some((a) => hasTerm(textTerms, a))).length / focus.length;
}

function hasTerm(textTerms: Set<string>, term: string): boolean {
  if (textTerms.has(term)) return true;
  if (term.length <= 4) return false;
  for (const t of textTerms) if (t.length > 4 && (t.startsWith(term) || term.startsWith(t))) return true;
  return false;
}
