import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNKER_PARAMS } from "../../../src/chunking/units.js";
import { unwrapLines } from "../../../src/corpus/extract-text.js";
import { readCorpus, readDocument } from "../../../src/corpus/read-corpus.js";
import { makeDocx, makePdf } from "../../fixtures/make-documents.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "formats-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const countTokens = (t: string) => t.split(/\s+/).length + 2;

describe("PDF", () => {
  it("reads the text layer, keeps headings, and cites the page of each sentence", async () => {
    const bytes = await makePdf([
      [
        "Harbour plans",
        "",
        "The harbour will get a new pier with room for ferries and for the small fishing boats of",
        "the district. Work starts in May.",
        "1",
      ],
      ["Bridge works", "", "The old bridge will be repaired by the end of the year."],
    ]);
    writeFileSync(path.join(dir, "plans.pdf"), bytes);
    const doc = await readDocument(dir, "plans.pdf");
    expect(doc.format).toBe("pdf");
    expect(doc.pageStarts).toHaveLength(2);
    const c = chunkDocument(doc, DEFAULT_CHUNKER_PARAMS, countTokens, 256);
    expect(c.structure.sections.map((s) => s.title)).toEqual([null, "Harbour plans", "Bridge works"]);
    const pier = c.sentences.find((s) => s.text.includes("new pier"));
    expect(pier?.text).toContain("small fishing boats of the district."); // wrapped line joined
    expect(pier?.page).toBe(1);
    expect(c.sentences.find((s) => s.text.includes("old bridge"))?.page).toBe(2);
    for (const s of c.sentences) expect(doc.text.slice(s.start, s.end)).toBe(s.text);
    expect(c.structure.metaLines.map((m) => doc.text.slice(m.start, m.end))).toEqual(["1"]);
  });

  it("joins only lines that were wrapped", () => {
    const long = "x".repeat(50);
    expect(unwrapLines(`Title\n${long} and\ncontinues here.\nShort line.`)).toBe(
      `Title\n${long} and continues here.\nShort line.`,
    );
  });
});

describe("Word", () => {
  it("keeps headings as sections and paragraphs verbatim", async () => {
    writeFileSync(
      path.join(dir, "notes.docx"),
      await makeDocx(["# Parks", "Twenty pocket parks will open. Each has a playground.", "# Schools", "No schools are planned."]),
    );
    const doc = await readDocument(dir, "notes.docx");
    const c = chunkDocument(doc, DEFAULT_CHUNKER_PARAMS, countTokens, 256);
    expect(c.structure.sections.map((s) => s.title)).toEqual([null, "Parks", "Schools"]);
    expect(c.sentences.map((s) => s.text)).toEqual([
      "Twenty pocket parks will open.",
      "Each has a playground.",
      "No schools are planned.",
    ]);
    expect(c.sentences[0]?.page).toBeUndefined();
    expect(doc.meta.title).toBe("Parks");
  });

  it("are listed with the other formats in a corpus folder", async () => {
    const docs = await readCorpus(dir);
    expect(docs.map((d) => d.path)).toEqual(["notes.docx", "plans.pdf"]);
  });

  it("names the file when it cannot be read", async () => {
    writeFileSync(path.join(dir, "broken.pdf"), "not a pdf");
    await expect(readDocument(dir, "broken.pdf")).rejects.toThrow(/broken\.pdf as pdf/);
    rmSync(path.join(dir, "broken.pdf"));
  });
});
