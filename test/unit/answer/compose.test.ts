import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rerankPassages, toPassage, toQuotes } from "../../../src/answer/compose.js";
import type { Candidate } from "../../../src/answer/candidates.js";
import type { FusedPassage } from "../../../src/retrieval/fusion.js";
import { unitSentences } from "../../../src/retrieval/retriever.js";
import type { Store } from "../../../src/store/store.js";
import { fakeStore } from "../../fixtures/fake-store.js";

let store: Store;
let cleanup: () => void;
beforeAll(async () => ({ store, cleanup } = await fakeStore()));
afterAll(() => cleanup());

/** The first paragraph with three sentences or more, as positions in store.sentences. */
function threeInARow(): [number, number, number] {
  for (let i = 0; i + 2 < store.sentences.length; i++) {
    const [a, b, c] = [store.sentences[i]!, store.sentences[i + 1]!, store.sentences[i + 2]!];
    if (a.doc === c.doc && a.paragraph === c.paragraph && b.paragraph === a.paragraph)
      return [i, i + 1, i + 2];
  }
  throw new Error("the corpus has no paragraph of three sentences");
}

const candidate = (sentence: number): Candidate => ({
  sentence,
  cos: 0,
  passageRank: 0,
  passageScore: 0,
  passageDense: 0,
  passageLexical: 0,
  head: 0,
});

describe("composing an answer", () => {
  it("joins sentences that touch into one verbatim quote, best first, and keeps one apart", () => {
    const [a, b, c] = threeInARow();
    const quotes = toQuotes(store, [c, a, b]);
    expect(quotes).toHaveLength(1);
    const [first, last] = [store.sentences[a]!, store.sentences[c]!];
    expect(quotes[0]).toMatchObject({ doc: first.doc, start: first.start, end: last.end });
    expect(quotes[0]!.text).toBe(store.texts[first.doc]!.slice(first.start, last.end));

    const apart = toQuotes(store, [c, a]);
    expect(apart.map((q) => q.start)).toEqual([store.sentences[c]!.start, first.start]);
  });

  it("lists the candidate passages by their best sentence's share, the rest after them in retrieval's order", () => {
    const units = [0, 1, 2, 3].map((unit) => ({ unit }) as FusedPassage);
    const best = unitSentences(store, 1)[0]!;
    const other = unitSentences(store, 0)[0]!;
    const listed = rerankPassages(store, units, 2, [candidate(other), candidate(best)], [0, 3]);
    expect(listed.map((p) => p.unit)).toEqual([1, 0, 2, 3]);
    expect(listed[0]!.score).toBeGreaterThan(listed[1]!.score);
    expect(listed.slice(2).map((p) => p.score)).toEqual([0, 0]);
    expect(toPassage(store, listed[0]!)).toMatchObject({
      id: store.units[1]!.id,
      text: store.units[1]!.text,
    });
  });
});
