import { describe, expect, it } from "vitest";
import { questionStatics, viewQuestion } from "../../../src/answer/features.js";
import type { TextAnalyser } from "../../../src/answer/text-analyser.js";
import type { Store } from "../../../src/store/store.js";

/** A shelf whose sentences use these words, and a language tool that tags the given words as names. */
const store = {
  sentenceDf: { minhang: 3, park: 5, road: 2 },
  sentences: new Array(10).fill(null),
  manifest: { documents: [{ path: "a.txt" }] },
} as unknown as Store;
const tagging = (names: string[]): TextAnalyser => ({
  facts: () => ({ dates: [], numbers: [], counts: [], names, money: [] }),
});

describe("a question naming something the shelf never mentions", () => {
  it("is marked when one of its proper nouns is not a word of the shelf", () => {
    const q = viewQuestion("What is the minimum wage in Shenzhen?", store, tagging(["shenzhen"]));
    expect(questionStatics(store, q, []).unknownName).toBe(1);
  });

  it("is not marked when its names are the shelf's, or it has none", () => {
    const known = viewQuestion("How many parks will Minhang build?", store, tagging(["minhang"]));
    expect(questionStatics(store, known, []).unknownName).toBe(0);
    const none = viewQuestion("how many parks", store, tagging([]));
    expect(questionStatics(store, none, []).unknownName).toBe(0);
  });
});

describe("how much a question names of its own", () => {
  it("is as specific as its rarest word the shelf uses, against a word used once", () => {
    const rare = viewQuestion("Which road?", store, tagging([]));
    const common = viewQuestion("Which park?", store, tagging([]));
    const once = Math.log(1 + 10 / 2);
    expect(questionStatics(store, rare, []).specificity).toBeCloseTo(Math.log(1 + 10 / 3) / once);
    expect(questionStatics(store, common, []).specificity).toBeLessThan(
      questionStatics(store, rare, []).specificity,
    );
    expect(questionStatics(store, viewQuestion("Is it snowing?", store, tagging([])), []).specificity).toBe(
      0,
    );
  });

  it("counts the words that point back at something said before", () => {
    const vague = viewQuestion("is it any good and did he say that?", store, tagging([]));
    expect(questionStatics(store, vague, []).pronouns).toBeCloseTo(Math.log1p(3));
    const plain = viewQuestion("How many parks will Minhang build?", store, tagging([]));
    expect(questionStatics(store, plain, []).pronouns).toBe(0);
  });
});
