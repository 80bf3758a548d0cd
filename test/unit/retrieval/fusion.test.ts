import { describe, expect, it } from "vitest";
import { fuse, reciprocalRankFusion } from "../../../src/retrieval/fusion.js";

describe("fuse", () => {
  it("ranks by the weighted sum, with BM25 divided by the question's best", () => {
    const out = fuse(
      [
        { unit: 0, dense: 0.2, lexical: 10, sentence: 0.2 },
        { unit: 1, dense: 0.6, lexical: 0, sentence: 0.6 },
        { unit: 2, dense: 0.5, lexical: 5, sentence: 0.5 },
      ],
      { dense: 0.5, lexical: 0.3, sentence: 0.2 },
    );
    expect(out.map((p) => p.unit)).toEqual([2, 0, 1]); // 0.50, 0.44, 0.42
    expect(out.find((p) => p.unit === 0)?.lexicalNorm).toBe(1);
    expect(out.find((p) => p.unit === 2)?.score).toBeCloseTo(0.5 * 0.5 + 0.3 * 0.5 + 0.2 * 0.5);
  });

  it("is deterministic on ties and copes with no lexical hits", () => {
    const out = fuse([
      { unit: 5, dense: 0.3, lexical: 0, sentence: 0.3 },
      { unit: 2, dense: 0.3, lexical: 0, sentence: 0.3 },
    ]);
    expect(out.map((p) => p.unit)).toEqual([2, 5]);
    expect(out.every((p) => p.lexicalNorm === 0)).toBe(true);
  });
});

describe("reciprocalRankFusion", () => {
  it("rewards agreement between rankings", () => {
    const out = reciprocalRankFusion([
      [1, 2, 3],
      [3, 2, 1],
      [2, 9],
    ]);
    expect(out[0]?.unit).toBe(2);
  });
});
