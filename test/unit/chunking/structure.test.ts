import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../src/chunking/sentences.js";
import { parseStructure } from "../../../src/chunking/structure.js";
import { chunkDocument, DEFAULT_CHUNKER_PARAMS } from "../../../src/chunking/units.js";
import { REPO, REPORT } from "../../fixtures/temp-corpus.js";

const report = readFileSync(path.join(REPO, "corpus", REPORT), "utf8");

describe("structure of the report", () => {
  const s = parseStructure(report, "txt");

  it("finds the lead and the four section headings", () => {
    expect(s.sections.map((x) => x.title)).toEqual([
      null,
      "Accelerate the creation of new advantages for high-quality development",
      "North-South linkage accumulates new momentum for development",
      "Strengthen the deep integration of scientific and technological innovation and industrial innovation",
      "Do a good job in practical matters concerning people's livelihood that lay the foundation and benefit the long-term",
    ]);
    expect(s.paragraphs[0]?.section).toBe(0);
  });

  it("treats the closing source line as metadata, never a paragraph or a section", () => {
    expect(s.metaLines.map((m) => report.slice(m.start, m.end))).toEqual(["Source: Minhang Newspaper"]);
    const last = s.paragraphs[s.paragraphs.length - 1];
    expect(last && report.slice(last.start, last.end)).not.toContain("Source:");
    expect(s.sections.some((x) => x.title?.startsWith("Source"))).toBe(false);
  });

  it("keeps page numbers out of the paragraphs", () => {
    const text = "Heading\nA sentence here.\n12\nPage 3 of 9\nMore text follows.\n";
    const paged = parseStructure(text, "txt");
    expect(paged.paragraphs.map((p) => text.slice(p.start, p.end))).toEqual([
      "A sentence here.",
      "More text follows.",
    ]);
    expect(paged.metaLines).toHaveLength(2);
  });

  it("gives deterministic ids", () => {
    const doc = {
      path: REPORT,
      id: "minhang-mayor-report",
      format: "txt" as const,
      text: report,
      sha256: "",
      meta: { title: "t", language: "en" },
    };
    const a = chunkDocument(doc, DEFAULT_CHUNKER_PARAMS, (t) => t.length / 4, 256);
    const b = chunkDocument(doc, DEFAULT_CHUNKER_PARAMS, (t) => t.length / 4, 256);
    expect(a.units.map((u) => u.id)).toEqual(b.units.map((u) => u.id));
    expect(a.units[0]?.id).toMatch(/^minhang-mayor-report#p1\.s1-1$/);
  });
});

describe("Markdown structure", () => {
  it("takes a lone opening # heading as the document's title, not a section", () => {
    const md = "# Harbour plan\n\nThe pier opens in May.\n\n## Ferries\n\nTwo ferries will run.\n";
    const s = parseStructure(md, "md");
    expect(s.sections.map((x) => x.title)).toEqual([null, "Ferries"]);
    expect(s.paragraphs[0]?.section).toBe(0);
  });

  it("keeps several top-level headings as sections", () => {
    const s = parseStructure("# Parks\n\nText.\n\n# Schools\n\nMore.\n", "md");
    expect(s.sections.map((x) => x.title)).toEqual([null, "Parks", "Schools"]);
  });
});

describe("sentence splitting", () => {
  const texts = (t: string) => splitSentences(t).map((x) => t.slice(x.start, x.end));

  it("keeps an attribution with the quote it closes", () => {
    expect(texts('"We will do practical things for the people." Chen Huawen said. Next we start.')).toEqual([
      '"We will do practical things for the people." Chen Huawen said.',
      "Next we start.",
    ]);
  });

  it("does not end a sentence inside a closing quote or after a lower-case continuation", () => {
    expect(texts("He said “we will go.” Then we left.")).toEqual(["He said “we will go.”", "Then we left."]);
    expect(texts("Costs fell by approx. one third. Then rose.")).toEqual([
      "Costs fell by approx. one third.",
      "Then rose.",
    ]);
    expect(texts("The housing in No. 5530, Longwu Road will be done. All move.")).toEqual([
      "The housing in No. 5530, Longwu Road will be done.",
      "All move.",
    ]);
  });
});
