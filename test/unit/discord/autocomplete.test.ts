import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brief } from "../../../src/briefing/brief.js";
import {
  documentChoices,
  MAX_CHOICE_CHARS,
  MAX_CHOICES,
  parseSectionChoice,
  sectionChoices,
  sectionChoiceValue,
} from "../../../src/frontends/discord/autocomplete.js";
import { unknownDocNote } from "../../../src/frontends/discord/notes.js";
import { chooseDocument } from "../../../src/frontends/shared/doc-scope.js";
import type { Store } from "../../../src/store/store.js";
import { fakeStore } from "../../fixtures/fake-store.js";
import { REPORT } from "../../fixtures/temp-corpus.js";

let store: Store;
let cleanup = () => undefined as void;

beforeAll(async () => {
  ({ store, cleanup } = await fakeStore());
});
afterAll(() => cleanup());

type Shelf = Pick<Store, "manifest" | "sections" | "sentences">;

/** A shelf of hand-made documents: enough of a store for the choices. */
function shelf(docs: { path: string; title: string; sections: (string | null)[] }[]): Shelf {
  const span = { start: 0, end: 1 };
  return {
    manifest: { documents: docs.map((d) => ({ path: d.path, meta: { title: d.title } })) },
    sections: Object.fromEntries(
      docs.map((d) => [d.path, d.sections.map((title, index) => ({ ...span, index, title }))]),
    ),
    // Every section has text, but those titled "(empty)".
    sentences: docs.flatMap((d) =>
      d.sections.flatMap((title, sectionIndex) =>
        title === "(empty)" ? [] : [{ doc: d.path, sectionIndex }],
      ),
    ),
  } as unknown as Shelf;
}

const valid = (choices: { name: string; value: string }[]) => {
  expect(choices.length).toBeLessThanOrEqual(MAX_CHOICES);
  for (const c of choices) {
    expect(c.name.length).toBeGreaterThan(0);
    expect(c.name.length).toBeLessThanOrEqual(MAX_CHOICE_CHARS);
    expect(c.value.length).toBeGreaterThan(0);
    expect(c.value.length).toBeLessThanOrEqual(MAX_CHOICE_CHARS);
  }
};

describe("sectionChoices over the report", () => {
  it("offers the lead and every section, numbered, names within 100 characters", () => {
    const choices = sectionChoices(store, "");
    valid(choices);
    expect(choices.map((c) => c.name)).toEqual([
      "0. Lead",
      "1. Accelerate the creation of new advantages for high-quality development",
      "2. North-South linkage accumulates new momentum for development",
      expect.stringMatching(/^3\. Strengthen the deep integration .*…$/),
      expect.stringMatching(/^4\. Do a good job in practical matters .*…$/),
    ]);
    expect(choices[4]?.value).toBe(`§4 ${REPORT}`);
  });

  it("filters by what was typed, in any order and case, and offers it as a topic too", () => {
    expect(sectionChoices(store, "LIVELIHOOD people")).toEqual([
      { name: expect.stringMatching(/^4\. Do a good job/), value: `§4 ${REPORT}` },
      { name: "Topic: LIVELIHOOD people", value: "LIVELIHOOD people" },
    ]);
    expect(sectionChoices(store, "lead")[0]).toEqual({ name: "0. Lead", value: `§0 ${REPORT}` });
    expect(sectionChoices(store, "rural revitalization")).toEqual([
      { name: "Topic: rural revitalization", value: "rural revitalization" },
    ]);
  });

  it("a picked section briefs on exactly that section", () => {
    const picked = parseSectionChoice(sectionChoiceValue(2, REPORT));
    expect(picked).toEqual({ index: 2, doc: REPORT });
    const b = brief(store, String(picked?.index), { doc: picked?.doc });
    expect(b.kind).toBe("section");
    expect(b.section).toBe("North-South linkage accumulates new momentum for development");
    expect(parseSectionChoice("rural revitalization")).toBeNull();
    expect(parseSectionChoice("§3")).toEqual({ index: 3 });
  });
});

