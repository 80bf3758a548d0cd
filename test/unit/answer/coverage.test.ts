import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coverageIn, hasTerm, termCoverage, vocabularyOf } from "../../../src/answer/coverage.js";

/** The rule as first written: a pass over every word of the text. */
function hasTermByScan(textTerms: Set<string>, term: string): boolean {
  if (textTerms.has(term)) return true;
  if (term.length <= 4) return false;
  for (const t of textTerms) if (t.length > 4 && (t.startsWith(term) || term.startsWith(t))) return true;
  return false;
}

describe("term coverage", () => {
  it("finds a word, a longer word that begins with it and a shorter word it begins with", () => {
    const text = new Set(["environmental", "plan", "greening", "park"]);
    expect(hasTerm(text, "plan")).toBe(true);
    expect(hasTerm(text, "environment")).toBe(true);
    expect(hasTerm(text, "greenings")).toBe(true);
    // Words of four letters or fewer count only whole.
    expect(hasTerm(text, "par")).toBe(false);
    expect(hasTerm(text, "parks")).toBe(false);
    expect(hasTerm(text, "housing")).toBe(false);
  });

  it("agrees with a pass over every word, on any words", () => {
    const word = fc.stringMatching(/^[a-e]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), word, (words, term) => {
        expect(hasTerm(new Set(words), term)).toBe(hasTermByScan(new Set(words), term));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it("weighs each of the question's terms by its weight", () => {
    const groups = [
      { term: "budget", alternatives: ["budget"] },
      { term: "schools", alternatives: ["schools", "school"] },
    ];
    const weight = (t: string) => (t === "budget" ? 3 : 1);
    expect(termCoverage(groups, new Set(["budget"]), weight)).toBe(0.75);
    expect(termCoverage(groups, new Set(["school"]), weight)).toBe(0.25);
    expect(termCoverage([], new Set(), weight)).toBe(1);
  });

  it("gives the same coverage through a vocabulary, for any text whose words it holds", () => {
    const word = fc.stringMatching(/^[a-e]{1,8}$/);
    const groups = fc.array(
      fc.tuple(word, fc.array(word, { maxLength: 2 })).map(([term, more]) => ({
        term,
        alternatives: [term, ...more],
      })),
      { maxLength: 5 },
    );
    const weight = (t: string) => 1 + t.length;
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), groups, fc.nat(), (words, gs, cut) => {
        const text = new Set(words.slice(0, 1 + (cut % words.length)));
        const viaVocabulary = coverageIn(gs, weight, vocabularyOf(words))(text);
        expect(viaVocabulary).toBe(termCoverage(gs, text, weight));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});
