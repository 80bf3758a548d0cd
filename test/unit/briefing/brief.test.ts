import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brief, type Briefing } from "../../../src/briefing/brief.js";
import { renderBriefingText } from "../../../src/briefing/render-text.js";
import { salienceOf, wordCount } from "../../../src/briefing/salience.js";
import { AppError } from "../../../src/errors.js";
import type { Store } from "../../../src/store/store.js";
import { fakeStore } from "../../fixtures/fake-store.js";
import { REPORT } from "../../fixtures/temp-corpus.js";

let store: Store;
let cleanup = () => undefined as void;

beforeAll(async () => {
  ({ store, cleanup } = await fakeStore());
});
afterAll(() => cleanup());

const titles = () => (store.sections[REPORT] ?? []).map((s) => s.title);
const words = (b: Briefing) => b.sentences.reduce((n, s) => n + wordCount(s.text), 0);

/** Verbatim, in report order, within the word budget. */
function expectWellFormed(b: Briefing, maxWords = 250): void {
  expect(b.sentences.length).toBeGreaterThan(0);
  for (const s of b.sentences) expect(store.texts[s.doc]?.slice(s.start, s.end)).toBe(s.text);
  const starts = b.sentences.map((s) => s.start);
  expect(starts).toEqual([...starts].sort((a, c) => a - c));
  expect(words(b)).toBeLessThanOrEqual(maxWords);
}

describe("brief by topic", () => {
  it("briefs on rural revitalization from its paragraph only, with its figures and places", () => {
    const b = brief(store, "rural revitalization");
    expectWellFormed(b);
    expect(b.kind).toBe("topic");
    expect(b.doc).toBe(REPORT);
    expect(b.section).toBe(titles()[4]);
    expect(b.sentences.every((s) => s.paragraph === 19)).toBe(true);
    expect(b.sentences[0]?.text).toBe("The third is rural revitalization.");
    const all = b.sentences.map((s) => s.text).join(" ");
    expect(all).toContain("One Belt and Six Villages");
    expect(all).toContain("Dazhi River");
    expect(b.otherSections).toEqual(titles().filter((t, i) => t && i !== 4));
  });

  it("briefs on the park city with its figures", () => {
    const b = brief(store, "park city");
    expectWellFormed(b);
    expect(b.sentences.every((s) => s.paragraph === 18)).toBe(true);
    expect(b.sentences.some((s) => s.text.includes("650 mu of forest"))).toBe(true);
  });

  it("says nothing for a topic the report does not cover, and lists its sections", () => {
    const b = brief(store, "football");
    expect(b).toMatchObject({ kind: "none", doc: null, section: null, sentences: [] });
    expect(b.otherSections).toEqual(titles().filter(Boolean));
  });
});

describe("brief by section", () => {
  it.each([
    ["3", 3],
    ["section 2", 2],
    [
      "Do a good job in practical matters concerning people's livelihood that lay the foundation and benefit the long-term",
      4,
    ],
    ["people's livelihood", 4],
    ["north-south linkage", 2],
    ["lead", 0],
  ])("resolves %j to section %i", (request, index) => {
    const b = brief(store, request);
    expectWellFormed(b);
    expect(b.kind).toBe("section");
    const section = store.sections[REPORT]?.[index];
    expect(b.section).toBe(section?.title ?? "Lead");
    expect(b.sentences.every((s) => s.section === b.section)).toBe(true);
    expect(b.otherSections).not.toContain(b.section);
  });

  it("takes one word that is a small part of a long section title as a topic the paragraphs are about", () => {
    // "job" is one word of section 4's long title; the paragraphs about jobs are on employment.
    const b = brief(store, "jobs");
    expect(b.kind).toBe("topic");
    expectWellFormed(b);
    expect(b.sentences.some((s) => /\bjobs\b/.test(s.text))).toBe(true);
  });

  it("keeps the figure-carrying commitments of a long section within 250 words", () => {
    const b = brief(store, "4");
    expectWellFormed(b);
    expect(words(b)).toBeGreaterThan(150);
    const all = b.sentences.map((s) => s.text).join(" ");
    expect(all).toContain("20 major and 59 minor projects");
    expect(all).toContain("650 mu of forest");
    // The chunker cuts after "No."; the briefing keeps the two pieces together.
    expect(all).toContain("The renovation of the old housing in No. 5530, Longwu Road");
  });

  it("keeps to a smaller word budget", () => {
    const b = brief(store, "1", { maxWords: 60 });
    expectWellFormed(b, 60);
  });

  it("narrows to a document, and rejects one not in the index", () => {
    expect(brief(store, "3", { doc: REPORT }).kind).toBe("section");
    expect(() => brief(store, "3", { doc: "other.txt" })).toThrow(/other\.txt/);
  });

  it("rejects an empty or overlong request with a user-facing error", () => {
    for (const bad of ["  ", "?!", "x".repeat(201)]) {
      expect(() => brief(store, bad)).toThrow(AppError);
    }
  });

  it("is deterministic", () => {
    expect(JSON.stringify(brief(store, "2"))).toBe(JSON.stringify(brief(store, "2")));
  });
});

describe("salience", () => {
  it("scores figures, dates, names and commitments", () => {
    const s = salienceOf("We will add 650 mu of forest south of Dazhi River by the end of September.");
    expect(s.figures).toBeGreaterThanOrEqual(1);
    expect(s.dates).toBeGreaterThanOrEqual(1);
    expect(s.names).toBeGreaterThanOrEqual(1);
    expect(s.commitment).toBe(true);
    expect(salienceOf("It is so.").score).toBe(0);
  });
});

describe("briefing rendering", () => {
  it("cites each sentence and lists the other sections", () => {
    const text = renderBriefingText(brief(store, "rural revitalization"), { [REPORT]: "The Report" });
    expect(text).toMatch(/^Briefing on "rural revitalization" \(from The Report › Do a good job/);
    expect(text).toContain("¶19 (chars 15150–15184)");
    expect(text).toMatch(/\nOther sections: Accelerate the creation/);
  });
});
