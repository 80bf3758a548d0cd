import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNKER_PARAMS } from "../../../src/chunking/units.js";
import type { SourceDocument } from "../../../src/corpus/read-corpus.js";
import { REPO, REPORT } from "../../fixtures/temp-corpus.js";

const countTokens = (t: string) => t.split(/\s+/).filter(Boolean).length + 2;

function doc(text: string, format: "txt" | "md" = "txt"): SourceDocument {
  return {
    path: "x.txt",
    id: "x",
    format,
    text,
    sha256: "0".repeat(64),
    meta: { title: "X", language: "en" },
  };
}

/** Every unit the chunker makes gives its own text back when the document is sliced at its offsets. */
function assertOffsets(text: string, format: "txt" | "md", maxTokens = 60): void {
  const c = chunkDocument(doc(text, format), DEFAULT_CHUNKER_PARAMS, countTokens, maxTokens);
  for (const p of c.structure.paragraphs) {
    expect(p.start).toBeLessThan(p.end);
    for (const s of p.sentences) {
      expect(s.start).toBeGreaterThanOrEqual(p.start);
      expect(s.end).toBeLessThanOrEqual(p.end);
    }
  }
  for (const s of c.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  for (const u of c.units) {
    expect(text.slice(u.start, u.end)).toBe(u.text);
    expect(countTokens(u.embedText)).toBeLessThanOrEqual(maxTokens);
    expect(u.text.trim()).toBe(u.text);
  }
}

const word = fc.stringMatching(/^[A-Za-z0-9’"“”()-]{1,12}$/);
const sentence = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 30 }), fc.constantFrom(".", "!", "?", '."', ".”", ""))
  .map(([words, end]) => words.join(" ") + end);
const paragraph = fc
  .tuple(fc.array(sentence, { minLength: 1, maxLength: 8 }), fc.constantFrom(" ", "  ", "\t"))
  .map(([sentences, gap]) => sentences.join(gap));
const documentText = fc
  .array(
    fc.oneof(paragraph, fc.constant("A heading line"), fc.constant("Source: Somewhere"), fc.constant("")),
    { maxLength: 12 },
  )
  .chain((lines) => fc.constantFrom("\n", "\r\n", "\n\n").map((nl) => lines.join(nl)));

describe("offsets", () => {
  it("hold for every sentence and unit of the real report", () => {
    const text = readFileSync(path.join(REPO, "corpus", REPORT), "utf8");
    assertOffsets(text, "txt", 256);
    assertOffsets(text, "txt", 40); // a tight budget forces long sentences to be split
  });

  it("hold for generated plain text", () => {
    fc.assert(
      fc.property(documentText, (text) => assertOffsets(text, "txt")),
      { numRuns: 300 },
    );
  });

  it("hold for generated Markdown", () => {
    const md = fc
      .array(
        fc.oneof(
          paragraph,
          word.map((w) => `## ${w} title`),
          sentence.map((s) => `- ${s}`),
          fc.constant(""),
        ),
        { maxLength: 12 },
      )
      .map((l) => l.join("\n"));
    fc.assert(
      fc.property(md, (text) => assertOffsets(text, "md")),
      { numRuns: 300 },
    );
  });
});
