// Hostile documents through reading, parsing and chunking: control characters, CRLF, a BOM, no punctuation,
// very long lines, lone surrogates. Nothing throws; every offset stays inside the text and slices back.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNKER_PARAMS } from "../../../src/chunking/units.js";
import { readDocument, type SourceDocument } from "../../../src/corpus/read-corpus.js";

const countTokens = (t: string) => t.split(/\s+/).filter(Boolean).length + 2;

function asDoc(text: string, format: "txt" | "md"): SourceDocument {
  return { path: `x.${format}`, id: "x", format, text, sha256: "0".repeat(64), meta: { title: "X", language: "en" } };
}

function assertChunks(text: string, format: "txt" | "md", maxTokens: number): void {
  const c = chunkDocument(asDoc(text, format), DEFAULT_CHUNKER_PARAMS, countTokens, maxTokens);
  const inside = (s: { start: number; end: number }) => {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(text.length);
    expect(s.start).toBeLessThanOrEqual(s.end);
  };
  for (const section of c.structure.sections) inside(section);
  for (const p of c.structure.paragraphs) {
    inside(p);
    for (const s of p.sentences) inside(s);
  }
  for (const s of c.sentences) {
    inside(s);
    expect(text.slice(s.start, s.end)).toBe(s.text);
  }
  for (const u of c.units) {
    inside(u);
    expect(text.slice(u.start, u.end)).toBe(u.text);
    expect(countTokens(u.embedText)).toBeLessThanOrEqual(maxTokens);
  }
}

const control = fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c));
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z]{1,10}$/) },
  { weight: 2, arbitrary: fc.constantFrom(" ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\u00a0", "\u2028") },
  { weight: 2, arbitrary: fc.constantFrom(".", "!", "?", "…", "。", '"', "“", "”", "#", "- ", "## ", "1. ") },
  { weight: 1, arbitrary: control },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom("\ud800", "\udfff", "\ufffd", "\u200b", "\ufeff", "😀", "中文") },
);
const hostileText = fc.array(piece, { maxLength: 120 }).map((parts) => parts.join(""));
/** One line of thousands of words and no punctuation at all: a sentence far over any token budget. */
const longLine = fc
  .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.integer({ min: 500, max: 4000 }))
  .map(([w, n]) => Array.from({ length: n }, (_, i) => `${w}${i % 13}`).join(" "));
const withBom = (text: fc.Arbitrary<string>) => text.map((t) => `\ufeff${t}`);

describe("random hostile documents", () => {
  it("chunk without throwing, every offset inside the text and slicing back (plain text)", () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, withBom(hostileText)), fc.integer({ min: 8, max: 256 }), (text, max) =>
        assertChunks(text, "txt", max),
      ),
      { numRuns: 400 },
    );
  });

  it("the same as Markdown", () => {
    fc.assert(
      fc.property(hostileText, (text) => assertChunks(text, "md", 64)),
      { numRuns: 300 },
    );
  });

  it("very long lines without punctuation, with CRLF between them", () => {
    fc.assert(
      fc.property(fc.array(longLine, { minLength: 1, maxLength: 3 }), (lines) =>
        assertChunks(lines.join("\r\n"), "txt", 64),
      ),
      { numRuns: 15 },
    );
  });
});

describe("random files read from disk", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fuzz-read-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("are either read with their text intact or rejected with a reason; chunking what is read never throws", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileText, withBom(hostileText), fc.uint8Array({ maxLength: 2000 })), async (content) => {
        const file = "doc.txt";
        writeFileSync(path.join(dir, file), typeof content === "string" ? content : Buffer.from(content));
        let doc: SourceDocument;
        try {
          doc = await readDocument(dir, file);
        } catch (error) {
          expect((error as Error).message.length).toBeGreaterThan(0);
          return;
        }
        if (typeof content === "string") expect(doc.text).toBe(Buffer.from(content).toString("utf8"));
        assertChunks(doc.text, "txt", 64);
      }),
      { numRuns: 200 },
    );
  });
});
