import { describe, expect, it } from "vitest";
import type { Answer } from "../../../src/answer/types.js";
import { evalItemSchema, reliability, rocAuc, scoreRow, summarise } from "../../../src/eval/metrics.js";

const squad = evalItemSchema.parse({
  id: "s1",
  question: "When did it open?",
  doc: "A.md",
  gold: [{ text: "1989", start: 20, end: 24 }],
  impossible: false,
});
const impossible = evalItemSchema.parse({
  id: "s2",
  question: "Why?",
  doc: "A.md",
  gold: [],
  impossible: true,
});
const piece = (doc: string, start: number, end: number) => ({
  doc,
  start,
  end,
  text: "x".repeat(end - start),
  section: "",
  paragraph: 1,
});
const answer = (answered: boolean, confidence: number, quotes = [piece("A.md", 10, 40)]): Answer => ({
  question: "q",
  answered,
  confidence,
  quotes: answered ? quotes : [],
  passages: [
    { ...piece("B.md", 0, 50), id: "b", score: 1 },
    { ...piece("A.md", 0, 50), id: "a", score: 0.9 },
  ],
  index: { version: "v" },
});

describe("eval metrics", () => {
  it("reads SQuAD's layout: gold by offsets in its document, impossible as unanswerable", () => {
    expect(squad.kind).toBe("answerable");
    expect(impossible.kind).toBe("unanswerable");
    const row = scoreRow(squad, answer(true, 0.9), answer(true, 0.9).quotes, () => true);
    // The same offsets in another document do not count.
    expect(row.rank).toBe(2);
    expect(row.quoteHit).toBe(true);
    const miss = scoreRow(squad, answer(true, 0.9, [piece("A.md", 22, 40)]), [], () => true);
    expect(miss.quoteHit).toBe(false);
  });

  it("reads the report sets' layout: gold as text", () => {
    const item = evalItemSchema.parse({ question: "q", gold: ["xxxxx"], kind: "direct" });
    expect(scoreRow(item, answer(true, 0.5), [], () => true).quoteHit).toBe(true);
  });

  it("computes calibration, AUC and abstention figures", () => {
    const rows = [
      scoreRow(squad, answer(true, 0.95), answer(true, 0.9).quotes, () => true),
      scoreRow(impossible, answer(false, 0.05), [], () => true),
      scoreRow(impossible, answer(true, 0.6), [], () => true),
    ];
    const r = summarise(rows);
    expect(r.rocAuc).toBe(1);
    expect(r.abstentionPrecision).toBe(1);
    expect(r.abstentionRecall).toBe(0.5);
    expect(r.answerableAbstained).toBe(0);
    expect(r.ece).toBeCloseTo((0.05 + 0.05 + 0.6) / 3, 6);
    expect(reliability(rows).map((b) => b.count)).toEqual([1, 1, 1]);
    expect(rocAuc([0.5], [0.5])).toBe(0.5);
  });
});
