import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import type { Store } from "../../../src/store/store.js";
import { findQuotes, type QuoteHit } from "../../../src/wording/find-quotes.js";
import { markMatch, renderQuotesText } from "../../../src/wording/render-text.js";
import { fakeStore } from "../../fixtures/fake-store.js";
import { REPORT } from "../../fixtures/temp-corpus.js";

let store: Store;
let cleanup = () => undefined as void;

beforeAll(async () => {
  ({ store, cleanup } = await fakeStore());
});
afterAll(() => cleanup());

const matched = (h: QuoteHit) => store.texts[h.doc]?.slice(h.match.start, h.match.end);

/** Every hit is verbatim: its text is the document's slice, and the match lies inside it. */
function expectVerbatim(hits: QuoteHit[]): void {
  for (const h of hits) {
    expect(store.texts[h.doc]?.slice(h.start, h.end)).toBe(h.text);
    expect(h.match.start).toBeGreaterThanOrEqual(h.start);
    expect(h.match.end).toBeLessThanOrEqual(h.end);
    expect(h.match.end).toBeGreaterThan(h.match.start);
  }
}

describe("findQuotes", () => {
  it("finds the forest sentence with exact offsets for the phrase and the sentence", () => {
    const hits = findQuotes(store, "650 mu");
    expect(hits).toHaveLength(1);
    const [hit] = hits as [QuoteHit];
    expect(hit.exact).toBe(true);
    expect(hit.doc).toBe(REPORT);
    expect(matched(hit)).toBe("650 mu");
    expect(hit.text).toMatch(/^In terms of promoting increment, 650 mu of forest area will be added/);
    expect(hit.paragraph).toBe(18);
    expect(hit.section).toMatch(/^Do a good job in practical matters/);
    expectVerbatim(hits);
  });

  it.each([
    ["case and spacing", "650 MU  of\n Forest", "650 mu of forest"],
    ["curly double quotes", "the “Big Zero Bay” financial port", 'the "Big Zero Bay" financial port'],
    [
      "quotes left out",
      "promote the experience of the Modena Project",
      'promote the experience of the "Modena Project',
    ],
    [
      "curly apostrophe",
      "people’s livelihood that lay the foundation",
      "people's livelihood that lay the foundation",
    ],
    ["dashes of any kind, or spaces", "pre–incubation — start up", "pre-incubation-start-up"],
    ["a hyphen typed as a space", "three dimensional greening", "three-dimensional greening"],
  ])("is insensitive to %s", (_what, phrase, words) => {
    const hits = findQuotes(store, phrase);
    expect(hits.length).toBeGreaterThan(0);
    const [hit] = hits as [QuoteHit];
    expect(hit.exact).toBe(true);
    expect(matched(hit)).toBe(words);
    expectVerbatim(hits);
  });

  it("finds a phrase with a typo, marked not exact, with the document's words as the match", () => {
    const hits = findQuotes(store, "650 mu of forrest");
    expect(hits).toHaveLength(1);
    expect(hits[0]?.exact).toBe(false);
    expect(matched(hits[0] as QuoteHit)).toBe("650 mu of forest");
    expectVerbatim(hits);
  });

  it("ranks exact hits before near ones (a word more in the report)", () => {
    const hits = findQuotes(store, "the opening of green spaces affiliated to");
    expect(hits.map((h) => h.exact)).toEqual([true, false]);
    expect(matched(hits[0] as QuoteHit)).toBe("the opening of green spaces affiliated to");
    expect(matched(hits[1] as QuoteHit)).toBe("the orderly opening of green spaces affiliated to");
    expectVerbatim(hits);
  });

  it("lists every exact occurrence in report order", () => {
    const hits = findQuotes(store, "big zero bay");
    expect(hits.length).toBe(5);
    expect(hits.every((h) => h.exact && matched(h) === "Big Zero Bay")).toBe(true);
    const starts = hits.map((h) => h.match.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("returns no hits for a phrase the report does not hold", () => {
    expect(findQuotes(store, "football match last night")).toEqual([]);
  });

  it("matches whole words and never forgives a different figure", () => {
    expect(findQuotes(store, "50 mu")).toEqual([]);
    expect(findQuotes(store, "660 mu of forest").every((h) => !h.exact)).toBe(true);
    expect(findQuotes(store, "660 mu")).toEqual([]);
  });

  it("quotes both sentences when a phrase runs over a sentence break", () => {
    const hits = findQuotes(store, "No. 5530, Longwu Road");
    expect(hits).toHaveLength(1);
    expect(matched(hits[0] as QuoteHit)).toBe("No. 5530, Longwu Road");
    expectVerbatim(hits);
  });

  it("caps the hits at maxHits", () => {
    expect(findQuotes(store, "the", { maxHits: 5 })).toHaveLength(5);
  });

  it("narrows to a document, and rejects one not in the index", () => {
    expect(findQuotes(store, "650 mu", { doc: REPORT })).toHaveLength(1);
    expect(() => findQuotes(store, "650 mu", { doc: "other.txt" })).toThrow(AppError);
    expect(() => findQuotes(store, "650 mu", { doc: "other.txt" })).toThrow(/other\.txt/);
  });

  it("rejects a phrase without words, or too long, with a user-facing error", () => {
    for (const bad of ["", "  “ ” — ", "x".repeat(501)]) {
      try {
        findQuotes(store, bad);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("PHRASE_INVALID");
        expect((error as AppError).userFacing).toBe(true);
      }
    }
  });

  it("is deterministic", () => {
    const a = JSON.stringify(findQuotes(store, "green space"));
    expect(JSON.stringify(findQuotes(store, "green space"))).toBe(a);
  });
});

describe("quote rendering", () => {
  it("marks the matched words and cites each hit", () => {
    const hits = findQuotes(store, "650 mu of forrest");
    expect(markMatch(hits[0] as QuoteHit)).toContain("»650 mu of forest« area");
    const text = renderQuotesText("650 mu of forrest", hits, { [REPORT]: "The Report" });
    expect(text).toContain("1 hit (1 near)");
    expect(text).toContain("The Report › Do a good job");
    expect(text).toContain("¶18 (chars 14206–14446)");
    expect(renderQuotesText("nothing", [], {})).toMatch(/^No occurrence/);
  });
});
