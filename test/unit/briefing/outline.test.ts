import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outline } from "../../../src/briefing/outline.js";
import { renderOutlineText } from "../../../src/briefing/render-text.js";
import type { Store } from "../../../src/store/store.js";
import { fakeStore } from "../../fixtures/fake-store.js";
import { REPORT } from "../../fixtures/temp-corpus.js";

let store: Store;
let cleanup = () => undefined as void;

beforeAll(async () => {
  ({ store, cleanup } = await fakeStore());
});
afterAll(() => cleanup());

describe("outline", () => {
  it("lists the document, its lead and its four sections, each with a verbatim line", () => {
    const o = outline(store);
    expect(o.documents).toHaveLength(1);
    const d = o.documents[0]!;
    expect(d.doc).toBe(REPORT);
    expect(d.title).toMatch(/^Minhang District Mayor's Report/);
    expect(d.sections.map((s) => s.label)).toEqual([
      "Lead",
      "Accelerate the creation of new advantages for high-quality development",
      "North-South linkage accumulates new momentum for development",
      "Strengthen the deep integration of scientific and technological innovation and industrial innovation",
      "Do a good job in practical matters concerning people's livelihood that lay the foundation and benefit the long-term",
    ]);
    for (const s of d.sections) {
      expect(s.line).not.toBeNull();
      expect(store.texts[REPORT]?.slice(s.line!.start, s.line!.end)).toBe(s.line!.text);
      expect(s.line!.section).toBe(s.label);
      expect(s.paragraphs).toBeGreaterThan(0);
      expect(s.words).toBeGreaterThan(0);
    }
  });

  it("opens each section with a statement, not a stand-alone quotation", () => {
    const line = outline(store).documents[0]!.sections[1]!.line!;
    expect(line.text).toMatch(/^Chen Huawen said that in order to accelerate/);
  });

  it("can pick the sentence nearest each section's centroid instead", () => {
    const o = outline(store, { line: "centroid" });
    for (const s of o.documents[0]!.sections) expect(s.line!.section).toBe(s.label);
  });

  it("narrows to a document, and rejects one not in the index", () => {
    expect(outline(store, { doc: REPORT }).documents).toHaveLength(1);
    expect(() => outline(store, { doc: "other.txt" })).toThrow(/other\.txt/);
  });

  it("renders numbered sections as brief accepts them", () => {
    const text = renderOutlineText(outline(store));
    expect(text).toContain("  0. Lead (1 ¶");
    expect(text).toContain("  3. Strengthen the deep integration");
  });
});
