import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  generateCorpus,
  parseLayout,
  seededRandom,
  shuffled,
} from "../../../scripts/bench/synthetic-corpus.js";
import { parseStructure } from "../../../src/chunking/structure.js";

const SOURCE = readFileSync(
  path.resolve(import.meta.dirname, "../../../corpus/minhang-mayor-report.txt"),
  "utf8",
);

describe("generateCorpus", () => {
  it("gives the same corpus for the same seed and another for another seed", () => {
    const a = generateCorpus(SOURCE, { docs: 5, seed: 7 });
    const b = generateCorpus(SOURCE, { docs: 5, seed: 7 });
    const c = generateCorpus(SOURCE, { docs: 5, seed: 8 });
    expect(b).toEqual(a);
    expect(c.map((d) => d.text)).not.toEqual(a.map((d) => d.text));
  });

  it("makes every document distinct from the others and from the source", () => {
    const docs = generateCorpus(SOURCE, { docs: 200 });
    const texts = new Set(docs.map((d) => d.text));
    expect(texts.size).toBe(200);
    expect(texts.has(SOURCE)).toBe(false);
    expect(new Set(docs.map((d) => d.name)).size).toBe(200);
    expect(docs[0]?.name).toBe("report-0001.txt");
  });

  it("keeps the source's headings, paragraph count and trailer, so structure parsing works", () => {
    const source = parseStructure(SOURCE, "txt");
    const headings = source.sections.map((s) => s.title).sort();
    for (const doc of generateCorpus(SOURCE, { docs: 10, seed: 3 })) {
      const parsed = parseStructure(doc.text, "txt");
      expect(parsed.sections.map((s) => s.title).sort()).toEqual(headings);
      expect(parsed.paragraphs.length).toBe(source.paragraphs.length);
      expect(parsed.metaLines.length).toBe(source.metaLines.length);
    }
  });

  it("varies the wording, not only the order", () => {
    const sourceSentences = new Set(parseLayout(SOURCE).sections.flatMap((s) => s.paragraphs));
    const [doc] = generateCorpus(SOURCE, { docs: 1, seed: 11 });
    const paragraphs = parseLayout(doc?.text ?? "").sections.flatMap((s) => s.paragraphs);
    const unchanged = paragraphs.filter((p) => sourceSentences.has(p)).length;
    expect(unchanged).toBeLessThan(paragraphs.length / 2);
  });
});

describe("seeded helpers", () => {
  it("repeat their sequence for a seed and keep every item when shuffling", () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const items = [1, 2, 3, 4, 5, 6];
    expect(shuffled(items, seededRandom(1)).sort()).toEqual(items);
  });
});
