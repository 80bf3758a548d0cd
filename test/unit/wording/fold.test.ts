import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldWithMap, tokensOf } from "../../../src/wording/fold.js";
import { nearBudget, osaDistance, wordCost } from "../../../src/wording/word-distance.js";

describe("foldWithMap", () => {
  it("folds case, spacing, quotes and dashes, keeping apostrophes", () => {
    expect(foldWithMap(" The  “Big Zero Bay”\n—pre‑incubation  people’s ").text).toBe(
      "the big zero bay pre incubation people's",
    );
    expect(foldWithMap("'quoted' word").text).toBe("quoted word");
  });

  it("maps every folded character back to the original it came from", () => {
    const source = "A  “Ｆｕｌｌ” width – test";
    const f = foldWithMap(source);
    expect(f.text).toBe("a full width test");
    const at = f.text.indexOf("full");
    expect(source.slice(f.starts[at], f.ends[at + 3])).toBe("Ｆｕｌｌ");
  });

  it("keeps offsets in bounds and in order for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 60 }), (s) => {
        const f = foldWithMap(s);
        expect(f.starts).toHaveLength(f.text.length);
        for (let i = 0; i < f.starts.length; i++) {
          expect(f.starts[i]).toBeGreaterThanOrEqual(i > 0 ? (f.starts[i - 1] ?? 0) : 0);
          expect(f.ends[i]).toBeGreaterThan(f.starts[i] ?? 0);
          expect(f.ends[i]).toBeLessThanOrEqual(s.length);
        }
        for (const t of tokensOf(f)) expect(t.end).toBeGreaterThan(t.start);
      }),
    );
  });

  it("tokenizes into words with original offsets", () => {
    const source = "Build 20 “pocket parks”.";
    expect(tokensOf(foldWithMap(source)).map((t) => [t.word, source.slice(t.start, t.end)])).toEqual([
      ["build", "Build"],
      ["20", "20"],
      ["pocket", "pocket"],
      ["parks", "parks"],
    ]);
  });
});

describe("word distance", () => {
  it("counts a transposition as one edit", () => {
    expect(osaDistance("forest", "forrest")).toBe(1);
    expect(osaDistance("form", "from")).toBe(1);
    expect(osaDistance("", "abc")).toBe(3);
  });

  it("forgives typos and inflections in longer words only, never in figures", () => {
    expect(wordCost("forest", "forest")).toBe(0);
    expect(wordCost("forrest", "forest")).toBeLessThan(1);
    expect(wordCost("parks", "park")).toBeLessThan(1);
    expect(wordCost("mi", "mu")).toBe(1);
    expect(wordCost("650", "660")).toBe(1);
  });

  it("allows a word or two for longer phrases, only a typo for short ones", () => {
    expect(nearBudget(2)).toBeLessThan(1);
    expect(nearBudget(4)).toBe(1);
    expect(nearBudget(8)).toBe(2);
  });
});