describe("sectionChoices over a shelf", () => {
  const many = shelf([
    {
      path: "a.md",
      title: "Budget 2023",
      sections: [null, ...Array.from({ length: 30 }, (_, i) => `Item ${i}`)],
    },
    { path: "b.pdf", title: "Harbour plan", sections: [null, "(empty)", "Ferries", "Item of the harbour"] },
  ]);

  it("names the document when there are several, and keeps to 25 choices", () => {
    const all = sectionChoices(many, "");
    valid(all);
    expect(all).toHaveLength(MAX_CHOICES);
    expect(all[0]).toEqual({ name: "0. Lead — Budget 2023", value: "§0 a.md" });
    const harbour = sectionChoices(many, "harbour item");
    expect(harbour[0]).toEqual({ name: "3. Item of the harbour — Harbour plan", value: "§3 b.pdf" });
  });

  it("narrows to the document already chosen, leaving out sections without text", () => {
    expect(sectionChoices(many, "", "b.pdf").map((c) => c.name)).toEqual([
      "0. Lead",
      "2. Ferries",
      "3. Item of the harbour",
    ]);
  });

  it("falls back to the number alone when a path does not fit a value", () => {
    const long = `${"folder/".repeat(20)}report.txt`;
    expect(sectionChoiceValue(3, long)).toBe("§3");
  });
});

describe("documentChoices and chooseDocument", () => {
  const docs = shelf([
    { path: "minhang-2024.txt", title: "Minhang District Mayor's Report 2024", sections: [] },
    { path: "reports/budget.pdf", title: "Budget of the district", sections: [] },
  ]);

  it("lists the documents by title and path, filtered by what was typed", () => {
    expect(documentChoices(docs, "")).toEqual([
      { name: "Minhang District Mayor's Report 2024 (minhang-2024.txt)", value: "minhang-2024.txt" },
      { name: "Budget of the district (reports/budget.pdf)", value: "reports/budget.pdf" },
    ]);
    expect(documentChoices(docs, "BUDG").map((c) => c.value)).toEqual(["reports/budget.pdf"]);
    expect(documentChoices(docs, "pdf district").map((c) => c.value)).toEqual(["reports/budget.pdf"]);
    expect(documentChoices(docs, "nothing")).toEqual([]);
    valid(documentChoices(store, ""));
  });

  it("takes the path, the file name, the title or the bare name; anything else is unknown", () => {
    expect(chooseDocument(docs, undefined)).toEqual({ ok: true, doc: undefined });
    expect(chooseDocument(docs, "  ")).toEqual({ ok: true, doc: undefined });
    for (const typed of ["reports/budget.pdf", "budget.pdf", "Budget of the District", "budget"]) {
      expect(chooseDocument(docs, typed)).toEqual({ ok: true, doc: "reports/budget.pdf" });
    }
    const unknown = chooseDocument(docs, "budget-2023.pdf");
    expect(unknown).toMatchObject({ ok: false, input: "budget-2023.pdf" });
  });

  it("tells which documents there are when one is unknown, within a message", () => {
    const note = unknownDocNote("x*y", [
      { path: "minhang-2024.txt", title: "Mayor's Report" },
      { path: "b_c.pdf", title: "Budget" },
    ]);
    expect(note).toBe(
      [
        "No document “x\\*y” is indexed. Pick one from the list, or leave `doc` out to look at all.",
        "Known documents:",
        "- minhang-2024.txt — Mayor's Report",
        "- b\\_c.pdf — Budget",
      ].join("\n"),
    );
    const lots = Array.from({ length: 300 }, (_, i) => ({ path: `doc-${i}.txt`, title: `Report ${i}` }));
    const long = unknownDocNote("nope", lots);
    expect(long.length).toBeLessThanOrEqual(2000);
    expect(long).toMatch(/- …and \d+ more$/);
  });
});
